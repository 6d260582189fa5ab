/**
 * Checks for "Guardrails". They hang, slow down and break the upstream (all of it,
 * or only the requests for one metric), send queries that ask for too much, and
 * look at what came back, how long it took and what was sent upstream.
 */
import { expect, queryResponse, responseFor, show, urlParams } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';

/** The handler's own bound is 1 s per call; this leaves room for a busy machine, well below the 3 s run limit. */
const BOUND_MS = 2000;
const DAY = 24 * 60 * 60 * 1000;

const CPU = { metric: 'cpu_usage_percent', aggregation: 'avg' };
const QUEUE = { metric: 'queue_depth', aggregation: 'max' };
const MEMORY = { metric: 'memory_used_bytes', aggregation: 'sum' };

function expectCategory(record: RunRecord, refId: string, category: string) {
  const { error, frames } = responseFor(record, refId);
  expect(error, `a '${category}' error for refId ${refId}`, `refId ${refId} came back without an error (${frames.length} frames)`);
  expect(error.category === category, `a '${category}' error for refId ${refId}`, `it is '${error.category}': ${show(error.message)}`);
  return error.message;
}

function expectFrames(record: RunRecord, refId: string) {
  const { error, frames } = responseFor(record, refId);
  expect(!error, `frames and no error for refId ${refId}`, () => `refId ${refId} has an error: ${error!.category}, ${show(error!.message)}`);
  expect(frames.length > 0, `frames for refId ${refId}`, 'it has none');
}

/**
 * Each upstream call ended within the bound. Timed per call (on the host, from request
 * to answer or abort) rather than per run, so a busy machine's slow sandbox start does
 * not count against the handler.
 */
function expectInBound(record: RunRecord, what: string) {
  expect(!record.killed, `${what} before the run's time limit`, 'the run had to be stopped at its time limit');
  const longest = Math.max(0, ...record.upstream.map((call) => call.durationMs));
  expect(longest < BOUND_MS, `${what}: every upstream call given up within ${BOUND_MS} ms`, `one call lasted ${longest} ms`);
}

function expectNothingSent(record: RunRecord) {
  expect(record.upstream.length === 0, 'no upstream request for a refused query', `${record.upstream.length} request(s) went out`);
}

const checks: LabCheck[] = [
  {
    id: 'hang-is-timeout-in-bound',
    task: 1,
    title: 'A hanging upstream gives a timeout error, fast',
    hint: 'AbortSignal.any([ctx.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]) bounds one call; map the abort to a timeout error.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }], scenario: { fault: 'hang' } });
      queryResponse(record);
      expectInBound(record, 'an answer from a hanging upstream');
      const message = expectCategory(record, 'A', 'timeout');
      expect(message.trim().length > 0, 'a message for the user', 'the message is empty');
    },
  },
  {
    id: 'slow-but-in-time-still-works',
    task: 1,
    title: 'An upstream that is slow but within the bound still gives frames',
    hint: 'The timeout bounds a call; it should not be so short that a merely slow upstream fails.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }], scenario: { latencyMs: 400 } });
      expectFrames(record, 'A');
    },
  },
  {
    id: 'rate-limit-not-retried-silently',
    task: 1,
    title: 'A 429 is reported once, not retried in a loop',
    hint: 'Return a rate_limit error that says when to try again; a retry loop in every panel multiplies the load on an upstream that asked for less.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }], scenario: { fault: 'rate_limit' } });
      expectCategory(record, 'A', 'rate_limit');
      expect(record.upstream.length <= 2, 'at most one retry', `the handler sent ${record.upstream.length} requests`);
    },
  },
  {
    id: 'long-range-refused',
    task: 2,
    title: 'A range over 7 days, or a reversed one, is refused before any request',
    hint: 'Compare to - from with MAX_RANGE_MS in rangeProblem; say the limit in the message.',
    async run(ctx) {
      const month = await ctx.query({ queries: [{ json: CPU, timeRange: { from: ctx.now - 30 * DAY, to: ctx.now } }] });
      const message = expectCategory(month, 'A', 'validation');
      expect(/\b7\b/.test(message), 'a message that states the limit (7 days)', `it says ${show(message)}`);
      expectNothingSent(month);
      const reversed = await ctx.query({ queries: [{ json: CPU, timeRange: { from: ctx.now, to: ctx.now - DAY } }] });
      expectCategory(reversed, 'A', 'validation');
      expectNothingSent(reversed);
      const week = await ctx.query({ queries: [{ json: CPU, timeRange: { from: ctx.now - 7 * DAY, to: ctx.now } }] });
      expectFrames(week, 'A');
    },
  },
  {
    id: 'points-capped',
    task: 2,
    title: 'Never asks for more points than maxDataPoints, nor more than 1000',
    hint: 'stepSeconds: at least intervalMs, and at least range / min(maxDataPoints, MAX_POINTS), rounded up.',
    async run(ctx) {
      const cases = [
        { maxDataPoints: 100, intervalMs: 15_000, range: DAY, cap: 100, minStep: 15 },
        { maxDataPoints: 1_000_000, intervalMs: 1_000, range: 7 * DAY, cap: 1000, minStep: 1 },
        { maxDataPoints: 300, intervalMs: 60_000, range: DAY / 24, cap: 300, minStep: 60 },
      ];
      for (const c of cases) {
        const record = await ctx.query({ queries: [{ json: CPU, maxDataPoints: c.maxDataPoints, intervalMs: c.intervalMs, timeRange: { from: ctx.now - c.range, to: ctx.now } }] });
        expectFrames(record, 'A');
        const step = Number(urlParams(record.upstream[0].url).get('step'));
        const points = c.range / 1000 / step;
        const asked = `maxDataPoints ${c.maxDataPoints}, intervalMs ${c.intervalMs}, ${c.range / 3_600_000} h`;
        expect(points <= c.cap, `at most ${c.cap} points per series for ${asked}`, `step=${step} asks for about ${Math.floor(points) + 1}`);
        expect(step >= c.minStep, `a step of at least ${c.minStep} s (the panel's interval) for ${asked}`, `step=${step}`);
      }
    },
  },
  {
    id: 'unknown-aggregation-refused',
    task: 2,
    title: 'An unknown aggregation is refused before any request',
    hint: 'parseQuery already refuses it: make sure its answer is used before the fetch.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: 'cpu_usage_percent', aggregation: 'p99' } }] });
      expectCategory(record, 'A', 'validation');
      expectNothingSent(record);
    },
  },
  {
    id: 'one-failure-others-frames',
    task: 3,
    title: 'One query fails upstream: the others keep their frames',
    hint: 'Let each query settle on its own (Promise.allSettled, or a runQuery that never throws).',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }, { json: QUEUE }, { json: MEMORY }], scenario: { fault: 'server_error', faultQueryContains: 'queue_depth' } });
      expectFrames(record, 'A');
      expectCategory(record, 'B', 'upstream');
      expectFrames(record, 'C');
    },
  },
  {
    id: 'one-hang-others-in-time',
    task: 3,
    title: 'One query hangs: the others answer, and the whole request stays in bound',
    hint: 'Run the queries in parallel, each call with its own timeout.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }, { json: QUEUE }, { json: MEMORY }], scenario: { fault: 'hang', faultQueryContains: 'queue_depth' } });
      queryResponse(record);
      expectInBound(record, 'the whole request');
      expectFrames(record, 'A');
      expectCategory(record, 'B', 'timeout');
      expectFrames(record, 'C');
    },
  },
  {
    id: 'one-invalid-others-fine',
    task: 3,
    title: 'One invalid query: only the valid one goes upstream',
    hint: 'Validation is per query: the refused one gets its error, the other its frames.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }, { json: { metric: 'queue_depth', aggregation: 'median' } }] });
      expectFrames(record, 'A');
      expectCategory(record, 'B', 'validation');
      expect(record.upstream.length === 1, 'exactly one upstream request', `${record.upstream.length} went out`);
    },
  },
];

export default checks;

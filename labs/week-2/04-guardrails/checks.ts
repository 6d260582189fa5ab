/**
 * Checks for "Guardrails". They hang, slow down and break the upstream (all of it,
 * or only the requests for one metric), cancel a request as Grafana does when a
 * dashboard's request is abandoned, send queries that ask for too much, and look at
 * what came back, how long it took and what the upstream saw: which requests were in
 * flight together, and whether each one that got no answer was aborted by the handler
 * or left open.
 */
import { expect, fail, queryResponse, responseFor, RunDidNotComplete, show, urlParams } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import type { UpstreamCall } from '@/lib/runtime/upstream-bridge';

/**
 * The handler's own bound is 1 s per call; every call must be given up well before the 3 s
 * run limit. Durations are virtual ms (the run's clock), so a busy machine no longer eats
 * into this; the margin is kept so the check passes and fails exactly what it did.
 */
const BOUND_MS = 2000;
/** The lab's per-call timeout (limits.ts UPSTREAM_TIMEOUT_MS, as the task states it). */
const TIMEOUT_MS = 1000;
/**
 * How soon after Grafana's cancel the upstream must see its request aborted: half the
 * call's own timeout, so an abort that came from that timer cannot pass for one that
 * came from ctx.signal, and well within the time a busy machine needs to pass it on.
 */
const CANCEL_REACHES_MS = TIMEOUT_MS / 2;
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

/** The one upstream call of a run that should have made exactly one; a run that crashed before it ends the check as an error. */
function onlyCall(record: RunRecord): UpstreamCall {
  if (record.upstream.length === 0 && !record.output.ok) throw new RunDidNotComplete(record.output.error);
  expect(record.upstream.length === 1, 'exactly one upstream request for one query', `${record.upstream.length} went out`);
  return record.upstream[0];
}

/** When the call ended, in ms on the upstream calls' clock. */
const endOf = (call: UpstreamCall) => call.startedAtMs + call.durationMs;

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
    id: 'timeout-aborts-request',
    task: 1,
    title: 'A timeout aborts the upstream request, not only the wait for it',
    hint: 'Give fetch a signal that your timeout aborts. A timer raced against fetch stops the wait, but the request stays open and the upstream keeps working on it.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: CPU }], scenario: { fault: 'hang' } });
      const call = onlyCall(record);
      expect(
        call.abortedBy === 'handler',
        'the hanging request aborted by the handler when its timeout fired',
        call.abortedBy === 'run-end'
          ? `the handler stopped waiting but never aborted the request: it was still open when the run ended, ${call.durationMs} ms after it was sent`
          : `the request ended without an abort (${call.status !== undefined ? `HTTP ${call.status}` : show(call.error)})`,
      );
    },
  },
  {
    id: 'cancel-reaches-upstream',
    task: 1,
    title: "Grafana's cancel aborts the upstream request at once",
    hint: "Pass fetch a signal that aborts on ctx.signal as well as on your timeout (AbortSignal.any). When Grafana abandons a request, its upstream calls must stop then, not when their own timer fires.",
    async run(ctx) {
      // Cancelled the moment the request reaches the hanging upstream, long before any timeout.
      const record = await ctx.query({ queries: [{ json: CPU }], scenario: { fault: 'hang' }, cancel: { afterUpstreamRequests: 1 } });
      const call = onlyCall(record);
      const cancelledAt = record.cancelledAtMs ?? fail('the run cancelled once its request reached the upstream', 'it was never cancelled');
      const afterCancel = Math.max(0, endOf(call) - cancelledAt);
      const expected = `the upstream request aborted by the handler within ${CANCEL_REACHES_MS} ms of Grafana's cancel`;
      if (call.abortedBy === 'handler') {
        // Read on the upstream's clock; a call's own 1 s timer would fire far later than this.
        expect(afterCancel < CANCEL_REACHES_MS, expected, `the handler aborted it ${afterCancel} ms after the cancel: its own timer, not ctx.signal, ended it`);
        return;
      }
      if (record.killed) {
        fail(expected, `the handler went on after the cancel, so the sandbox stopped it and closed the request itself, ${afterCancel} ms after the cancel: ctx.signal never reached the fetch`);
      }
      fail(expected, `the handler stopped waiting after the cancel, but left the request open: it was closed only when the run ended, ${afterCancel} ms after the cancel`);
    },
  },
  {
    id: 'slow-but-in-time-still-works',
    task: 1,
    title: 'An upstream that is slow but within the bound still gives frames',
    hint: 'The timeout bounds a call; it should not be so short that a merely slow upstream fails.',
    async run(ctx) {
      // The 400 ms are virtual (the run's clock), so a busy machine cannot push them past the bound.
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
    title: 'An unknown aggregation, or a query model that is not an object, is refused before any request',
    hint: 'parseQuery already refuses both: use its answer before reading anything from the query JSON yourself, and before the fetch.',
    async run(ctx) {
      // Valid JSON of the wrong shape, as an old dashboard or a hand-edited panel can hold.
      const models = [{ metric: 'cpu_usage_percent', aggregation: 'p99' }, 'null', '42', '[]', '"cpu_usage_percent"'];
      for (const json of models) {
        const record = await ctx.query({ queries: [{ json }] });
        const { error } = responseFor(record, 'A');
        const model = typeof json === 'string' ? json : JSON.stringify(json);
        expect(error?.category === 'validation', `a 'validation' error for the query model ${model}`, () => (error ? `it is '${error.category}': ${show(error.message)}` : 'it came back without an error'));
        expectNothingSent(record);
      }
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
    title: 'One invalid query, placed first: only the valid one goes upstream',
    hint: 'Validation is per query: the refused one gets its error, the others their frames, whatever their order.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: 'queue_depth', aggregation: 'median' } }, { json: CPU }] });
      expectCategory(record, 'A', 'validation');
      expectFrames(record, 'B');
      expect(record.upstream.length === 1, 'exactly one upstream request', `${record.upstream.length} went out`);
    },
  },
  {
    id: 'queries-in-parallel',
    task: 3,
    title: 'The queries of one request go upstream together, not one after another',
    hint: 'Start every query before awaiting any: map the queries to promises, then await them all (Promise.allSettled).',
    async run(ctx) {
      // Each request takes 400 ms, well inside the 1 s bound: only the order can differ.
      const record = await ctx.query({ queries: [{ json: CPU }, { json: QUEUE }, { json: MEMORY }], scenario: { latencyMs: 400 } });
      queryResponse(record);
      expect(record.upstream.length === 3, 'one upstream request per query (3)', `${record.upstream.length} went out`);
      // Read on the upstream's own clock: every request had arrived before the first one was answered.
      const last = record.upstream.reduce((a, b) => (b.startedAtMs > a.startedAtMs ? b : a));
      const first = record.upstream.reduce((a, b) => (endOf(b) < endOf(a) ? b : a));
      expect(
        last.startedAtMs < endOf(first),
        'all three requests in flight at the same time',
        `request ${last.seq} reached the upstream at ${last.startedAtMs} ms, after request ${first.seq} had already ended at ${endOf(first)} ms: the queries ran one after another`,
      );
    },
  },
];

export default checks;

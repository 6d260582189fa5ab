/**
 * Checks for "Guardrails". They hang, slow down and break the upstream (all of it,
 * or only the requests for one metric), cancel a request as Grafana does when a
 * dashboard's request is abandoned, send queries that ask for too much, and look at
 * what came back, how long it took and what the upstream saw: which requests were in
 * flight together, and whether each one that got no answer was aborted by the handler
 * or left open.
 *
 * What a verdict depends on is drawn per Run (lib/checks/draw.ts): the ranges refused
 * and accepted, the panel sizes and intervals, the wrong aggregations and query models,
 * which metric fails or hangs and where it sits. Failures name the input.
 */
import { expect, expectCompleted, fail, queryResponse, responseFor, RunDidNotComplete, show, urlParams } from '@/lib/checks/assert';
import { drawFor, nonObjectJsons, refIds, showText, unknownAggregation, unknownAggregations, type Draw } from '@/lib/checks/draw';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import { METRIC_NAMES } from '@/lib/upstreams/metrics';
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
const HOUR = 60 * 60 * 1000;
/** The aggregations of the lab's query model (query.ts). */
const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

const CPU = { metric: 'cpu_usage_percent', aggregation: 'avg' };
const QUEUE = { metric: 'queue_depth', aggregation: 'max' };
const MEMORY = { metric: 'memory_used_bytes', aggregation: 'sum' };

/** `what` says what the query was (the drawn input), for the message. */
function expectCategory(record: RunRecord, refId: string, category: string, what?: string) {
  const about = `refId ${refId}${what ? ` (${what})` : ''}`;
  const { error, frames } = responseFor(record, refId);
  expect(error, `a '${category}' error for ${about}`, `refId ${refId} came back without an error (${frames.length} frames)`);
  expect(error.category === category, `a '${category}' error for ${about}`, `it is '${error.category}': ${show(error.message)}`);
  return error.message;
}

function expectFrames(record: RunRecord, refId: string, what?: string) {
  const about = `refId ${refId}${what ? ` (${what})` : ''}`;
  const { error, frames } = responseFor(record, refId);
  expect(!error, `frames and no error for ${about}`, () => `refId ${refId} has an error: ${error!.category}, ${show(error!.message)}`);
  expect(frames.length > 0, `frames for ${about}`, 'it has none');
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

function expectNothingSent(record: RunRecord, what = 'a refused query') {
  expect(record.upstream.length === 0, `no upstream request for ${what}`, `${record.upstream.length} request(s) went out`);
}

/** A span as a person reads it: "7 days 1 h 3 s". */
function span(ms: number): string {
  const parts: string[] = [];
  for (const [unit, size] of [['days', DAY], ['h', HOUR], ['min', 60_000], ['s', 1000]] as const) {
    const n = Math.floor(Math.abs(ms) / size) % (unit === 'days' ? Infinity : unit === 'h' ? 24 : 60);
    if (n > 0) parts.push(`${n} ${unit === 'days' && n === 1 ? 'day' : unit}`);
  }
  return parts.join(' ') || '0 s';
}

/**
 * Three queries for the partial-result checks: three of the upstream's metrics in a drawn
 * order, each with its own refId and aggregation, and the one the upstream fails for.
 */
function threeQueries(d: Draw) {
  const ids = refIds(d, 3);
  const queries = d.sample(METRIC_NAMES, 3).map((metric, i) => ({ refId: ids[i], json: { metric, aggregation: d.pick(AGGREGATIONS) } }));
  // First or in the middle, never last: a handler that gives up at the first failure must show it.
  const failing = d.int(0, 1);
  const list = queries.map((q) => `${q.refId}: ${JSON.stringify(q.json)}`).join(', ');
  return { queries, failing: queries[failing], others: queries.filter((_, i) => i !== failing), list };
}

/** Runs the three queries with the upstream failing (`fault`) for one of them only. */
async function oneFails(ctx: CheckContext, check: string, fault: 'server_error' | 'hang') {
  const { queries, failing, others, list } = threeQueries(drawFor(ctx, check));
  const record = await ctx.query({ queries, scenario: { fault, faultQueryContains: failing.json.metric } });
  expectCompleted(record, `the queries ${list}`);
  return { record, failing, others };
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
      const d = drawFor(ctx, 'long-range-refused');
      const to = ctx.now - d.int(0, 48) * HOUR;
      const json = { metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS) };
      // Over the limit by seconds, hours or days; reversed by seconds to days; empty.
      const over = d.pick([d.int(1, 3599) * 1000, d.int(1, 23) * HOUR, d.int(1, 60) * DAY]);
      const back = d.pick([d.int(1, 3599) * 1000, d.int(1, 48) * HOUR, d.int(1, 30) * DAY]);
      const long = { what: `a range of 7 days and ${span(over)}`, timeRange: { from: to - 7 * DAY - over, to } };
      const reversed = { what: `a range that ends ${span(back)} before it starts`, timeRange: { from: to, to: to - back } };
      const empty = { what: 'an empty range (from = to)', timeRange: { from: to, to } };
      for (const { what, timeRange } of d.shuffle([long, reversed, empty])) {
        const record = await ctx.query({ queries: [{ json, timeRange }] });
        expectCompleted(record, what);
        const message = expectCategory(record, 'A', 'validation', what);
        if (timeRange === long.timeRange) expect(/\b7\b/.test(message), `a message that states the limit (7 days), for ${what}`, `it says ${show(message)}`);
        expectNothingSent(record, what);
      }
      const week = await ctx.query({ queries: [{ json, timeRange: { from: to - 7 * DAY, to } }] });
      expectFrames(week, 'A', 'a range of exactly 7 days, the longest allowed');
    },
  },
  {
    id: 'points-capped',
    task: 2,
    title: 'Never asks for more points than maxDataPoints, nor more than 1000',
    hint: 'stepSeconds: at least intervalMs, and at least range / min(maxDataPoints, MAX_POINTS), rounded up.',
    async run(ctx) {
      const d = drawFor(ctx, 'points-capped');
      // maxDataPoints is the cap: the panel's interval would give more points, and the range does not divide evenly.
      const narrow = (() => {
        const maxDataPoints = d.int(50, 900);
        const intervalS = d.int(1, 15);
        let rangeS = d.int(maxDataPoints * intervalS + 1, 6 * 86_400);
        if (rangeS % maxDataPoints === 0) rangeS += 1;
        return { maxDataPoints, intervalMs: intervalS * 1000, range: rangeS * 1000, cap: maxDataPoints, minStep: intervalS };
      })();
      // MAX_POINTS is the cap: maxDataPoints far above it, over the longest range allowed.
      const intervalS = d.int(1, 60);
      const huge = { maxDataPoints: d.int(2_000, 5_000_000), intervalMs: intervalS * 1000, range: 7 * DAY, cap: 1000, minStep: intervalS };
      // The panel's interval decides: it already gives fewer points than the cap.
      const coarse = (() => {
        const intervalS = d.int(30, 600);
        const maxDataPoints = d.int(300, 1000);
        return { maxDataPoints, intervalMs: intervalS * 1000, range: intervalS * d.int(10, maxDataPoints) * 1000, cap: maxDataPoints, minStep: intervalS };
      })();
      for (const c of d.shuffle([narrow, huge, coarse])) {
        const record = await ctx.query({ queries: [{ json: CPU, maxDataPoints: c.maxDataPoints, intervalMs: c.intervalMs, timeRange: { from: ctx.now - c.range, to: ctx.now } }] });
        const asked = `maxDataPoints ${c.maxDataPoints}, intervalMs ${c.intervalMs}, a range of ${span(c.range)}`;
        expectCompleted(record, asked);
        expectFrames(record, 'A', asked);
        const step = Number(urlParams(record.upstream[0].url).get('step'));
        const points = c.range / 1000 / step;
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
      const d = drawFor(ctx, 'unknown-aggregation-refused');
      const query = { metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS) };
      const badAggregations = unknownAggregations(d, AGGREGATIONS, 2).map((aggregation) => JSON.stringify({ metric: d.pick(METRIC_NAMES), aggregation }));
      for (const json of d.shuffle([...badAggregations, ...nonObjectJsons(d, query, 3)])) {
        const what = `the query model ${showText(json)}`;
        const record = await ctx.query({ queries: [{ json }] });
        expectCompleted(record, what);
        const { error } = responseFor(record, 'A');
        expect(error?.category === 'validation', `a 'validation' error for ${what}`, () => (error ? `it is '${error.category}': ${show(error.message)}` : 'it came back without an error'));
        expectNothingSent(record, what);
      }
    },
  },
  {
    id: 'one-failure-others-frames',
    task: 3,
    title: 'One query fails upstream: the others keep their frames',
    hint: 'Let each query settle on its own (Promise.allSettled, or a runQuery that never throws).',
    async run(ctx) {
      const { record, failing, others } = await oneFails(ctx, 'one-failure-others-frames', 'server_error');
      for (const q of others) expectFrames(record, q.refId, JSON.stringify(q.json));
      expectCategory(record, failing.refId, 'upstream', `${JSON.stringify(failing.json)}, which the upstream answers with 503`);
    },
  },
  {
    id: 'one-hang-others-in-time',
    task: 3,
    title: 'One query hangs: the others answer, and the whole request stays in bound',
    hint: 'Run the queries in parallel, each call with its own timeout.',
    async run(ctx) {
      const { record, failing, others } = await oneFails(ctx, 'one-hang-others-in-time', 'hang');
      expectInBound(record, 'the whole request');
      for (const q of others) expectFrames(record, q.refId, JSON.stringify(q.json));
      expectCategory(record, failing.refId, 'timeout', `${JSON.stringify(failing.json)}, which the upstream never answers`);
    },
  },
  {
    id: 'one-invalid-others-fine',
    task: 3,
    title: 'One invalid query, placed first: only the valid one goes upstream',
    hint: 'Validation is per query: the refused one gets its error, the others their frames, whatever their order.',
    async run(ctx) {
      const d = drawFor(ctx, 'one-invalid-others-fine');
      const [bad, good] = refIds(d, 2);
      const invalid = { metric: d.pick(METRIC_NAMES), aggregation: unknownAggregation(d, AGGREGATIONS) };
      const valid = { metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS) };
      const record = await ctx.query({ queries: [{ refId: bad, json: invalid }, { refId: good, json: valid }] });
      expectCompleted(record, `the queries ${bad}: ${JSON.stringify(invalid)} and ${good}: ${JSON.stringify(valid)}`);
      expectCategory(record, bad, 'validation', JSON.stringify(invalid));
      expectFrames(record, good, JSON.stringify(valid));
      expect(record.upstream.length === 1, `exactly one upstream request, for ${good}: ${JSON.stringify(valid)}`, `${record.upstream.length} went out`);
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

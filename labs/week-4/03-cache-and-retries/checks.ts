/**
 * Checks for "Cache and retries that help instead of hurt". Each serves a plan of its
 * own with the learner's handler (dashboards loaded again and again, a blip, a rate
 * limit, a hang, a long outage, a flaky upstream) and reads the host's record of what
 * reached the upstream: how many calls, when (virtual ms), and what they got. Answers
 * are compared with the data the upstream served in that run, never with constants;
 * the instances' keys, data and the clock are drawn from the Run's seed.
 */
import { expect, fail, RunDidNotComplete } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { OperateCheckContext } from '@/lib/kinds/operate';
import { atSeconds as at, lastScrape, servedRun, totalOf as total } from '@/lib/kinds/operate/observe';
import type { MetricFamily } from '@/lib/kinds/operate/exposition';
import type { QuerySummary } from '@/lib/kinds/operate/job';
import type { OperatePlan, PlannedQuery, PlannedRequest, RangeSpec } from '@/lib/kinds/operate/plan';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import type { Incident } from '@/lib/kinds/operate/upstream';
import type { UpstreamCall } from '@/lib/runtime/upstream-bridge';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CPU = { metric: 'cpu_usage_percent', aggregation: 'avg' };
const MEMORY = { metric: 'memory_used_bytes', aggregation: 'sum' };
const QUEUE = { metric: 'queue_depth', aggregation: 'max' };
const range = (json: PlannedQuery['json']): PlannedQuery => ({ queryType: 'range', json });
const instant = (json: PlannedQuery['json']): PlannedQuery => ({ queryType: 'instant', json });
/** "Last 15 minutes": a range that ends at the request's own time. */
const NOW_RANGE: RangeSpec = { lastMs: 15 * MINUTE };

function load(atMs: number, queries: PlannedQuery[], rangeSpec: RangeSpec, extra: Partial<PlannedRequest> = {}): PlannedRequest {
  return { atMs, instanceUid: 'metrics-main', dashboard: 'check', queries, range: rangeSpec, ...extra };
}

/** Midnight (UTC) before the Run's clock: absolute ranges of checks are on the day before it. */
const yesterday = (ctx: OperateCheckContext) => Math.floor(ctx.now / DAY) * DAY - DAY;

/** `servedRun` of `plan`, with no scrapes along the way unless the plan asks for them: most checks read the upstream's record, not the metrics. */
const serve = (ctx: OperateCheckContext, plan: OperatePlan) => servedRun(ctx, { scrapeIntervalMs: 0, ...plan });

/** Virtual ms as a whole number, for messages: jittered waits make fractional instants. */
const ms = (value: number) => `${Math.round(value)} ms`;

/** The answer to one query of the plan's request `index` (0-based); fails when the handler gave none. */
function answer(record: OperateRunRecord, index: number, refId = 'A'): QuerySummary {
  const entry = record.schedule[index];
  const outcome = record.outcomes[entry.id];
  const what = `an answer to the request sent at ${at(entry.atMs)}`;
  if (!outcome || outcome.status === 'no-answer') fail(what, outcome?.message ?? 'it got none');
  if (outcome.status === 'failed') fail(what, outcome.message ?? 'the handler failed');
  const response = outcome.responses?.[refId];
  expect(response, `${what}, for refId ${refId}`, `the answer has refIds [${Object.keys(outcome.responses ?? {}).join(', ')}]`);
  return response;
}

function expectData(summary: QuerySummary, what: string) {
  expect(!summary.error, `data for ${what}`, () => `it got an error (${summary.error!.category}): ${summary.error!.message}`);
  expect(summary.series > 0, `data for ${what}`, 'it got no series');
}

/** When the request of plan index `index` was answered, ms after it was sent. */
function answeredAfter(record: OperateRunRecord, index: number): number {
  const entry = record.schedule[index];
  const outcome = record.outcomes[entry.id];
  return outcome ? outcome.endedAtMs - entry.atMs : Infinity;
}

const endOf = (call: UpstreamCall) => call.startedAtMs + call.durationMs;
const metricOf = (call: UpstreamCall) => new URL(call.url).searchParams.get('query') ?? '';
const callsFor = (record: OperateRunRecord, metric: string) => record.upstream.filter((c) => metricOf(c).includes(metric));
const originOf = (url: string) => new URL(url).origin;

/** A long outage under steady traffic: a "now" dashboard of two queries every 2 s for 3 minutes; 5xx from 10 s to 130 s. */
const OUTAGE = { fromMs: 10 * SECOND, toMs: 130 * SECOND };
function outagePlan(): OperatePlan {
  const requests = Array.from({ length: 91 }, (_, i) => load(i * 2 * SECOND, [range(CPU), instant(QUEUE)], NOW_RANGE));
  return { requests, incidents: [{ kind: 'server_error', instanceUid: 'metrics-main', ...OUTAGE }] };
}

/** Twelve short outages, each hitting one request alone, with a healthy request after each. */
const BLIPS = 12;
function blipsPlan(): OperatePlan {
  const requests: PlannedRequest[] = [];
  const incidents: Incident[] = [];
  for (let i = 0; i < BLIPS; i++) {
    const start = (i + 1) * 10 * SECOND;
    incidents.push({ kind: 'server_error', instanceUid: 'metrics-main', fromMs: start, toMs: start + 4 * SECOND });
    requests.push(load(start, [range(CPU)], NOW_RANGE), load(start + 6 * SECOND, [instant(QUEUE)], NOW_RANGE));
  }
  return { requests, incidents };
}

/** The calls each of the blips' failing requests made, and the pauses between them (from one call's end to the next call). */
function blipGaps(record: OperateRunRecord): { calls: UpstreamCall[]; gaps: number[] }[] {
  return Array.from({ length: BLIPS }, (_, i) => {
    const start = (i + 1) * 10 * SECOND;
    const calls = record.upstream.filter((c) => c.startedAtMs >= start && c.startedAtMs < start + 4 * SECOND);
    return { calls, gaps: calls.slice(1).map((c, k) => c.startedAtMs - endOf(calls[k])) };
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The Run's load profile (served once per Run: the record the Run shows) and the families of its last scrape; a profile that could not be served ends the check as an error. */
async function profileScrape(ctx: OperateCheckContext): Promise<{ record: OperateRunRecord; families: MetricFamily[] }> {
  const record = await ctx.profile();
  if (record.error) throw new RunDidNotComplete(record.error);
  return { record, families: lastScrape(record).families };
}

const checks: LabCheck<OperateCheckContext>[] = [
  {
    id: 'cache-serves-repeat-loads',
    task: 1,
    title: 'A dashboard over a past range, loaded six times, costs one call per query',
    hint: 'Look the query up before calling; store the answer after. The same query for the same range must find the same key.',
    async run(ctx) {
      const day = yesterday(ctx);
      const window = { from: day + 10 * HOUR, to: day + 11 * HOUR };
      const loads = [0, 5, 10, 15, 20, 25].map((s) => load(s * SECOND, [range(CPU), range(MEMORY), instant(QUEUE)], window));
      const record = await serve(ctx, { requests: loads, incidents: [] });
      for (const refId of ['A', 'B', 'C']) {
        const first = answer(record, 0, refId);
        expectData(first, `refId ${refId} of the first load`);
        expect(Object.values(record.served).includes(first.digest), `the first load's ${refId} to be what the upstream served`, 'its data matches no upstream answer');
        for (let i = 1; i < loads.length; i++) {
          const later = answer(record, i, refId);
          expect(later.digest === first.digest, `load ${i + 1} to get the same data for ${refId} as the first`, later.error ? `it got an error (${later.error.category})` : 'its data differs');
        }
      }
      expect(record.upstream.length === 3, 'three upstream calls for six loads of the same three queries', `${record.upstream.length} calls went out`);
    },
  },
  {
    id: 'cache-key-normalised',
    task: 1,
    title: 'The same query written differently, a few seconds apart, is one entry',
    hint: 'Key on the parsed query (defaults filled in, group-by labels sorted), not on its JSON text, and round the range to the time bucket.',
    async run(ctx) {
      const start = yesterday(ctx) + 10 * HOUR;
      const shifted = (s: number) => ({ from: start + s * SECOND, to: start + HOUR + s * SECOND });
      const record = await serve(ctx, {
        requests: [
          load(0, [range({ metric: 'cpu_usage_percent', aggregation: 'avg', groupBy: ['instance', 'job'] })], shifted(5)),
          load(5 * SECOND, [range({ groupBy: ['job', 'instance'], metric: 'cpu_usage_percent', aggregation: 'avg' })], shifted(20)),
          load(10 * SECOND, [range('{ "groupBy": ["instance", "job"], "metric": "cpu_usage_percent" }')], shifted(40)),
        ],
        incidents: [],
      });
      for (let i = 0; i < 3; i++) expectData(answer(record, i), `request ${i + 1}`);
      expect(
        record.upstream.length === 1,
        'one upstream call: the three requests ask the same query (keys in another order, a default left out, labels in another order) for ranges in the same minute',
        `${record.upstream.length} calls went out`,
      );
    },
  },
  {
    id: 'cache-keeps-ranges-apart',
    task: 1,
    title: 'Another time range, or another query type, is another entry',
    hint: 'The bucketed range and the query type are part of the key: an answer for 10:00–11:00 is not an answer for 14:00–15:00.',
    async run(ctx) {
      const day = yesterday(ctx);
      const morning = { from: day + 10 * HOUR, to: day + 11 * HOUR };
      const afternoon = { from: day + 14 * HOUR, to: day + 15 * HOUR };
      const record = await serve(ctx, {
        requests: [load(0, [range(CPU)], morning), load(5 * SECOND, [range(CPU)], afternoon), load(10 * SECOND, [instant(CPU)], morning)],
        incidents: [],
      });
      const later = answer(record, 1);
      expectData(later, 'the afternoon range');
      expect(
        later.minTimeMs !== undefined && later.minTimeMs >= afternoon.from - MINUTE && (later.maxTimeMs ?? 0) <= afternoon.to,
        'points between 14:00 and 15:00 for the afternoon range',
        `its points run from ${new Date(later.minTimeMs ?? 0).toISOString().slice(11, 16)} to ${new Date(later.maxTimeMs ?? 0).toISOString().slice(11, 16)}: another range's entry`,
      );
      const point = answer(record, 2);
      expectData(point, 'the instant query');
      expect(point.points === point.series, 'one point per series for the instant query', `it got ${point.points} points in ${point.series} series: the range query's entry`);
      expect(record.upstream.length === 3, 'three upstream calls: two ranges and an instant query', `${record.upstream.length} calls went out`);
    },
  },
  {
    id: 'cache-per-instance',
    task: 1,
    title: "Each data source instance gets its own entries and its own data",
    hint: "Put the instance's uid in the key: two tenants may ask the very same query of different upstreams.",
    async run(ctx) {
      const day = yesterday(ctx);
      const window = { from: day + 10 * HOUR, to: day + 11 * HOUR };
      const uids = ctx.instances.map((i) => i.uid);
      const requests = [0, 10].flatMap((s) => uids.map((uid, i) => load((s + i) * SECOND, [range(CPU)], window, { instanceUid: uid })));
      const record = await serve(ctx, { requests, incidents: [] });
      ctx.instances.forEach((instance, i) => {
        const calls = record.upstream.filter((c) => originOf(c.url) === new URL(instance.baseUrl).origin);
        expect(calls.length === 1, `one call to ${instance.uid}'s upstream (${instance.baseUrl}) for its two loads`, `${calls.length} calls went there`);
        for (const index of [i, i + uids.length]) {
          const got = answer(record, index);
          expectData(got, `${instance.uid}'s load at ${at(record.schedule[index].atMs)}`);
          expect(got.digest === record.served[calls[0].seq], `${instance.uid}'s loads to get ${instance.uid}'s data`, "it got another instance's data");
        }
      });
    },
  },
  {
    id: 'cache-entries-expire',
    task: 1,
    title: 'An entry is not served for ever: six minutes later the query goes upstream again',
    hint: 'Store when each entry expires (CACHE_TTL_MS after it was stored) and treat an expired entry as a miss.',
    async run(ctx) {
      const window = { from: yesterday(ctx) + 10 * HOUR, to: yesterday(ctx) + 11 * HOUR };
      const record = await serve(ctx, { requests: [load(0, [range(CPU)], window), load(30 * SECOND, [range(CPU)], window), load(6 * MINUTE, [range(CPU)], window)], incidents: [] });
      expectData(answer(record, 2), 'the load six minutes later');
      expect(record.upstream.length <= 2, 'the load 30 s later served from the cache', `${record.upstream.length} calls for three loads`);
      expect(
        record.upstream.some((c) => c.startedAtMs >= 6 * MINUTE),
        'a fresh upstream call for the load six minutes later: no promise of freshness lasts that long',
        'it was served from an entry stored six minutes before',
      );
    },
  },
  {
    id: 'cache-bounded',
    task: 1,
    title: 'The cache stays bounded: after 300 other queries, the first is gone',
    hint: 'Keep at most CACHE_MAX_ENTRIES entries; when one more comes, drop the one used least recently (a Map keeps insertion order).',
    async run(ctx) {
      const day = yesterday(ctx);
      const first = load(0, [range(MEMORY)], { from: day + 10 * HOUR, to: day + 11 * HOUR });
      const others = Array.from({ length: 300 }, (_, k) => load(SECOND + k * 40, [range(CPU)], { from: day + k * MINUTE, to: day + k * MINUTE + HOUR }));
      const again = load(15 * SECOND, [range(MEMORY)], { from: day + 10 * HOUR, to: day + 11 * HOUR });
      const record = await serve(ctx, { requests: [first, ...others, again], incidents: [] });
      expectData(answer(record, record.schedule.length - 1), 'the first query asked again');
      const calls = callsFor(record, 'memory_used_bytes');
      expect(
        calls.length === 2,
        'the first query to reach the upstream again after 300 other distinct queries: a bounded cache has evicted it',
        `it was still in the cache (${calls.length} call): the cache kept more than 300 entries and would keep growing with every new query`,
      );
    },
  },
  {
    id: 'now-ranges-not-cached',
    task: 2,
    title: 'A "last 15 minutes" dashboard is never served from the cache',
    hint: 'A range that ends less than NOW_WINDOW_MS before now is still filling in: neither look it up nor store it.',
    async run(ctx) {
      // Four viewers open the same live dashboard within one second: the very same range, four times.
      const record = await serve(ctx, { requests: [0, 250, 500, 750].map((t) => load(t, [range(CPU), instant(QUEUE)], NOW_RANGE)), incidents: [] });
      for (let i = 0; i < 4; i++) expectData(answer(record, i), `load ${i + 1}`);
      expect(record.upstream.length === 8, 'eight upstream calls: four viewers opened a "now" dashboard of two queries, and a "now" range is always asked fresh', `${record.upstream.length} calls went out: the others were served from the cache`);
    },
  },
  {
    id: 'errors-not-cached',
    task: 2,
    title: 'A failed answer is not cached: the next load asks again and gets data',
    hint: 'Store only answers with data. An error cached for a minute turns a two-second blip into a minute-long outage.',
    async run(ctx) {
      const day = yesterday(ctx);
      const window = { from: day + 10 * HOUR, to: day + 11 * HOUR };
      const record = await serve(ctx, {
        requests: [load(0, [range(CPU)], window), load(10 * SECOND, [range(CPU)], window), load(20 * SECOND, [range(MEMORY)], window), load(30 * SECOND, [range(MEMORY)], window)],
        incidents: [
          { kind: 'server_error', instanceUid: 'metrics-main', fromMs: 0, toMs: 5 * SECOND },
          { kind: 'key_rejected', instanceUid: 'metrics-main', fromMs: 20 * SECOND, toMs: 25 * SECOND },
        ],
      });
      expect(answer(record, 0).error, 'an error for the load during the 5xx outage', 'it got data');
      expectData(answer(record, 1), 'the load after the outage (a cached 5xx would answer it)');
      expect(answer(record, 2).error, 'an error for the load while the key was rejected', 'it got data');
      expectData(answer(record, 3), 'the load after the key works again (a cached 401 would answer it)');
    },
  },
  {
    id: 'retry-recovers-blip',
    task: 3,
    title: 'A 50 ms blip of 503s is retried away: the panel gets data',
    hint: 'Retry a 5xx, after a pause: a retry at the same instant meets the same blip.',
    async run(ctx) {
      const record = await serve(ctx, { requests: [load(0, [range(CPU)], NOW_RANGE)], incidents: [{ kind: 'server_error', instanceUid: 'metrics-main', fromMs: 0, toMs: 50 }] });
      expectData(answer(record, 0), 'a request whose first call met a 50 ms blip of 503s');
      expect(record.upstream.length >= 2, 'a retry after the 503', `${record.upstream.length} call`);
    },
  },
  {
    id: 'backoff-grows',
    task: 3,
    title: 'Retries back off: each pause longer than the one before',
    hint: 'Wait BACKOFF_BASE_MS before the first retry and double it for each retry after, up to BACKOFF_MAX_MS; a fixed pause keeps the pressure on.',
    async run(ctx) {
      const record = await serve(ctx, blipsPlan());
      const requests = blipGaps(record);
      requests.forEach(({ calls }, i) => {
        expect(calls.length >= 3 && calls.length <= 5, `three to five calls for a query that keeps failing with 503 (blip ${i + 1})`, `${calls.length} calls`);
      });
      const firsts = requests.map((r) => r.gaps[0]);
      const lasts = requests.map((r) => r.gaps[r.gaps.length - 1]);
      expect(sum(firsts) / BLIPS >= 20, 'a pause before the first retry', `the first retries came ${ms(sum(firsts) / BLIPS)} after the failure on average`);
      expect(
        sum(lasts) >= 1.5 * sum(firsts),
        'the pause before the last retry at least 1.5 times the pause before the first, on average over twelve requests',
        `${ms(sum(firsts) / BLIPS)} before the first retry, ${ms(sum(lasts) / BLIPS)} before the last`,
      );
    },
  },
  {
    id: 'retries-jittered',
    task: 3,
    title: 'Retries are jittered: requests that failed alike do not come back in step',
    hint: 'Add a random part to each pause (Math.random), so clients that failed together spread their retries.',
    async run(ctx) {
      const record = await serve(ctx, blipsPlan());
      const firsts = blipGaps(record).map((r) => r.gaps[0]).filter((g) => g !== undefined);
      const distinct = new Set(firsts).size;
      expect(firsts.length === BLIPS, `a retry after each of ${BLIPS} failed requests`, `${firsts.length} of them retried`);
      expect(distinct >= BLIPS / 2, `pauses before the first retry that differ from request to request (at least ${BLIPS / 2} different among ${BLIPS})`, `${distinct} different: ${[...new Set(firsts)].slice(0, 4).join(', ')} ms`);
    },
  },
  {
    id: 'honours-retry-after',
    task: 3,
    title: 'After a 429, no call comes before Retry-After has passed',
    hint: "failure.retryAfterMs is the upstream's Retry-After: wait at least that long (and at least the backoff) before the retry.",
    async run(ctx) {
      const record = await serve(ctx, { requests: [load(0, [range(CPU)], NOW_RANGE)], incidents: [{ kind: 'rate_limit', instanceUid: 'metrics-main', fromMs: 0, toMs: 2_500, retryAfterSeconds: 3 }] });
      record.upstream.forEach((call, i) => {
        const retryAfter = Number(call.responseHeaders.find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? NaN);
        const next = record.upstream[i + 1];
        if (call.status !== 429 || !next || Number.isNaN(retryAfter)) return;
        const waited = next.startedAtMs - endOf(call);
        expect(waited >= retryAfter * 1000, `the next call at least ${retryAfter} s after the 429 that said Retry-After: ${retryAfter}`, `it came ${ms(waited)} after`);
      });
      expectData(answer(record, 0), 'the request once the rate limit had passed (its deadline is 10 s away)');
    },
  },
  {
    id: 'no-wait-past-deadline',
    task: 3,
    title: "A Retry-After beyond the request's deadline is not waited for",
    hint: "If the wait would end after ctx.deadline, there is no retry to make: answer with the rate_limit error now.",
    async run(ctx) {
      const record = await serve(ctx, {
        requests: [load(0, [range(CPU)], NOW_RANGE, { timeoutMs: 10 * SECOND })],
        incidents: [{ kind: 'rate_limit', instanceUid: 'metrics-main', fromMs: 0, toMs: 60 * SECOND, retryAfterSeconds: 30 }],
      });
      expect(record.upstream.length === 1, 'one call: the upstream asked for 30 s and the request has 10', `${record.upstream.length} calls went out`);
      const got = answer(record, 0);
      expect(got.error?.category === 'rate_limit', "a rate_limit error", got.error ? `an error (${got.error.category})` : 'data');
      const took = answeredAfter(record, 0);
      expect(took <= SECOND, 'the answer at once, not at the deadline', `it came after ${at(took)}`);
    },
  },
  {
    id: 'no-retry-on-refusals',
    task: 3,
    title: 'A rejected key is not retried: one call per query',
    hint: 'A 401 or 403 (and any 4xx but 429) fails the same way every time: isRetryable is false for it.',
    async run(ctx) {
      const record = await serve(ctx, { requests: [load(0, [range(CPU), instant(QUEUE)], NOW_RANGE)], incidents: [{ kind: 'key_rejected', fromMs: 0, toMs: 60 * SECOND }] });
      for (const refId of ['A', 'B']) {
        const got = answer(record, 0, refId);
        expect(got.error?.category === 'auth', `an auth error for ${refId}`, got.error ? `an error (${got.error.category})` : 'data');
      }
      expect(record.upstream.length === 2, 'two calls, one per query', `${record.upstream.length} calls went out`);
    },
  },
  {
    id: 'stops-at-deadline',
    task: 3,
    title: "Retries against a hanging upstream stop at the request's deadline",
    hint: 'Pass ctx.signal to every call, retries included, and stop waiting when it aborts: nothing may still be running once the request has run out of time.',
    async run(ctx) {
      const deadline = 5 * SECOND;
      const record = await serve(ctx, { requests: [load(0, [range(CPU)], NOW_RANGE, { timeoutMs: deadline })], incidents: [{ kind: 'hang', instanceUid: 'metrics-main', fromMs: 0, toMs: 60 * SECOND }] });
      expect(record.upstream.length >= 2, 'a retry after the first call timed out', `${record.upstream.length} call`);
      for (const call of record.upstream) {
        expect(call.startedAtMs < deadline, `every call started before the deadline (${at(deadline)})`, `call ${call.seq} started at ${at(call.startedAtMs)}`);
        expect(endOf(call) <= deadline, `every call ended by the deadline (${at(deadline)})`, `call ${call.seq} was still open at ${at(endOf(call))}`);
      }
      const took = answeredAfter(record, 0);
      expect(took <= deadline + 50, `the answer by the deadline (${at(deadline)})`, took === Infinity ? 'no answer came' : `it came at ${at(took)}`);
      expect(answer(record, 0).error?.category === 'timeout', 'a timeout error', answer(record, 0).error ? `an error (${answer(record, 0).error!.category})` : 'data');
    },
  },
  {
    id: 'breaker-opens',
    task: 4,
    title: 'In a two-minute outage the breaker opens: the upstream is left alone',
    hint: 'Count failures in a row per instance; at BREAKER_THRESHOLD refuse calls (retries too) for BREAKER_OPEN_MS.',
    async run(ctx) {
      const record = await serve(ctx, outagePlan());
      const during = record.upstream.filter((c) => c.startedAtMs >= OUTAGE.fromMs && c.startedAtMs < OUTAGE.toMs);
      expect(during.length <= 40, 'at most 40 calls to a failing upstream during a two-minute outage (one call per query would be 120)', `${during.length} calls`);
      const longest = Math.max(0, ...during.slice(1).map((c, i) => c.startedAtMs - during[i].startedAtMs));
      expect(longest >= 10 * SECOND, 'a pause of 10 s or more without calls while requests keep coming: the breaker is open', `the longest pause was ${at(longest)}`);
    },
  },
  {
    id: 'breaker-single-probe',
    task: 4,
    title: 'When the breaker half-opens, exactly one call probes the upstream',
    hint: 'After BREAKER_OPEN_MS let the first caller through and refuse the others until its result is in; a failed probe opens the breaker again.',
    async run(ctx) {
      const record = await serve(ctx, outagePlan());
      const later = record.upstream.filter((c) => c.startedAtMs >= OUTAGE.fromMs + 10 * SECOND && c.startedAtMs < OUTAGE.toMs);
      expect(later.length > 0, 'probes during the outage', 'no call reached the upstream after its first 10 s: the breaker never let a probe through');
      for (let i = 1; i < later.length; i++) {
        const gap = later[i].startedAtMs - later[i - 1].startedAtMs;
        expect(gap >= 2 * SECOND, 'each call during the outage alone (a probe), with no other within 2 s', `calls ${later[i - 1].seq} and ${later[i].seq} came ${ms(gap)} apart, at ${at(later[i].startedAtMs)}`);
      }
    },
  },
  {
    id: 'breaker-fails-fast',
    task: 4,
    title: 'While the breaker is open, requests get their error at once',
    hint: 'An open breaker answers the query with an error straight away: no waiting for backoff, for the breaker, or for the deadline.',
    async run(ctx) {
      const record = await serve(ctx, outagePlan());
      record.schedule.forEach((entry, i) => {
        if (entry.atMs < OUTAGE.fromMs + 15 * SECOND || entry.atMs >= OUTAGE.toMs - 2 * SECOND) return;
        const took = answeredAfter(record, i);
        expect(took <= 100, `an answer within 100 ms for the request at ${at(entry.atMs)}, in the middle of the outage`, took === Infinity ? 'none came' : `it took ${ms(took)}`);
        expect(answer(record, i).error, `an error for the request at ${at(entry.atMs)}`, 'it got data');
      });
    },
  },
  {
    id: 'breaker-recovers',
    task: 4,
    title: 'After the outage, a successful probe closes the breaker and data flows again',
    hint: "The probe's success closes the breaker and clears the failure count; every call goes through again.",
    async run(ctx) {
      const record = await serve(ctx, outagePlan());
      record.schedule.forEach((entry, i) => {
        if (entry.atMs < OUTAGE.toMs + 35 * SECOND) return;
        for (const refId of ['A', 'B']) expectData(answer(record, i, refId), `${refId} of the request at ${at(entry.atMs)}, 35 s after the upstream recovered`);
      });
    },
  },
  {
    id: 'breaker-per-instance',
    task: 4,
    title: "One instance's outage does not stop another instance's queries",
    hint: 'Keep one breaker per data source instance (by its uid), not one for the whole plugin.',
    async run(ctx) {
      const requests = Array.from({ length: 30 }, (_, i) => [
        load(i * 2 * SECOND, [range(CPU)], NOW_RANGE),
        load(i * 2 * SECOND + SECOND, [range(CPU)], NOW_RANGE, { instanceUid: 'metrics-eu' }),
      ]).flat();
      const record = await serve(ctx, { requests, incidents: [{ kind: 'server_error', instanceUid: 'metrics-main', fromMs: 0, toMs: 60 * SECOND }] });
      record.schedule.forEach((entry, i) => {
        if (entry.instanceUid === 'metrics-eu') expectData(answer(record, i), `metrics-eu's request at ${at(entry.atMs)}, while metrics-main is down`);
      });
    },
  },
  {
    id: 'breaker-resets-on-success',
    task: 4,
    title: 'Scattered failures with successes between them never open the breaker',
    hint: 'The breaker counts failures in a row: a success sets the count back to zero.',
    async run(ctx) {
      const requests = Array.from({ length: 60 }, (_, i) => load(i * SECOND, [range(CPU)], NOW_RANGE));
      const incidents: Incident[] = Array.from({ length: 8 }, (_, k) => ({ kind: 'server_error', instanceUid: 'metrics-main', fromMs: (k + 1) * 7 * SECOND, toMs: (k + 1) * 7 * SECOND + 50 }));
      const record = await serve(ctx, { requests, incidents });
      record.schedule.forEach((entry, i) => expectData(answer(record, i), `the request at ${at(entry.atMs)} (a flaky upstream fails one call every 7 s)`));
    },
  },
  {
    id: 'metrics-count-upstream-calls',
    task: 5,
    title: 'Your upstream call counter agrees with what the upstream saw',
    hint: 'Count every call in withRetries, retries included, with codeOf(result) as the code label; a call the breaker refused never happened.',
    async run(ctx) {
      const { record, families } = await profileScrape(ctx);
      const name = 'datasource_upstream_requests_total';
      const counted = total(families, name);
      expect(counted === record.upstream.length, `${name} summed over its labels equal to the ${record.upstream.length} calls the upstream received`, `it says ${counted}`);
      const byStatus = new Map<number, number>();
      for (const call of record.upstream) if (call.status !== undefined) byStatus.set(call.status, (byStatus.get(call.status) ?? 0) + 1);
      for (const [status, count] of byStatus) {
        const mine = total(families, name, { code: String(status) });
        expect(mine === count, `${name}{code="${status}"} equal to the ${count} calls answered ${status}`, `it says ${mine}`);
      }
    },
  },
  {
    id: 'metrics-count-cache-lookups',
    task: 5,
    title: 'Your cache counter accounts for every query, "now" ranges as bypass',
    hint: 'Count each query once in cacheRequests: hit or miss when it was looked up, bypass when its range ends now.',
    async run(ctx) {
      const { record, families } = await profileScrape(ctx);
      const name = 'datasource_cache_requests_total';
      const queries = record.schedule.reduce((n, e) => n + e.request.queries.length, 0);
      const fresh = record.schedule.filter((e) => e.rangeKind === 'now').reduce((n, e) => n + e.request.queries.length, 0);
      const counted = total(families, name);
      expect(counted === queries, `${name} summed over its labels equal to the ${queries} queries served`, `it says ${counted}`);
      const bypass = total(families, name, { result: 'bypass' });
      expect(bypass === fresh, `${name}{result="bypass"} equal to the ${fresh} queries over a range that ends now`, `it says ${bypass}`);
    },
  },
];

export default checks;

/**
 * Checks for "RED metrics and a dashboard of your own". Each serves a plan of its own
 * with the learner's handler and compares what the learner's registry said at the end
 * (the host's strict reading of its exposition text) with the host's own record of the
 * same run: the requests it sent, the answers it got back, the upstream calls its bridge
 * answered and how long each took on the virtual clock. Plans are drawn from the Run's
 * seed, so the numbers differ from Run to Run; nothing is compared with constants.
 */
import { expect } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { OperateCheckContext } from '@/lib/kinds/operate';
import type { MetricFamily } from '@/lib/kinds/operate/exposition';
import { answeredErrors, closeTo as close, lastScrape, metricFamily as family, secs, servedRun as serve, totalOf as total, totalsBy as byLabel } from '@/lib/kinds/operate/observe';
import type { OperatePlan, PlannedQuery, PlannedRequest, RangeSpec } from '@/lib/kinds/operate/plan';
import { quantileAtScrape, RED_METRICS, summedHistogram, trueBucket } from '@/lib/kinds/operate/red';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import type { Incident } from '@/lib/kinds/operate/upstream';
import { mulberry32 } from '@/lib/random';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The latency SLO the README sets: requests answered within 1 s. */
const SLO_SECONDS = 1;

const INSTANCES = ['metrics-main', 'metrics-eu', 'metrics-ap'] as const;
const METRICS = ['cpu_usage_percent', 'memory_used_bytes', 'http_requests_per_second', 'queue_depth'] as const;
const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;
const GROUP_BYS: string[][] = [[], ['instance'], ['job'], ['route'], ['instance', 'job'], ['instance', 'route'], ['job', 'route'], ['instance', 'job', 'route']];
/** Distinct query models the pool can give: metric × aggregation × group-by. */
const POOL_SIZE = METRICS.length * AGGREGATIONS.length * GROUP_BYS.length;
/** Query types as Grafana sends them: an empty one is "the editor set none", which runs as a range query. */
const QUERY_TYPES = ['range', 'instant', ''] as const;

/** "Last 15 minutes": a range ending at the request's own time. */
const NOW_RANGE: RangeSpec = { lastMs: 15 * MINUTE };
const yesterday = (ctx: OperateCheckContext) => Math.floor(ctx.now / DAY) * DAY - DAY;

/** Query model `i` of the pool, a permutation drawn from the seed so each Run's queries differ. */
function pooled(seed: number, i: number): Record<string, unknown> {
  const n = (i * 37 + (seed % POOL_SIZE)) % POOL_SIZE;
  const groupBy = GROUP_BYS[n % GROUP_BYS.length];
  return { metric: METRICS[Math.floor(n / GROUP_BYS.length) % METRICS.length], aggregation: AGGREGATIONS[Math.floor(n / (GROUP_BYS.length * METRICS.length))], ...(groupBy.length ? { groupBy } : {}) };
}

/** What the plan calls the query type a handler runs: `instant`, or `range` for anything else. */
const ranAs = (queryType: string) => (queryType === 'instant' ? 'instant' : 'range');

/** A query model the handler must refuse (a metric name with spaces): a validation error. */
const INVALID_QUERY = '{"metric": "cpu usage percent"}';

/**
 * Three minutes of the three tenants' dashboards, a request every 2 s, through one
 * incident of each kind, with `distinct` different query models on the "now" panels;
 * `doubled` sends beside each "now" request a twin from other dashboards and panels,
 * with as many queries again that the first run never saw. Past-range panels repeat
 * (the cache's work), and every fifteenth request carries a query that cannot be parsed.
 */
function dayPlan(ctx: OperateCheckContext, doubled: boolean): OperatePlan {
  const random = mulberry32(ctx.seed ^ 0x4ed);
  const day = yesterday(ctx);
  const windows: RangeSpec[] = [
    { from: day + 10 * HOUR, to: day + 11 * HOUR },
    { from: day + 14 * HOUR, to: day + 18 * HOUR },
  ];
  const templates = Array.from({ length: 8 }, (_, t) => ({
    instanceUid: INSTANCES[t % 3],
    range: windows[t % 2],
    queries: Array.from({ length: 1 + (t % 3) }, (_, q): PlannedQuery => ({ queryType: QUERY_TYPES[(t + q) % 3], json: pooled(ctx.seed, POOL_SIZE - 1 - t * 3 - q) })),
  }));
  const distinct = 40;
  let next = 0;
  let twin = 0;
  const requests: PlannedRequest[] = [];
  for (let r = 0; r < 90; r++) {
    const atMs = r * 2 * SECOND;
    if (r % 2 === 1) {
      const t = templates[Math.floor(random() * templates.length)];
      requests.push({ atMs, instanceUid: t.instanceUid, dashboard: `review-${t.instanceUid}`, queries: t.queries, range: t.range });
      continue;
    }
    const instanceUid = INSTANCES[(r / 2) % 3];
    const count = 1 + Math.floor(random() * 3);
    const queries: PlannedQuery[] = Array.from({ length: count }, () => ({ queryType: QUERY_TYPES[Math.floor(random() * 3)], json: pooled(ctx.seed, next++ % distinct) }));
    if (r % 15 === 0) queries[0] = { queryType: 'range', json: INVALID_QUERY };
    requests.push({ atMs, instanceUid, dashboard: `ops-${r % 5}`, queries, range: NOW_RANGE });
    if (doubled) {
      const more = queries.map((q): PlannedQuery => ({ ...q, refId: `panel-${twin}-${q.queryType}`, json: typeof q.json === 'string' ? q.json : pooled(ctx.seed, distinct + (twin++ % distinct)) }));
      requests.push({ atMs: atMs + 1, instanceUid, dashboard: `team-${twin}`, queries: more, range: NOW_RANGE });
    }
  }
  const incidents: Incident[] = [
    { kind: 'key_rejected', instanceUid: 'metrics-eu', fromMs: 20 * SECOND, toMs: 40 * SECOND },
    { kind: 'server_error', instanceUid: 'metrics-main', fromMs: 40 * SECOND, toMs: 70 * SECOND },
    { kind: 'rate_limit', instanceUid: 'metrics-eu', fromMs: 60 * SECOND, toMs: 80 * SECOND, retryAfterSeconds: 5 },
    { kind: 'hang', instanceUid: 'metrics-ap', fromMs: 100 * SECOND, toMs: 115 * SECOND },
    { kind: 'slow', instanceUid: 'metrics-main', fromMs: 120 * SECOND, toMs: 150 * SECOND, latencyMs: 700 },
  ];
  return { requests, incidents, scrapeIntervalMs: 0 };
}

/**
 * Latency with a spread: one query per request every 2 s, each over its own past hour
 * (nothing is served from the cache), while the upstream's latency steps through
 * phases drawn from the seed, from instant to a hang (the call's own timeout ends it).
 */
function latencyPlan(ctx: OperateCheckContext): OperatePlan {
  const random = mulberry32(ctx.seed ^ 0x1a7);
  const day = yesterday(ctx);
  const phases: { latencyMs?: number; hang?: boolean; requests: number }[] = [
    { requests: 6 + Math.floor(random() * 6) },
    { latencyMs: 10 + Math.round(random() * 30), requests: 6 + Math.floor(random() * 8) },
    { latencyMs: 60 + Math.round(random() * 120), requests: 8 + Math.floor(random() * 8) },
    { latencyMs: 300 + Math.round(random() * 500), requests: 6 + Math.floor(random() * 8) },
    { latencyMs: 1_100 + Math.round(random() * 1_200), requests: 2 + Math.floor(random() * 6) },
    { hang: true, requests: 1 + Math.floor(random() * 4) },
    { requests: 4 },
  ];
  const requests: PlannedRequest[] = [];
  const incidents: Incident[] = [];
  let atMs = 0;
  for (const phase of phases) {
    const fromMs = atMs;
    for (let i = 0; i < phase.requests; i++, atMs += 4 * SECOND) {
      const hour = requests.length;
      requests.push({ atMs, instanceUid: 'metrics-main', dashboard: 'latency', queries: [{ queryType: 'range', json: pooled(ctx.seed, hour % POOL_SIZE) }], range: { from: day - hour * HOUR, to: day - hour * HOUR + HOUR } });
    }
    if (phase.hang) incidents.push({ kind: 'hang', instanceUid: 'metrics-main', fromMs, toMs: atMs });
    else if (phase.latencyMs) incidents.push({ kind: 'slow', instanceUid: 'metrics-main', fromMs, toMs: atMs, latencyMs: phase.latencyMs });
  }
  return { requests, incidents, scrapeIntervalMs: 0 };
}

/**
 * A burst: twelve requests of two queries at once to one instance while its upstream
 * is slow (the limiter lets four calls out at a time, the rest wait their turn), then
 * fast 503s, then a hang that the call's own timeout ends.
 */
function burstPlan(ctx: OperateCheckContext): OperatePlan {
  const day = yesterday(ctx);
  const requests: PlannedRequest[] = [];
  let n = 0;
  let q = 0;
  const add = (atMs: number, queries: number) => {
    n++;
    requests.push({
      atMs,
      instanceUid: 'metrics-main',
      dashboard: 'burst',
      queries: Array.from({ length: queries }, (): PlannedQuery => ({ queryType: 'range', json: pooled(ctx.seed, q++ % POOL_SIZE) })),
      range: { from: day - n * HOUR, to: day - n * HOUR + HOUR },
    });
  };
  for (let i = 0; i < 12; i++) add(i * 10, 2);
  for (let i = 0; i < 5; i++) add(30 * SECOND + i * SECOND, 1);
  for (let i = 0; i < 3; i++) add(50 * SECOND + i * SECOND, 1);
  return {
    requests,
    incidents: [
      { kind: 'slow', instanceUid: 'metrics-main', fromMs: 0, toMs: 20 * SECOND, latencyMs: 300 + (ctx.seed % 5) * 40 },
      { kind: 'server_error', instanceUid: 'metrics-main', fromMs: 30 * SECOND, toMs: 40 * SECOND },
      { kind: 'hang', instanceUid: 'metrics-main', fromMs: 50 * SECOND, toMs: 60 * SECOND },
    ],
    scrapeIntervalMs: 0,
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const describe = (counts: ReadonlyMap<string, number>) =>
  [...counts.entries()]
    .sort()
    .map(([k, v]) => `${k || '""'} ${v}`)
    .join(', ') || 'nothing';

/** Seconds each request took, from when Grafana sent it to when the answer came back (virtual clock). */
function requestSeconds(record: OperateRunRecord): number[] {
  return record.schedule.map((entry) => {
    const outcome = record.outcomes[entry.id];
    expect(outcome, `an answer to the request sent at ${entry.atMs / 1000} s`, 'it got none');
    return (outcome.endedAtMs - entry.atMs) / 1000;
  });
}

const checks: LabCheck<OperateCheckContext>[] = [
  {
    id: 'requests-by-endpoint',
    task: 1,
    title: 'One request counted per QueryData call, labelled with its endpoint',
    hint: 'Count the request once, where QueryData starts, not once per query inside it. The endpoint label is "queryData".',
    async run(ctx) {
      const record = await serve(ctx, dayPlan(ctx, false));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.requests, 'counter');
      const counted = byLabel(families, RED_METRICS.requests, 'endpoint');
      const sent = record.schedule.length;
      const queries = sum(record.schedule.map((e) => e.request.queries.length));
      expect(
        counted.get('queryData') === sent && counted.size === 1,
        `${RED_METRICS.requests}{endpoint="queryData"} = ${sent}, the QueryData requests Grafana sent (they held ${queries} queries)`,
        `your counter says ${describe(counted)}`,
      );
    },
  },
  {
    id: 'queries-by-type',
    task: 2,
    title: 'Queries counted by the type they ran as',
    hint: 'One count per query, labelled query_type="instant" or "range". A query sent with no type (an empty queryType) runs as a range query, so it counts as one.',
    async run(ctx) {
      const record = await serve(ctx, dayPlan(ctx, false));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.queries, 'counter');
      const counted = byLabel(families, RED_METRICS.queries, 'query_type');
      const truth = new Map<string, number>();
      for (const e of record.schedule) for (const q of e.request.queries) truth.set(ranAs(q.queryType), (truth.get(ranAs(q.queryType)) ?? 0) + 1);
      const same = counted.size === truth.size && [...truth].every(([k, v]) => counted.get(k) === v);
      expect(same, `${RED_METRICS.queries} by query_type: ${describe(truth)} (the queries Grafana sent)`, `your counter says ${describe(counted)}`);
    },
  },
  {
    id: 'errors-by-category',
    task: 3,
    title: 'Every error answered is counted once, under its category',
    hint: 'Count a query as an error when its answer carries an error, whatever produced it (a bad query, a refused key, a 429, a 5xx, a timeout), with the category of that error as the label.',
    async run(ctx) {
      const record = await serve(ctx, dayPlan(ctx, false));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.errors, 'counter');
      const counted = byLabel(families, RED_METRICS.errors, 'category');
      for (const [k, v] of [...counted]) if (v === 0) counted.delete(k);
      const truth = answeredErrors(record);
      const same = counted.size === truth.size && [...truth].every(([k, v]) => counted.get(k) === v);
      expect(same, `${RED_METRICS.errors} by category: ${describe(truth)} (the errors your handler answered with)`, `your counter says ${describe(counted)}`);
    },
  },
  {
    id: 'request-latency-observed',
    task: 4,
    title: 'Each request observed once, in seconds, from arrival to answer',
    hint: 'Take Date.now() when QueryData starts and observe (now − start) / 1000 once every query has its answer, just before returning. Prometheus measures time in seconds.',
    async run(ctx) {
      const record = await serve(ctx, dayPlan(ctx, false));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.requestDuration, 'histogram');
      const truth = requestSeconds(record);
      const count = total(families, `${RED_METRICS.requestDuration}_count`);
      const seconds = total(families, `${RED_METRICS.requestDuration}_sum`);
      expect(count === truth.length, `${RED_METRICS.requestDuration}_count = ${truth.length}, one per request`, `it is ${count}`);
      expect(close(seconds, sum(truth), truth.length), `${RED_METRICS.requestDuration}_sum ≈ ${secs(sum(truth))}, the time the requests took on the run's clock`, `it is ${secs(seconds)}`);
    },
  },
  {
    id: 'latency-quantiles',
    task: 4,
    title: 'p95 and p99 from your buckets land in the bucket of the true p95 and p99',
    hint: 'histogram_quantile can only be as good as the buckets and what was observed: seconds, from arrival to answer, with buckets that reach past the slowest requests (a hung call ends at its 3 s timeout).',
    async run(ctx) {
      const record = await serve(ctx, latencyPlan(ctx));
      const scrape = lastScrape(record);
      family(scrape.families, RED_METRICS.requestDuration, 'histogram');
      const histogram = summedHistogram(scrape.families, RED_METRICS.requestDuration);
      expect(histogram, `buckets (${RED_METRICS.requestDuration}_bucket) in your metrics`, 'there are none');
      const truth = requestSeconds(record);
      const bounds = histogram.buckets.map((b) => b.le);
      for (const q of [0.95, 0.99]) {
        const bucket = trueBucket(truth, bounds, q);
        const sorted = [...truth].sort((a, b) => a - b);
        const real = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
        expect(
          Number.isFinite(bucket.upper),
          `a bucket that holds the p${q * 100} (${secs(real)}, from the host's record)`,
          `your buckets end at ${secs(bounds.filter(Number.isFinite).at(-1) ?? 0)}: it falls in +Inf, and histogram_quantile can only answer the last bound`,
        );
        const estimate = quantileAtScrape(scrape, record.epochMs, q, RED_METRICS.requestDuration);
        expect(
          estimate >= bucket.lower && estimate <= bucket.upper,
          `histogram_quantile(${q}, …) between ${secs(bucket.lower)} and ${secs(bucket.upper)}, the bucket that holds the true p${q * 100} (${secs(real)})`,
          Number.isNaN(estimate) ? 'it gives no value' : `it gives ${secs(estimate)}`,
        );
      }
    },
  },
  {
    id: 'latency-slo',
    task: 4,
    title: 'The share of requests within the 1 s SLO can be read from a bucket',
    hint: 'An SLO is read as bucket{le="1"} / count: the SLO needs a bucket bound of its own, and the observations must be in seconds.',
    async run(ctx) {
      const record = await serve(ctx, latencyPlan(ctx));
      const { families } = lastScrape(record);
      const histogram = summedHistogram(families, RED_METRICS.requestDuration);
      expect(histogram, `buckets (${RED_METRICS.requestDuration}_bucket) in your metrics`, 'there are none');
      const atSlo = histogram.buckets.find((b) => b.le === SLO_SECONDS);
      expect(atSlo, `a bucket with le="${SLO_SECONDS}", the SLO`, `your bounds are ${histogram.buckets.map((b) => b.le).join(', ')}`);
      const truth = requestSeconds(record);
      const within = truth.filter((s) => s <= SLO_SECONDS).length;
      expect(atSlo.count === within, `${within} of ${truth.length} requests within ${SLO_SECONDS} s, as the host timed them`, `your bucket le="${SLO_SECONDS}" holds ${atSlo.count} of ${histogram.count}`);
    },
  },
  {
    id: 'upstream-calls-timed',
    task: 5,
    title: 'Every upstream call is observed once, failed calls included',
    hint: 'Observe after every call that went out, whatever it got back: a 503 or a timeout is upstream latency too. A call that never went out (the request was already over) is not.',
    async run(ctx) {
      const record = await serve(ctx, burstPlan(ctx));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.upstreamDuration, 'histogram');
      const count = total(families, `${RED_METRICS.upstreamDuration}_count`);
      const failed = record.upstream.filter((c) => c.status !== 200).length;
      expect(count === record.upstream.length, `${RED_METRICS.upstreamDuration}_count = ${record.upstream.length}, the calls the upstream received (${failed} of them failed)`, `it is ${count}`);
    },
  },
  {
    id: 'upstream-latency-around-call',
    task: 5,
    title: 'Upstream latency is the call alone, not the wait for a slot',
    hint: 'Start the timer once the limiter has given you a slot, just before callUpstream, and stop it as soon as it returns: time in the queue is the plugin’s, not the upstream’s.',
    async run(ctx) {
      const record = await serve(ctx, burstPlan(ctx));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.upstreamDuration, 'histogram');
      const truth = sum(record.upstream.map((c) => c.durationMs)) / 1000;
      const seconds = total(families, `${RED_METRICS.upstreamDuration}_sum`);
      expect(
        close(seconds, truth, record.upstream.length),
        `${RED_METRICS.upstreamDuration}_sum ≈ ${secs(truth)}, the time the upstream took over its ${record.upstream.length} calls`,
        `it is ${secs(seconds)}${seconds > truth ? ': more than the upstream spent, so something else is in the timer' : ''}`,
      );
    },
  },
  {
    id: 'upstream-latency-quantiles',
    task: 5,
    title: 'Upstream p95 and p99 from your buckets land in the bucket of the true ones',
    hint: 'Observe each call in seconds, and give the upstream histogram buckets that reach past its slowest calls: a hung call lasts until its 3 s timeout.',
    async run(ctx) {
      const record = await serve(ctx, burstPlan(ctx));
      const scrape = lastScrape(record);
      family(scrape.families, RED_METRICS.upstreamDuration, 'histogram');
      const histogram = summedHistogram(scrape.families, RED_METRICS.upstreamDuration);
      expect(histogram, `buckets (${RED_METRICS.upstreamDuration}_bucket) in your metrics`, 'there are none');
      const truth = record.upstream.map((c) => c.durationMs / 1000);
      const bounds = histogram.buckets.map((b) => b.le);
      for (const q of [0.95, 0.99]) {
        const bucket = trueBucket(truth, bounds, q);
        const real = [...truth].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * truth.length) - 1)];
        expect(
          Number.isFinite(bucket.upper),
          `a bucket that holds the upstream's p${q * 100} (${secs(real)}, from the host's record of calls)`,
          `your buckets end at ${secs(bounds.filter(Number.isFinite).at(-1) ?? 0)}: it falls in +Inf, and histogram_quantile can only answer the last bound`,
        );
        const estimate = quantileAtScrape(scrape, record.epochMs, q, RED_METRICS.upstreamDuration);
        expect(
          estimate >= bucket.lower && estimate <= bucket.upper,
          `histogram_quantile(${q}, …) of upstream latency between ${secs(bucket.lower)} and ${secs(bucket.upper)}, the bucket that holds the true p${q * 100} (${secs(real)})`,
          Number.isNaN(estimate) ? 'it gives no value' : `it gives ${secs(estimate)}`,
        );
      }
    },
  },
  {
    id: 'cache-hits-and-misses',
    task: 6,
    title: 'Cache lookups counted as hit or miss, matching the calls that went out',
    hint: 'Count one lookup per query that reached the cache: result="hit" when it answered, result="miss" when the query had to call the upstream.',
    async run(ctx) {
      const record = await serve(ctx, dayPlan(ctx, false));
      const { families } = lastScrape(record);
      family(families, RED_METRICS.cache, 'counter');
      const counted = byLabel(families, RED_METRICS.cache, 'result');
      const looked = sum(record.schedule.flatMap((e) => e.request.queries.map((q) => (q.json === INVALID_QUERY ? 0 : 1))));
      const misses = record.upstream.length;
      const hits = looked - misses;
      expect(
        (counted.get('hit') ?? 0) === hits && (counted.get('miss') ?? 0) === misses && sum([...counted.values()]) === looked,
        `${RED_METRICS.cache}: hit ${hits}, miss ${misses} (${looked} queries looked up, ${misses} upstream calls)`,
        `your counter says ${describe(counted)}`,
      );
    },
  },
  {
    id: 'cardinality-bounded',
    task: 7,
    title: 'Twice as many distinct queries, dashboards and panels: no more series',
    hint: 'Label values must come from small fixed sets (endpoint, query type, error category, cache result). A refId, the query text, a dashboard uid or a URL makes one series per value, without end.',
    async run(ctx) {
      const first = await serve(ctx, dayPlan(ctx, false));
      const second = await serve(ctx, dayPlan(ctx, true));
      const a = lastScrape(first);
      const b = lastScrape(second);
      const seriesOf = (families: readonly MetricFamily[]) => new Map(families.map((f) => [f.name, f.samples.length]));
      const before = seriesOf(a.families);
      const after = seriesOf(b.families);
      const grew = [...after].filter(([name, n]) => n > (before.get(name) ?? 0)).map(([name, n]) => `${name} ${before.get(name) ?? 0} → ${n}`);
      expect(
        sum([...after.values()]) <= sum([...before.values()]),
        `as many series after the second run (${second.schedule.length} requests, twice the distinct queries) as after the first (${first.schedule.length} requests): ${sum([...before.values()])}`,
        `it exposed ${sum([...after.values()])}; grew: ${grew.join(', ')}`,
      );
    },
  },
];

export default checks;

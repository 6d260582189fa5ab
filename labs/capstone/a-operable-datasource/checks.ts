/**
 * Checks for Capstone A, "From toy data source to operable data source". Four stages
 * (a check's `task` is its stage); every Run runs every check, so a change in a later
 * stage that breaks an earlier one shows at once.
 *
 * Each check serves a plan of its own with the learner's files and compares the
 * learner's account (answers, metrics, logs, dashboard, alerts) with the host's record
 * of the same run: what it sent, what the upstream received and how long it took on the
 * virtual clock. Plans, latencies, incident times and invalid queries are drawn from the
 * Run's seed (the invalid queries with fast-check), so nothing is compared with constants.
 */
import fc from 'fast-check';
import { expect, fail } from '@/lib/checks/assert';
import { drawFrom, type Draw } from '@/lib/checks/draw';
import type { LabCheck } from '@/lib/checks/types';
import { markdownSections, mentions } from '@/lib/markdown/sections';
import { evaluateRange, parsePromQL, PromQLError } from '@/lib/promql';
import type { OperateCheckContext } from '@/lib/kinds/operate';
import { exposedNames, firesBetween, parseDashboard, parseRules, replayRules, unknownMetrics, type ParsedRule, type RuleTimeline } from '@/lib/kinds/operate/alerts';
import { withIntervalVariables } from '@/lib/kinds/operate/operations';
import { answeredErrors, closeTo, describeCounts, lastScrape, metricFamily, requestMs, sameCounts, secs, servedRun, totalOf, totalsBy } from '@/lib/kinds/operate/observe';
import type { OperatePlan, PlannedQuery, PlannedRequest } from '@/lib/kinds/operate/plan';
import { quantileAtScrape, scrapeStorage, summedHistogram, trueBucket } from '@/lib/kinds/operate/red';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import type { Incident, IncidentKind } from '@/lib/kinds/operate/upstream';
import { mulberry32 } from '@/lib/random';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The README's timeouts, ms, and the slack a virtual timer may take to fire. */
const TIMEOUT_MS = { instant: 2_000, range: 6_000 } as const;
const TIMER_SLACK_MS = 250;

/** The README's metric names. */
const METRICS = {
  queryDuration: 'datasource_query_duration_seconds',
  errors: 'datasource_query_errors_total',
  upstreamDuration: 'datasource_upstream_duration_seconds',
} as const;

const INSTANCES = ['metrics-main', 'metrics-eu', 'metrics-ap'] as const;
const METRIC_NAMES = ['cpu_usage_percent', 'memory_used_bytes', 'http_requests_per_second', 'queue_depth'] as const;
const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;
const LABELS = ['instance', 'job', 'route'] as const;
/** Query types as Grafana sends them: an empty one is "the editor set none", which runs as a range query. */
const QUERY_TYPES = ['range', 'instant', ''] as const;
const ranAs = (queryType: string) => (queryType === 'instant' ? 'instant' : 'range');

const drawOf = (ctx: OperateCheckContext, salt: number): Draw => drawFrom(mulberry32((ctx.seed ^ salt) >>> 0));

function validModel(d: Draw): Record<string, unknown> {
  const groupBy = d.sample(LABELS, d.int(0, 2));
  return { metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS), ...(groupBy.length ? { groupBy } : {}) };
}

// ---------------------------------------------------------------- stage 1: timeouts

/**
 * Two minutes against three upstreams at once: metrics-main hangs, metrics-eu answers
 * range queries slowly (under the range timeout), metrics-ap answers instant queries
 * slowly (under the instant timeout). Latencies are drawn per Run.
 */
function timeoutPlan(ctx: OperateCheckContext): OperatePlan {
  const d = drawOf(ctx, 0x71);
  const rangeLatency = d.int(2_500, 5_000);
  const instantLatency = d.int(1_100, 1_800);
  const requests: PlannedRequest[] = [];
  const add = (atMs: number, instanceUid: string, queryType: string) =>
    requests.push({ atMs, instanceUid, dashboard: `timeouts-${instanceUid}`, queries: [{ queryType, json: validModel(d) }], range: { lastMs: HOUR } });
  for (let i = 0; i < 4; i++) {
    const at = i * 10 * SECOND;
    // An empty queryType runs as a range query: each upstream meets both spellings.
    add(at, 'metrics-main', i % 2 === 0 ? 'instant' : i === 1 ? 'range' : '');
    add(at + 1, 'metrics-eu', i % 2 === 0 ? 'range' : '');
    add(at + 2, 'metrics-ap', 'instant');
  }
  return {
    requests,
    incidents: [
      { kind: 'hang', instanceUid: 'metrics-main', fromMs: 0, toMs: 60 * SECOND },
      { kind: 'slow', instanceUid: 'metrics-eu', fromMs: 0, toMs: 60 * SECOND, latencyMs: rangeLatency },
      { kind: 'slow', instanceUid: 'metrics-ap', fromMs: 0, toMs: 60 * SECOND, latencyMs: instantLatency },
    ],
    scrapeIntervalMs: 0,
  };
}

/** The requests of `record` to `instanceUid` whose one query runs as `kind`, with what they got. */
function answersOf(record: OperateRunRecord, instanceUid: string, kind: 'instant' | 'range') {
  return record.schedule
    .filter((e) => e.instanceUid === instanceUid && ranAs(e.request.queries[0].queryType) === kind)
    .map((e) => {
      const outcome = record.outcomes[e.id];
      const response = outcome?.responses?.[e.request.queries[0].refId];
      return { entry: e, outcome, response, tookMs: outcome ? outcome.endedAtMs - e.atMs : Infinity };
    });
}

const latencyOf = (plan: OperatePlan, instanceUid: string) => plan.incidents.find((i) => i.instanceUid === instanceUid)?.latencyMs ?? 0;

function givesUpOnHang(kind: 'instant' | 'range'): LabCheck<OperateCheckContext>['run'] {
  return async (ctx) => {
    const record = await servedRun(ctx, timeoutPlan(ctx));
    const limit = TIMEOUT_MS[kind];
    for (const { entry, outcome, response, tookMs } of answersOf(record, 'metrics-main', kind)) {
      const what = `the ${kind} query sent at ${entry.atMs / 1000} s to an upstream that never answers`;
      expect(outcome?.status === 'answered' && response, `an answer to ${what}`, outcome?.message ?? 'it got none before Grafana gave up');
      expect(response.error?.category === 'timeout', `a timeout error for ${what}`, response.error ? `a ${response.error.category} error: ${response.error.message}` : 'an answer without error');
      expect(tookMs <= limit + TIMER_SLACK_MS, `${what} given up on within ${limit / 1000} s`, `it took ${secs(tookMs / 1000)}`);
    }
  };
}

function waitsForSlow(kind: 'instant' | 'range', instanceUid: string): LabCheck<OperateCheckContext>['run'] {
  return async (ctx) => {
    const plan = timeoutPlan(ctx);
    const record = await servedRun(ctx, plan);
    const latency = latencyOf(plan, instanceUid);
    for (const { entry, response } of answersOf(record, instanceUid, kind)) {
      const what = `the ${kind} query sent at ${entry.atMs / 1000} s to an upstream that answers in ${secs(latency / 1000)} (under the ${TIMEOUT_MS[kind] / 1000} s ${kind} timeout)`;
      expect(response, `an answer to ${what}`, 'it got none');
      expect(!response.error && response.frames > 0, `frames for ${what}`, response.error ? `a ${response.error.category} error: ${response.error.message}` : 'no frames');
    }
  };
}

// ---------------------------------------------------------------- stage 2: validation

/** The fields a query can be refused for, as Grafana sends them (DataQuery and the query model). */
const FIELDS = ['metric', 'aggregation', 'groupBy', 'queryType', 'maxDataPoints', 'intervalMs', 'timeRange'] as const;
type Field = (typeof FIELDS)[number];

const isMetricName = (s: string) => /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s);
const isLabelName = (s: string) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s);

/** An invalid query of each field, as a plan's query and range; `base` is a valid model, `day` yesterday's midnight. */
function invalidArbitrary(field: Field, base: Record<string, unknown>, day: number): fc.Arbitrary<{ query: PlannedQuery; range: PlannedRequest['range'] }> {
  const lastHour = { lastMs: HOUR };
  const model = (patch: Record<string, unknown>) => ({ query: { queryType: 'range', json: { ...base, ...patch } }, range: lastHour });
  const notText = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
  switch (field) {
    case 'metric':
      return fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !isMetricName(s)), notText).map((metric) => model({ metric }));
    case 'aggregation':
      return fc.oneof(fc.string({ maxLength: 10 }).filter((s) => !(AGGREGATIONS as readonly string[]).includes(s)), notText).map((aggregation) => model({ aggregation }));
    case 'groupBy':
      return fc
        .oneof(
          fc.string({ maxLength: 8 }),
          fc.array(fc.string({ maxLength: 8 }).filter((s) => !isLabelName(s)), { minLength: 1, maxLength: 3 }),
          fc.array(fc.constantFrom(...LABELS, 'pod', 'zone', 'node'), { minLength: 6, maxLength: 8 }),
        )
        .map((groupBy) => model({ groupBy }));
    case 'queryType':
      return fc.string({ maxLength: 10 }).filter((s) => !(QUERY_TYPES as readonly string[]).includes(s)).map((queryType) => ({ query: { queryType, json: base }, range: lastHour }));
    case 'maxDataPoints':
      return fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.double({ min: 0.01, max: 500, noInteger: true, noNaN: true })).map((maxDataPoints) => ({ query: { queryType: 'range', json: base, maxDataPoints }, range: lastHour }));
    case 'intervalMs':
      return fc.integer({ min: -3_600_000, max: -1 }).map((intervalMs) => ({ query: { queryType: 'range', json: base, intervalMs }, range: lastHour }));
    case 'timeRange':
      return fc
        .oneof(
          fc.integer({ min: 0, max: 6 * HOUR }).map((back) => ({ from: day - back + HOUR, to: day - back })),
          fc.integer({ min: 8, max: 90 }).map((days) => ({ from: day - days * DAY, to: day })),
        )
        .map((range) => ({ query: { queryType: 'range', json: base }, range }));
  }
}

interface ValidationCase {
  field?: Field;
  request: PlannedRequest;
}

/**
 * Two generated invalid queries per field (fast-check, seeded from the Run), one per
 * request, each followed by a valid one (every query type, the empty one included).
 */
function validationCases(ctx: OperateCheckContext): ValidationCase[] {
  const d = drawOf(ctx, 0x7a1);
  const day = Math.floor(ctx.now / DAY) * DAY - DAY;
  const cases: ValidationCase[] = [];
  let atMs = 0;
  for (const field of FIELDS) {
    const samples = fc.sample(invalidArbitrary(field, validModel(d), day), { seed: (ctx.seed ^ FIELDS.indexOf(field)) | 0, numRuns: 2 });
    for (const { query, range } of samples) {
      cases.push({ field, request: { atMs, instanceUid: d.pick(INSTANCES), dashboard: 'validation', queries: [query], range } });
      atMs += SECOND;
      cases.push({ request: { atMs, instanceUid: d.pick(INSTANCES), dashboard: 'validation', queries: [{ queryType: QUERY_TYPES[cases.length % 3], json: validModel(d) }], range: { lastMs: HOUR } } });
      atMs += SECOND;
    }
  }
  return cases;
}

const validationPlan = (ctx: OperateCheckContext): OperatePlan => ({ requests: validationCases(ctx).map((c) => c.request), incidents: [], scrapeIntervalMs: 0 });

/** How a planned invalid query reads in a message. */
function showCase(c: ValidationCase): string {
  const q = c.request.queries[0];
  const parts = [`json ${JSON.stringify(q.json)}`, `queryType ${JSON.stringify(q.queryType ?? 'range')}`];
  if (q.maxDataPoints !== undefined) parts.push(`maxDataPoints ${q.maxDataPoints}`);
  if (q.intervalMs !== undefined) parts.push(`intervalMs ${q.intervalMs}`);
  if ('from' in c.request.range) parts.push(`timeRange ${new Date(c.request.range.from).toISOString()} to ${new Date(c.request.range.to).toISOString()}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------- stages 3 and 4: the incident workload

/** The three incidents the alerts must see, in an order and at times drawn per Run. */
const ALERT_INCIDENTS: readonly IncidentKind[] = ['server_error', 'hang', 'slow'];
const LEAD_MS = 90 * SECOND;
const INCIDENT_MS = 120 * SECOND;
const GAP_MS = 150 * SECOND;
/** How long after an incident ends an alert may still be counted as its own: the rate window and an evaluation. */
const ALERT_GRACE_MS = 60 * SECOND;

function incidentsOf(ctx: OperateCheckContext): Incident[] {
  const d = drawOf(ctx, 0x1c1);
  let at = LEAD_MS + d.int(0, 4) * 15 * SECOND;
  return d.shuffle(ALERT_INCIDENTS).map((kind) => {
    const incident: Incident = { kind, fromMs: at, toMs: at + INCIDENT_MS, ...(kind === 'slow' ? { latencyMs: d.int(2_500, 4_000) } : {}) };
    at += INCIDENT_MS + GAP_MS;
    return incident;
  });
}

/**
 * Fifteen minutes of three tenants' panels, a request every 3 s, one query each (any
 * query type), with a mistyped query every seventh request, as users make them on a
 * calm day too. `incidents: false` is the calm baseline: the same traffic, nothing wrong.
 */
function workloadPlan(ctx: OperateCheckContext, incidents: boolean): OperatePlan {
  const d = drawOf(ctx, 0x3ad);
  const list = incidentsOf(ctx);
  const endMs = list.at(-1)!.toMs + GAP_MS;
  const requests: PlannedRequest[] = [];
  for (let i = 0, atMs = 0; atMs < endMs; i++, atMs += 3 * SECOND) {
    const invalid = i % 7 === 3;
    const query: PlannedQuery = invalid ? { queryType: 'range', json: { ...validModel(d), aggregation: d.pick(['median', 'AVG', 'p99', '']) } } : { queryType: d.pick(QUERY_TYPES), json: validModel(d) };
    requests.push({ atMs, instanceUid: INSTANCES[i % 3], dashboard: `ops-${i % 4}`, queries: [query], range: { lastMs: HOUR } });
  }
  return { requests, incidents: incidents ? list : [], scrapeIntervalMs: 15 * SECOND };
}

/** The last scrape's families of the incident workload, with every sample name they expose. */
async function exposed(ctx: OperateCheckContext) {
  const record = await servedRun(ctx, workloadPlan(ctx, true));
  const scrape = lastScrape(record);
  return { record, scrape, names: exposedNames(scrape.families) };
}


function rulesOf(ctx: OperateCheckContext): ParsedRule[] {
  const text = ctx.file('alerts.yaml');
  expect(text !== undefined, 'an alerts.yaml', 'there is none');
  const parsed = parseRules(text);
  if (!parsed.ok) fail('alerts.yaml to be a Prometheus rules file (groups → rules with alert, expr, for, labels, annotations)', parsed.message);
  return parsed.value;
}

async function timelines(ctx: OperateCheckContext, incidents: boolean): Promise<{ record: OperateRunRecord; timelines: RuleTimeline[] }> {
  const rules = rulesOf(ctx);
  const record = await servedRun(ctx, workloadPlan(ctx, incidents));
  const storage = scrapeStorage(record.scrapes, record.epochMs);
  const endMs = record.schedule.at(-1)!.atMs;
  return { record, timelines: replayRules(rules, storage, record.epochMs, endMs) };
}

const window = (i: Incident) => `${i.kind} from ${i.fromMs / 1000} s to ${i.toMs / 1000} s`;

// ---------------------------------------------------------------- stage 3: logs

/** Twelve requests 11 s apart (longer than Grafana's own timeout), two queries each, through a 5xx outage and a hang. */
function logsPlan(ctx: OperateCheckContext): OperatePlan {
  const d = drawOf(ctx, 0x109);
  const requests: PlannedRequest[] = Array.from({ length: 12 }, (_, i) => ({
    atMs: i * 11 * SECOND,
    instanceUid: 'metrics-main',
    dashboard: 'logs',
    queries: [
      { queryType: 'instant', json: validModel(d) },
      { queryType: d.pick(['range', ''] as const), json: i === 5 ? { metric: 'cpu usage' } : validModel(d) },
    ],
    range: { lastMs: HOUR },
  }));
  return {
    requests,
    incidents: [
      { kind: 'server_error', instanceUid: 'metrics-main', fromMs: 22 * SECOND, toMs: 44 * SECOND },
      { kind: 'hang', instanceUid: 'metrics-main', fromMs: 66 * SECOND, toMs: 88 * SECOND },
    ],
    scrapeIntervalMs: 0,
  };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

const checks: LabCheck<OperateCheckContext>[] = [
  // Stage 1
  {
    id: 'instant-gives-up-on-hang',
    task: 1,
    title: 'Stage 1 · An instant query gives up on a hanging upstream within 2 s',
    hint: 'Bound each upstream call with AbortSignal.timeout(the timeout of its query type), combined with ctx.signal by AbortSignal.any, and answer a timeout error when it fires.',
    run: givesUpOnHang('instant'),
  },
  {
    id: 'range-gives-up-on-hang',
    task: 1,
    title: 'Stage 1 · A range query gives up on a hanging upstream within 6 s',
    hint: 'A range query (queryType "range", or empty) gets its own bound of 6 s: under Grafana’s own timeout, so your error reaches the panel, not Grafana’s.',
    run: givesUpOnHang('range'),
  },
  {
    id: 'range-waits-for-slow',
    task: 1,
    title: 'Stage 1 · A range query waits for a slow upstream that answers within its 6 s',
    hint: 'The range timeout must not be the instant one: a week of data can take seconds and still be worth waiting for.',
    run: waitsForSlow('range', 'metrics-eu'),
  },
  {
    id: 'instant-waits-for-slow',
    task: 1,
    title: 'Stage 1 · An instant query waits for an upstream that answers within its 2 s',
    hint: 'Instant queries run against /api/v1/query (with `time`, the range’s end) and give up at 2 s, not sooner.',
    run: waitsForSlow('instant', 'metrics-ap'),
  },
  // Stage 2
  {
    id: 'invalid-queries-refused',
    task: 2,
    title: 'Stage 2 · Generated invalid queries get a validation error naming the field',
    hint: 'Refuse a bad metric, aggregation, groupBy, queryType, maxDataPoints, intervalMs or timeRange with queryError("validation", …), and write the field’s name, as Grafana sends it, in the message.',
    async run(ctx) {
      const cases = validationCases(ctx);
      const record = await servedRun(ctx, validationPlan(ctx));
      record.schedule.forEach((entry, i) => {
        const c = cases[i];
        if (!c.field) return;
        const response = record.outcomes[entry.id]?.responses?.[entry.request.queries[0].refId];
        const what = `the query with ${c.field} wrong (${showCase(c)})`;
        expect(response?.error?.category === 'validation', `a validation error for ${what}`, response?.error ? `a ${response.error.category} error: ${response.error.message}` : 'an answer without error');
        expect(response.error.message.includes(c.field), `the message for ${what} to name the field "${c.field}"`, `it says: ${response.error.message}`);
      });
    },
  },
  {
    id: 'invalid-queries-never-call-upstream',
    task: 2,
    title: 'Stage 2 · An invalid query causes no upstream call',
    hint: 'Validate everything before building the request: a query that will be refused must not cost the metrics API a call.',
    async run(ctx) {
      const cases = validationCases(ctx);
      const record = await servedRun(ctx, validationPlan(ctx));
      const valid = cases.filter((c) => !c.field).length;
      // Requests are 1 s apart and the upstream is healthy: a call belongs to the request sent in its second.
      const extra = record.upstream.filter((call) => cases[Math.floor(call.startedAtMs / SECOND)]?.field);
      expect(
        extra.length === 0 && record.upstream.length <= valid,
        `no upstream call for the ${cases.length - valid} invalid queries (${valid} calls in all, one per valid query)`,
        () => `${record.upstream.length} calls went out${extra.length ? `, ${extra.length} of them for invalid queries, e.g. the one with ${cases[Math.floor(extra[0].startedAtMs / SECOND)].field} wrong: ${showCase(cases[Math.floor(extra[0].startedAtMs / SECOND)])}` : ''}`,
      );
    },
  },
  {
    id: 'valid-queries-still-answered',
    task: 2,
    title: 'Stage 2 · Valid queries of every query type still get their frames',
    hint: 'Refuse only what is wrong: "range", "instant" and an empty queryType are all valid, as are any positive maxDataPoints and an intervalMs of 0.',
    async run(ctx) {
      const cases = validationCases(ctx);
      const record = await servedRun(ctx, validationPlan(ctx));
      record.schedule.forEach((entry, i) => {
        if (cases[i].field) return;
        const response = record.outcomes[entry.id]?.responses?.[entry.request.queries[0].refId];
        expect(response && !response.error && response.frames > 0, `frames for the valid query ${showCase(cases[i])}`, response?.error ? `a ${response.error.category} error: ${response.error.message}` : 'no frames');
      });
    },
  },
  // Stage 3
  {
    id: 'errors-by-class',
    task: 3,
    title: 'Stage 3 · Every error answered is counted once, under its class',
    hint: `Count each query answered with an error in ${METRICS.errors}, labelled category with the error's category, whatever produced it: a typo, a 5xx, a timeout.`,
    async run(ctx) {
      const record = await servedRun(ctx, workloadPlan(ctx, true));
      const { families } = lastScrape(record);
      metricFamily(families, METRICS.errors, 'counter');
      const counted = totalsBy(families, METRICS.errors, 'category');
      const truth = answeredErrors(record);
      expect(sameCounts(counted, truth), `${METRICS.errors} by category: ${describeCounts(truth)} (the errors your handler answered with)`, `your counter says ${describeCounts(counted)}`);
    },
  },
  {
    id: 'query-duration-observed',
    task: 3,
    title: 'Stage 3 · Each query observed once, in seconds, by the type it ran as',
    hint: `Observe (Date.now() − start) / 1000 in ${METRICS.queryDuration} once per query, errors included, labelled query_type "instant" or "range" (an empty queryType runs as range). Prometheus measures time in seconds.`,
    async run(ctx) {
      const record = await servedRun(ctx, workloadPlan(ctx, true));
      const { families } = lastScrape(record);
      metricFamily(families, METRICS.queryDuration, 'histogram');
      const counted = totalsBy(families, `${METRICS.queryDuration}_count`, 'query_type');
      const truth = new Map<string, number>();
      for (const e of record.schedule) for (const q of e.request.queries) truth.set(ranAs(q.queryType), (truth.get(ranAs(q.queryType)) ?? 0) + 1);
      expect(sameCounts(counted, truth), `${METRICS.queryDuration}_count by query_type: ${describeCounts(truth)}`, `yours says ${describeCounts(counted)}`);
      const seconds = record.schedule.reduce((s, e) => s + requestMs(record, e.id) / 1000, 0);
      const sum = totalOf(families, `${METRICS.queryDuration}_sum`);
      expect(closeTo(sum, seconds, record.schedule.length), `${METRICS.queryDuration}_sum ≈ ${secs(seconds)}, the time the queries took on the run's clock`, `it is ${secs(sum)}`);
    },
  },
  {
    id: 'query-latency-quantile',
    task: 3,
    title: 'Stage 3 · The p99 of query latency from your buckets lands in the bucket of the true one',
    hint: 'Give the histogram bounds that reach past the slowest queries (a range query may take its whole 6 s), so histogram_quantile never falls in +Inf.',
    async run(ctx) {
      const record = await servedRun(ctx, workloadPlan(ctx, true));
      const scrape = lastScrape(record);
      const histogram = summedHistogram(scrape.families, METRICS.queryDuration);
      expect(histogram, `buckets (${METRICS.queryDuration}_bucket) in your metrics`, 'there are none');
      const truth = record.schedule.map((e) => requestMs(record, e.id) / 1000);
      const bounds = histogram.buckets.map((b) => b.le);
      const bucket = trueBucket(truth, bounds, 0.99);
      expect(Number.isFinite(bucket.upper), 'a finite bucket that holds the true p99', `your buckets end at ${secs(bounds.filter(Number.isFinite).at(-1) ?? 0)}: the p99 falls in +Inf`);
      const estimate = quantileAtScrape(scrape, record.epochMs, 0.99, METRICS.queryDuration);
      expect(estimate >= bucket.lower && estimate <= bucket.upper, `histogram_quantile(0.99, …) between ${secs(bucket.lower)} and ${secs(bucket.upper)}`, Number.isNaN(estimate) ? 'it gives no value' : `it gives ${secs(estimate)}`);
    },
  },
  {
    id: 'upstream-latency-observed',
    task: 3,
    title: 'Stage 3 · Every upstream call observed once, failed and timed-out calls included',
    hint: `Observe ${METRICS.upstreamDuration} in seconds after every call that went out, whatever it got back: a 503 or a timeout is upstream latency too.`,
    async run(ctx) {
      const record = await servedRun(ctx, workloadPlan(ctx, true));
      const { families } = lastScrape(record);
      metricFamily(families, METRICS.upstreamDuration, 'histogram');
      const count = totalOf(families, `${METRICS.upstreamDuration}_count`);
      const truth = record.upstream.reduce((s, c) => s + c.durationMs / 1000, 0);
      const sum = totalOf(families, `${METRICS.upstreamDuration}_sum`);
      const failed = record.upstream.filter((c) => c.status !== 200).length;
      expect(count === record.upstream.length, `${METRICS.upstreamDuration}_count = ${record.upstream.length}, the calls the upstream received (${failed} of them failed or timed out)`, `it is ${count}`);
      expect(closeTo(sum, truth, count), `${METRICS.upstreamDuration}_sum ≈ ${secs(truth)}, the time the upstream took`, `it is ${secs(sum)}`);
    },
  },
  {
    id: 'logs-correlated',
    task: 3,
    title: 'Stage 3 · Every request logs with one correlation id of its own, sent upstream in traceparent',
    hint: 'Make one trace id per QueryData request (newTraceId), add it as traceID to every line (withFields), and send traceparent(traceId, newSpanId()) on each upstream call.',
    async run(ctx) {
      const record = await servedRun(ctx, logsPlan(ctx));
      const seen = new Map<string, number>();
      record.schedule.forEach((entry, i) => {
        const end = record.schedule[i + 1]?.atMs ?? Infinity;
        const lines = record.logs.filter((l) => l.source === 'logger' && l.atMs >= entry.atMs && l.atMs < end);
        const when = `the request sent at ${entry.atMs / 1000} s`;
        expect(lines.length > 0, `log lines (ctx.logger) for ${when}`, 'there are none');
        const ids = new Set(lines.map((l) => l.fields.traceID));
        const [id] = [...ids];
        expect(ids.size === 1 && typeof id === 'string' && /^[0-9a-f]{32}$/.test(id), `one traceID (32 hex digits) on every line of ${when}`, `its lines carry ${[...ids].map((v) => JSON.stringify(v ?? null)).join(', ')}`);
        const earlier = seen.get(id);
        expect(earlier === undefined, `a traceID of its own for ${when}`, `it reuses the one of the request sent at ${(earlier ?? 0) / 1000} s`);
        seen.set(id, entry.atMs);
        for (const call of record.upstream.filter((c) => c.startedAtMs >= entry.atMs && c.startedAtMs < end)) {
          const header = call.requestHeaders.find(([k]) => k.toLowerCase() === 'traceparent')?.[1];
          const m = header ? TRACEPARENT.exec(header) : null;
          expect(m?.[1] === id, `the upstream calls of ${when} to carry traceparent 00-${id}-<span>-01`, header ? `one carries ${header}` : 'one carries no traceparent');
        }
      });
    },
  },
  // Stage 4
  {
    id: 'dashboard-queries-your-metrics',
    task: 4,
    title: 'Stage 4 · dashboard.json: every panel queries metrics your registry exposes, and shows data',
    hint: 'Each panel’s targets hold PromQL in `expr`. Name the metrics exactly as metrics.ts registers them (a histogram as name_bucket, _sum or _count), and cover query latency, errors by class and upstream latency.',
    async run(ctx) {
      const text = ctx.file('dashboard.json');
      expect(text !== undefined, 'a dashboard.json', 'there is none');
      const parsed = parseDashboard(text);
      if (!parsed.ok) fail('dashboard.json to be a Grafana dashboard model (title, panels with targets holding `expr`)', parsed.message);
      const { record, names } = await exposed(ctx);
      const storage = scrapeStorage(record.scrapes, record.epochMs);
      const used = new Set<string>();
      const endMs = record.epochMs + record.schedule.at(-1)!.atMs;
      for (const panel of parsed.value.panels) {
        for (const target of panel.targets) {
          let ast;
          try {
            ast = parsePromQL(withIntervalVariables(target.expr));
          } catch (err) {
            fail(`PromQL in the panel "${panel.title}"`, `${target.expr}: ${err instanceof PromQLError ? err.message : String(err)}`);
          }
          const unknown = unknownMetrics(ast, names);
          expect(unknown.length === 0, `the panel "${panel.title}" to query metrics your registry exposes`, `it queries ${unknown.join(', ')}, which your registry does not expose (it has ${[...names].sort().join(', ')})`);
          for (const n of names) if (target.expr.includes(n)) used.add(n.replace(/_(bucket|sum|count)$/, ''));
          const result = evaluateRange(ast, { start: record.epochMs + 2 * MINUTE, end: endMs, step: 15 * SECOND }, storage);
          const points = result.result.reduce((n, s) => n + s.values.filter(([, v]) => Number.isFinite(v)).length, 0);
          expect(points > 0, `the panel "${panel.title}" to show data over the incident workload`, `${target.expr} gives no value over the run`);
        }
      }
      const missing = Object.values(METRICS).filter((m) => !used.has(m));
      expect(missing.length === 0, `panels over ${Object.values(METRICS).join(', ')}`, `no panel queries ${missing.join(', ')}`);
    },
  },
  {
    id: 'alerts-reference-your-metrics',
    task: 4,
    title: 'Stage 4 · alerts.yaml parses, and every rule queries metrics your registry exposes',
    hint: 'A rules file is groups → rules, each with alert, expr (PromQL), for (a duration such as 30s), labels and annotations. An expr over a metric that does not exist never fires.',
    async run(ctx) {
      const rules = rulesOf(ctx);
      expect(rules.length >= ALERT_INCIDENTS.length, `at least ${ALERT_INCIDENTS.length} alerting rules, one for each way the data source fails`, `there are ${rules.length}`);
      const { names } = await exposed(ctx);
      for (const rule of rules) {
        const unknown = unknownMetrics(rule.ast, names);
        expect(unknown.length === 0, `the alert ${rule.alert} to query metrics your registry exposes`, `it queries ${unknown.join(', ')}, which your registry does not expose (it has ${[...names].sort().join(', ')})`);
      }
    },
  },
  {
    id: 'alerts-fire-during-incidents',
    task: 4,
    title: 'Stage 4 · Replayed over three incidents, each incident fires an alert and each alert fires during one',
    hint: 'Rules are evaluated every 15 s; a rule fires once its expression has held for `for`. Each incident lasts 2 minutes: a `for` longer than that never fires, and an expression that nothing in the incident moves never does either.',
    async run(ctx) {
      const { record, timelines: all } = await timelines(ctx, true);
      for (const incident of record.incidents) {
        const firing = all.filter((t) => firesBetween(t, incident.fromMs, incident.toMs + ALERT_GRACE_MS));
        expect(firing.length > 0, `an alert firing during the incident ${window(incident)}`, `none of ${all.map((t) => t.alert).join(', ')} fired`);
      }
      for (const t of all) {
        const during = record.incidents.some((i) => firesBetween(t, i.fromMs, i.toMs + ALERT_GRACE_MS));
        const pendingMs = t.steps.filter((s) => s.state !== 'inactive').length * 15;
        expect(during, `the alert ${t.alert} to fire during one of the incidents (${record.incidents.map(window).join('; ')})`, t.error ? `its expr failed: ${t.error}` : `it never fired${pendingMs ? ` (it was pending for ${pendingMs} s in all; its for is ${t.forMs / 1000} s)` : ''}`);
      }
    },
  },
  {
    id: 'alerts-quiet-on-baseline',
    task: 4,
    title: 'Stage 4 · Replayed over a calm baseline, no alert fires',
    hint: 'The baseline is the same traffic with a healthy upstream, typos included: an alert on every error, validation among them, pages someone for a user’s typo.',
    async run(ctx) {
      const { timelines: all } = await timelines(ctx, false);
      for (const t of all) {
        const first = t.steps.find((s) => s.state === 'firing');
        expect(!first, `the alert ${t.alert} never firing on a calm day`, `it fired at ${(first?.atMs ?? 0) / 1000} s of the baseline`);
      }
    },
  },
  {
    id: 'operations-guide',
    task: 4,
    title: 'Stage 4 · OPERATIONS.md covers dashboards, every alert by name, and debugging',
    hint: 'Three sections (Dashboards, Alerts, Debugging), each alert of alerts.yaml named in the Alerts section with what to check first, and no TODO left.',
    async run(ctx) {
      const text = ctx.file('OPERATIONS.md');
      expect(text !== undefined, 'an OPERATIONS.md', 'there is none');
      const sections = markdownSections(text);
      for (const heading of ['Dashboard', 'Alert', 'Debug']) {
        expect(sections.some((s) => s.heading.toLowerCase().includes(heading.toLowerCase())), `a section whose heading says ${heading}`, `the headings are ${sections.map((s) => s.heading).join(', ') || 'none'}`);
      }
      expect(!/\bTODO\b/.test(text), 'no TODO left in OPERATIONS.md', 'a TODO is still there');
      for (const rule of rulesOf(ctx)) expect(mentions(text, rule.alert), `the alert ${rule.alert} named in OPERATIONS.md, with what to do when it fires`, 'the guide never names it');
    },
  },
];

export default checks;

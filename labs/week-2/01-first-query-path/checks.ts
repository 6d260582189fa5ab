/**
 * Checks for "First query path". Each runs the learner's handler with its own
 * request and upstream scenario, then asserts on what came back. Frames are compared
 * with what the upstream sent, every point, for the same scenario (special values and
 * unaligned series included) and the same Run: every Run has its own clock and series
 * (lib/upstreams/seed.ts), so frames learnt in one Run are wrong in the next.
 *
 * The inputs a verdict depends on are drawn per Run too (lib/checks/draw.ts): the wrong
 * aggregations, query texts and query models, metrics, intervals, refIds, the wrong key
 * and the refused windows. A handler that knows a few inputs by heart fails the next Run;
 * every failure names the input it was given.
 */
import { FieldType } from '@grafana/data';
import { expect, expectCompleted, framesFor, queryResponse, responseFor, show, urlParams } from '@/lib/checks/assert';
import { drawFor, missingText, nonObjectJsons, notJson, refIds, showText, TEXT_AGGREGATION_KINDS, unknownAggregation, unknownAggregations, wrongKey, type Draw } from '@/lib/checks/draw';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { diffSeries, readTimeSeries, type ExpectedSeries } from '@/lib/dataplane';
import { evaluateRange, METRIC_NAMES, METRICS_API_KEY, metricsWorld, parseSampleValue } from '@/lib/upstreams/metrics';
import type { ScenarioInput } from '@/lib/upstreams/scenario';

const CPU = 'cpu_usage_percent';
const HTTP = 'http_requests_per_second';
/** The aggregations the lab's query model allows (task 1). */
const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;
const DAY_MS = 86_400_000;

/** A valid query model, drawn: any metric of the upstream, any of the lab's aggregations. */
function validQuery(d: Draw): { metric: string; aggregation: string } {
  return { metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS) };
}

/** A JSON object without the keys whose value is undefined, as JSON.stringify writes it. */
function model(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** Words of a text, as a person compares sentences: case, punctuation and digit grouping ("11,000") aside. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/(\d)[,.\s](?=\d{3}\b)/g, '$1').split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * What a Prometheus 400 body says to change: the first sentence of its `error`, without
 * the "invalid parameter \"end\": " that names the parameter; undefined when the body has none.
 */
function explanationOf(text: string | undefined): string | undefined {
  try {
    const error = (JSON.parse(text ?? '') as { error?: unknown }).error;
    if (typeof error !== 'string') return undefined;
    return error.split(/\.\s/)[0].replace(/^invalid parameter "[^"]*":\s*/, '').trim();
  } catch {
    return undefined;
  }
}

function upstreamQueries(record: RunRecord): string[] {
  return record.upstream.map((call) => urlParams(call.url).get('query') ?? '(no query parameter)');
}

function expectValidationError(record: RunRecord, field: string | null, refId = 'A', what = 'a query that is invalid') {
  expectCompleted(record, what);
  const response = responseFor(record, refId);
  expect(response.error, `a validation error for ${what}`, `refId ${refId} came back without an error (${response.frames.length} frames)`);
  expect(response.error.category === 'validation', `category 'validation' for ${what}`, `it is '${response.error.category}' (${show(response.error.message)})`);
  if (field) expect(response.error.message.includes(field), `the message for ${what} to name the field "${field}"`, `it says ${show(response.error.message)}`);
  expect(record.upstream.length === 0, `no request to the upstream for ${what}`, `${record.upstream.length} request(s) went out`);
}

function expectCategory(record: RunRecord, category: string, when = '') {
  const response = responseFor(record, 'A');
  expect(response.error, `a '${category}' error for refId A${when}`, `refId A came back without an error`);
  expect(response.error.category === category, `category '${category}'${when}`, `the category is '${response.error.category}' (${show(response.error.message)})`);
}

/** One query over a window, for the frame checks. */
interface FrameQuery {
  refId?: string;
  metric: string;
  aggregation: string;
  groupBy?: string[];
  minutes?: number;
  scenario?: ScenarioInput;
}

/** The PromQL a query stands for, as task 3 asks for it. */
function promql({ metric, aggregation, groupBy = [] }: FrameQuery): string {
  return groupBy.length > 0 ? `${aggregation} by (${groupBy.join(', ')}) (${metric})` : `${aggregation}(${metric})`;
}

/**
 * Runs the query and checks its frames against the upstream's series in full: one
 * timeseries-multi frame per series, named after the metric, carrying the refId, with
 * every point of its series (times in ms, special values as numbers, own times kept).
 */
async function expectSeriesAsSent(ctx: CheckContext, q: FrameQuery) {
  const refId = q.refId ?? 'A';
  const timeRange = { from: ctx.now - (q.minutes ?? 10) * 60_000, to: ctx.now };
  const json = { metric: q.metric, aggregation: q.aggregation, ...(q.groupBy ? { groupBy: q.groupBy } : {}) };
  const record = await ctx.query({ queries: [{ refId, json, intervalMs: 60_000, timeRange }], scenario: q.scenario });
  const range = { query: promql(q), start: timeRange.from / 1000, end: timeRange.to / 1000, step: 60 };
  const want: ExpectedSeries[] = evaluateRange(range, q.scenario, metricsWorld(record.seed)).map(({ metric, values }) => {
    const { __name__, ...labels } = metric;
    return { name: q.metric, labels, times: values.map(([t]) => t * 1000), values: values.map(([, v]) => parseSampleValue(v)), sent: values.map(([, v]) => v) };
  });
  const response = responseFor(record, refId);
  expect(!response.error, `frames for ${promql(q)}`, () => `the handler answered with a ${response.error!.category} error: ${show(response.error!.message)}`);
  const frames = framesFor(record, refId);
  expect(frames.length === want.length, `${want.length} frame(s) for ${promql(q)}, one per series`, `${frames.length} came back`);
  for (const [i, frame] of frames.entries()) {
    expect(frame.meta?.type === 'timeseries-multi', "meta.type 'timeseries-multi' on every frame", `frame ${i} has meta.type ${show(frame.meta?.type)}`);
    expect(frame.refId === refId, `every frame to carry refId ${show(refId)}, the query it answers`, `frame ${i} has refId ${show(frame.refId)}`);
    expect(frame.name === q.metric, `every frame named after the metric, ${show(q.metric)}`, `frame ${i} is named ${show(frame.name)}`);
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const value = frame.fields.find((f) => f.type === FieldType.number);
    expect(time && value, 'a time field and a number field in every frame', `frame ${i} has fields ${show(frame.fields.map((f) => `${f.name}:${f.type}`))}`);
  }
  const difference = diffSeries(readTimeSeries(responseFor(record, refId).frames), want, { identity: 'labels' });
  expect(!difference, `every point of the series the upstream sent for ${promql(q)} (labels on the number field, times in ms, values as numbers)`, () => difference!);
}

const checks: LabCheck[] = [
  {
    id: 'aggregation-defaults-to-avg',
    task: 1,
    title: 'A query without aggregation means avg',
    hint: 'Give the aggregation field a default in the zod schema.',
    async run(ctx) {
      // Two metrics, each queried alone without an aggregation.
      for (const metric of drawFor(ctx, 'aggregation-defaults-to-avg').sample(METRIC_NAMES, 2)) {
        const record = await ctx.query({ queries: [{ json: { metric } }] });
        expectCompleted(record, `the query ${JSON.stringify({ metric })}`);
        queryResponse(record);
        const sent = upstreamQueries(record);
        expect(sent.length === 1 && sent[0] === `avg(${metric})`, `one upstream query "avg(${metric})" for the query ${JSON.stringify({ metric })}`, `the handler sent ${show(sent)}`);
      }
    },
  },
  {
    id: 'aggregation-rejects-unknown',
    task: 1,
    title: 'An unknown aggregation is a validation error',
    hint: 'Restrict aggregation to the values in AGGREGATIONS (z.enum).',
    async run(ctx) {
      // A plausible word, a valid one spelt wrong (case, spaces, suffix, empty…) and a value that is not text.
      const d = drawFor(ctx, 'aggregation-rejects-unknown');
      const metric = d.pick(METRIC_NAMES);
      for (const aggregation of unknownAggregations(d, AGGREGATIONS, 3)) {
        const json = { metric, aggregation };
        expectValidationError(await ctx.query({ queries: [{ json }] }), 'aggregation', 'A', `the query ${JSON.stringify(json)}`);
      }
    },
  },
  {
    id: 'invalid-json-is-validation-error',
    task: 2,
    title: 'Text that is not JSON is a validation error',
    hint: 'JSON.parse throws on bad input: catch it in parseQuery and return { ok: false, message }.',
    async run(ctx) {
      const d = drawFor(ctx, 'invalid-json-is-validation-error');
      for (let i = 0; i < 3; i++) {
        const json = notJson(d, validQuery(d));
        expectValidationError(await ctx.query({ queries: [{ json }] }), null, 'A', `the query text ${showText(json)}`);
      }
    },
  },
  {
    id: 'missing-metric-is-validation-error',
    task: 2,
    title: 'A query without a metric is a validation error naming it',
    hint: 'Use safeParse instead of parse, and put the failing path in the message.',
    async run(ctx) {
      // Left out, empty, and a value that is not text (null, a number, a list…), beside fields that are fine.
      const d = drawFor(ctx, 'missing-metric-is-validation-error');
      for (const kind of d.shuffle(['absent', 'empty', 'wrong-type'] as const)) {
        const { metric, aggregation } = validQuery(d);
        const json = model({ aggregation: d.chance(0.7) ? aggregation : undefined, metric: missingText(d, metric, kind), ...(d.chance(0.3) ? { groupBy: ['instance'] } : {}) });
        expectValidationError(await ctx.query({ queries: [{ json }] }), 'metric', 'A', `the query ${JSON.stringify(json)}`);
      }
    },
  },
  {
    id: 'json-not-an-object',
    task: 2,
    title: 'JSON that is not an object (null, 42, [], a string) is a validation error',
    hint: 'JSON.parse("null") succeeds and returns null: do not read properties of what it returns before the schema has checked it.',
    async run(ctx) {
      const d = drawFor(ctx, 'json-not-an-object');
      for (const json of nonObjectJsons(d, validQuery(d), 4)) {
        expectValidationError(await ctx.query({ queries: [{ json }] }), null, 'A', `the query ${showText(json)}`);
      }
    },
  },
  {
    id: 'bad-query-keeps-others',
    task: 2,
    title: 'A bad query gets its own error; the valid query after it still gets frames',
    hint: 'Answer every query in the request: an error goes into that query\'s response and the loop carries on.',
    async run(ctx) {
      const d = drawFor(ctx, 'bad-query-keeps-others');
      const [bad, good] = refIds(d, 2);
      const wrong = { metric: d.pick(METRIC_NAMES), aggregation: unknownAggregation(d, AGGREGATIONS, d.pick(TEXT_AGGREGATION_KINDS)) };
      const valid = validQuery(d);
      const record = await ctx.query({ queries: [{ refId: bad, json: wrong }, { refId: good, json: valid }] });
      expectCompleted(record, `the queries ${bad}: ${JSON.stringify(wrong)} and ${good}: ${JSON.stringify(valid)}`);
      const responses = queryResponse(record).responses;
      const a = Object.hasOwn(responses, bad) ? responses[bad] : undefined;
      expect(a?.error?.category === 'validation', `a validation error for refId ${bad}, the query ${JSON.stringify(wrong)}`, () => `refId ${bad} got ${a ? show(a.error ?? `${a.frames.length} frames`) : 'no response'}`);
      const b = Object.hasOwn(responses, good) ? responses[good] : undefined;
      expect(b && !b.error && b.frames.length > 0, `frames for refId ${good}, the valid query ${JSON.stringify(valid)} after it`, () => (b ? `refId ${good} got ${b.error ? `a ${b.error.category} error: ${show(b.error.message)}` : 'no frames'}` : `there is no response for refId ${good}`));
      expect(record.upstream.length === 1, `one upstream request, for refId ${good} only`, `${record.upstream.length} request(s) went out`);
    },
  },
  {
    id: 'upstream-request',
    task: 3,
    title: 'Asks query_range for the aggregated metric, range, step and key',
    hint: 'Build the PromQL as aggregation(metric); times are seconds; step comes from intervalMs.',
    async run(ctx) {
      const d = drawFor(ctx, 'upstream-request');
      const json = validQuery(d);
      const intervalMs = d.int(2, 300) * 1000;
      const timeRange = { from: ctx.now - d.int(10, 180) * 60_000, to: ctx.now };
      const record = await ctx.query({ queries: [{ json, intervalMs, timeRange }] });
      queryResponse(record);
      expect(record.upstream.length === 1, 'exactly one upstream request', `${record.upstream.length} were made`);
      const call = record.upstream[0];
      const url = new URL(call.url);
      const params = url.searchParams;
      const promQL = `${json.aggregation}(${json.metric})`;
      expect(url.pathname === '/api/v1/query_range', 'a request to /api/v1/query_range', `the path was ${url.pathname}`);
      expect(params.get('query') === promQL, `query=${promQL} for the query ${JSON.stringify(json)}`, `query=${params.get('query')}`);
      expect(Number(params.get('start')) === timeRange.from / 1000, `start=${timeRange.from / 1000} (seconds)`, `start=${params.get('start')}`);
      expect(Number(params.get('end')) === timeRange.to / 1000, `end=${timeRange.to / 1000} (seconds)`, `end=${params.get('end')}`);
      expect(Number(params.get('step')) === intervalMs / 1000, `step=${intervalMs / 1000} for intervalMs ${intervalMs}`, `step=${params.get('step')}`);
      const auth = call.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      expect(auth === `Bearer ${METRICS_API_KEY}`, 'an Authorization: Bearer header with the key from the secure settings', auth ? 'the header does not carry the configured key' : 'no Authorization header was sent');
    },
  },
  {
    id: 'step-whole-seconds',
    task: 3,
    title: 'An interval that is not whole seconds still gives a whole step of at least 1',
    hint: 'intervalMs / 1000 can be 1.5 or 0.4: round it to whole seconds and never go below 1.',
    async run(ctx) {
      // One interval over a second that is not whole seconds, and one under a second.
      const d = drawFor(ctx, 'step-whole-seconds');
      for (const intervalMs of d.shuffle([d.int(1, 9) * 1000 + d.int(1, 999), d.int(1, 999)])) {
        const record = await ctx.query({ queries: [{ json: validQuery(d), intervalMs, timeRange: { from: ctx.now - 5 * 60_000, to: ctx.now } }] });
        const raw = record.upstream[0] ? urlParams(record.upstream[0].url).get('step') : null;
        expect(raw !== null, `a step parameter for intervalMs ${intervalMs}`, record.upstream.length === 0 ? 'no upstream request was made' : 'the request has no step');
        const step = Number(raw);
        const seconds = intervalMs / 1000;
        const near = step >= Math.max(1, Math.floor(seconds)) && step <= Math.max(1, Math.ceil(seconds));
        expect(/^\d+$/.test(raw.trim()) && near, `for intervalMs ${intervalMs}, a whole number of seconds, at least 1 (${[...new Set([Math.max(1, Math.floor(seconds)), Math.max(1, Math.ceil(seconds))])].join(' or ')})`, `step=${raw}`);
        const response = responseFor(record, 'A');
        expect(!response.error, `frames for intervalMs ${intervalMs}`, () => `the handler answered with a ${response.error!.category} error: ${show(response.error!.message)}`);
      }
    },
  },
  {
    id: 'frames-match-upstream',
    task: 4,
    title: 'One timeseries-multi frame per series, with every point, the labels and the refId',
    hint: 'A time field (ms), a number field with the labels, meta.type = DataFrameType.TimeSeriesMulti, the metric as the frame name, and the refId of the query.',
    async run(ctx) {
      // refIds of the panel's own naming, not always A.
      const [first, second] = refIds(drawFor(ctx, 'frames-match-upstream'), 2);
      await expectSeriesAsSent(ctx, { refId: first, metric: CPU, aggregation: 'max' });
      // A metric with several series, a longer window and another refId.
      await expectSeriesAsSent(ctx, { refId: second, metric: HTTP, aggregation: 'sum', groupBy: ['route'], minutes: 120 });
    },
  },
  {
    id: 'special-values',
    task: 4,
    title: 'Samples of "+Inf", "-Inf" and "NaN" arrive as Infinity, -Infinity and NaN',
    hint: 'Number("+Inf") and parseFloat("+Inf") are NaN: read "+Inf" and "-Inf" yourself. The "NaN and ±Inf samples" upstream scenario shows them.',
    async run(ctx) {
      await expectSeriesAsSent(ctx, { metric: HTTP, aggregation: 'sum', groupBy: ['instance'], minutes: 30, scenario: { specialValues: true } });
    },
  },
  {
    id: 'series-keep-their-times',
    task: 4,
    title: 'Each series keeps its own times when series are unaligned and samples are missing',
    hint: 'Take each point\'s time from its sample, never from the start and step. The "Unaligned series" upstream scenario shows such data.',
    async run(ctx) {
      await expectSeriesAsSent(ctx, { metric: HTTP, aggregation: 'max', groupBy: ['instance'], minutes: 30, scenario: { unaligned: true } });
    },
  },
  {
    id: 'labels-and-every-refid',
    task: 4,
    title: 'groupBy gives one labelled frame per group, and every refId gets an answer',
    hint: 'Add "by (...)" to the PromQL when groupBy is set, put the series labels (without __name__) on the number field, and answer every query.',
    async run(ctx) {
      // refIds are whatever the panel named its queries: not always A and B, nor in that order.
      const d = drawFor(ctx, 'labels-and-every-refid');
      const ids = refIds(d, 2);
      const metrics = d.sample(METRIC_NAMES, 2);
      const record = await ctx.query({ queries: ids.map((refId, i) => ({ refId, json: { metric: metrics[i], aggregation: d.pick(AGGREGATIONS) } })) });
      const answered = Object.keys(queryResponse(record).responses).sort();
      const wantIds = [...ids].sort();
      expect(show(answered) === show(wantIds), `responses for refIds ${ids.join(' and ')}`, `responses for ${show(answered)}`);
      for (const refId of answered) {
        const frames = framesFor(record, refId);
        expect(frames.length > 0, `frames for refId ${refId}`, 'it has none');
        const other = frames.find((f) => f.refId !== refId);
        expect(!other, `the frames of refId ${refId} to carry refId ${refId}`, () => `one carries ${show(other!.refId)}`);
      }
      const byInstance = await ctx.query({ queries: [{ json: { metric: 'http_requests_per_second', aggregation: 'sum', groupBy: ['instance'] } }] });
      const sent = upstreamQueries(byInstance)[0];
      // The query has the Run's default range: read it from the request that was sent.
      const { from, to } = byInstance.request.queries[0].timeRange;
      const range = { query: 'sum by (instance) (http_requests_per_second)', start: from / 1000, end: to / 1000, step: 60 };
      const want = evaluateRange(range, undefined, metricsWorld(byInstance.seed));
      const got = framesFor(byInstance, 'A').map((frame) => frame.fields.find((f) => f.type === FieldType.number)?.labels ?? {});
      expect(
        show(got) === show(want.map((s) => s.metric)),
        `one frame per instance, labelled ${show(want.map((s) => s.metric))}`,
        `the handler sent ${show(sent)} and returned labels ${show(got)}`,
      );
    },
  },
  {
    id: 'auth-error',
    task: 5,
    title: 'A rejected key (401) or a key without permission (403) is an auth error that does not reveal the key',
    hint: 'Check for HTTP 401 and 403 before reading the body; pick the "Key lacks permission (403)" scenario to see the second.',
    async run(ctx) {
      const key = wrongKey(drawFor(ctx, 'auth-error'), METRICS_API_KEY);
      const record = await ctx.query({ secureJsonData: { apiKey: key } });
      expectCategory(record, 'auth', ' when the key is wrong (401)');
      const message = responseFor(record, 'A').error!.message;
      expect(!message.includes(key), 'a message without the key in it', 'the message contains the key');
      const forbidden = await ctx.query({ scenario: { forbidden: true } });
      expectCategory(forbidden, 'auth', ' when the key may not read the data (403)');
      expect(!responseFor(forbidden, 'A').error!.message.includes(METRICS_API_KEY), 'a message without the key in it (403)', 'the message contains the key');
    },
  },
  {
    id: 'upstream-failures',
    task: 5,
    title: '429 is rate_limit; 5xx and unreadable bodies are upstream errors',
    hint: 'Look at response.status, and wrap response.json() in try/catch.',
    async run(ctx) {
      // The three requests are identical but for what the upstream does, so their order is drawn
      // per Run: only reading the answer tells them apart, never counting the calls.
      const faults = drawFor(ctx, 'upstream-failures').shuffle([
        { fault: 'rate_limit', category: 'rate_limit', when: ' for HTTP 429' },
        { fault: 'server_error', category: 'upstream', when: ' for HTTP 503' },
        { fault: 'malformed', category: 'upstream', when: ' for a 200 whose body is not JSON' },
      ] as const);
      for (const { fault, category, when } of faults) expectCategory(await ctx.query({ scenario: { fault } }), category, when);
    },
  },
  {
    id: 'upstream-explains-400',
    task: 5,
    title: "When the upstream refuses a query (400 bad_data), the message keeps its explanation",
    hint: 'A 400 from the metrics API has a JSON body whose "error" says what is wrong (here: too many points). Put that sentence in your message.',
    async run(ctx) {
      // Two queries the upstream refuses for different reasons, so no one sentence fits both.
      const d = drawFor(ctx, 'upstream-explains-400');
      const days = d.int(2, 30);
      const seconds = d.int(1, 5);
      const minutes = d.int(5, 720);
      const refused = d.shuffle([
        // Days at a step of seconds: far over Prometheus' 11,000 points per series.
        { what: `${days} days at a ${seconds} s interval`, query: { json: validQuery(d), intervalMs: seconds * 1000, timeRange: { from: ctx.now - days * DAY_MS, to: ctx.now } } },
        // A range whose end comes before its start.
        { what: `a time range that ends ${minutes} min before it starts`, query: { json: validQuery(d), timeRange: { from: ctx.now, to: ctx.now - minutes * 60_000 } } },
      ]);
      for (const { what, query } of refused) {
        const record = await ctx.query({ queries: [query] });
        const response = responseFor(record, 'A');
        // A handler that avoids the refusal (a wider step, a range it refuses itself) is right too.
        if (!response.error) continue;
        const call = record.upstream.find((c) => c.status === 400);
        const explanation = call && explanationOf(record.upstreamBodies?.find((b) => b.seq === call.seq)?.text);
        if (!explanation) continue;
        const message = response.error.message;
        const said = new Set(words(message));
        expect(
          words(explanation).every((w) => said.has(w)),
          `the upstream's explanation in the message for ${what}: ${show(explanation)}`,
          `the message is ${show(message)}`,
        );
        expect(['validation', 'upstream'].includes(response.error.category), `category 'validation' (the query asks for something the upstream refuses) or 'upstream', for ${what}`, `it is '${response.error.category}'`);
        expect(!message.includes(METRICS_API_KEY), 'a message without the key in it', 'the message contains the key');
      }
    },
  },
];

export default checks;

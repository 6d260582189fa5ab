/**
 * Checks for "First query path". Each runs the learner's handler with its own
 * request and upstream scenario, then asserts on what came back.
 */
import { FieldType } from '@grafana/data';
import { expect, framesFor, queryResponse, responseFor, show, urlParams } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { evaluateRange, METRICS_API_KEY } from '@/lib/upstreams/metrics';

const CPU = 'cpu_usage_percent';

function upstreamQueries(record: RunRecord): string[] {
  return record.upstream.map((call) => urlParams(call.url).get('query') ?? '(no query parameter)');
}

function expectValidationError(record: RunRecord, field: string | null) {
  const response = responseFor(record, 'A');
  expect(response.error, 'a validation error for refId A', `refId A came back without an error (${response.frames.length} frames)`);
  expect(response.error.category === 'validation', "the error's category to be 'validation'", `it is '${response.error.category}'`);
  if (field) expect(response.error.message.includes(field), `the message to name the field "${field}"`, `it says ${show(response.error.message)}`);
  expect(record.upstream.length === 0, 'no request to the upstream for a query that is invalid', `${record.upstream.length} request(s) went out`);
}

function expectCategory(record: RunRecord, category: string) {
  const response = responseFor(record, 'A');
  expect(response.error, `a '${category}' error for refId A`, `refId A came back without an error`);
  expect(response.error.category === category, `category '${category}'`, `the category is '${response.error.category}' (${show(response.error.message)})`);
}

const checks: LabCheck[] = [
  {
    id: 'aggregation-defaults-to-avg',
    task: 1,
    title: 'A query without aggregation means avg',
    hint: 'Give the aggregation field a default in the zod schema.',
    async run(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: CPU } }] });
      queryResponse(record);
      const sent = upstreamQueries(record);
      expect(sent.length === 1 && sent[0] === `avg(${CPU})`, `one upstream query "avg(${CPU})"`, `the handler sent ${show(sent)}`);
    },
  },
  {
    id: 'aggregation-rejects-unknown',
    task: 1,
    title: 'An unknown aggregation is a validation error',
    hint: 'Restrict aggregation to the values in AGGREGATIONS (z.enum).',
    async run(ctx) {
      expectValidationError(await ctx.query({ queries: [{ json: { metric: CPU, aggregation: 'median' } }] }), 'aggregation');
    },
  },
  {
    id: 'invalid-json-is-validation-error',
    task: 2,
    title: 'Text that is not JSON is a validation error',
    hint: 'JSON.parse throws on bad input: catch it in parseQuery and return { ok: false, message }.',
    async run(ctx) {
      expectValidationError(await ctx.query({ queries: [{ json: '{"metric": "cpu_us' }] }), null);
    },
  },
  {
    id: 'missing-metric-is-validation-error',
    task: 2,
    title: 'A query without a metric is a validation error naming it',
    hint: 'Use safeParse instead of parse, and put the failing path in the message.',
    async run(ctx) {
      expectValidationError(await ctx.query({ queries: [{ json: { aggregation: 'sum' } }] }), 'metric');
    },
  },
  {
    id: 'upstream-request',
    task: 3,
    title: 'Asks query_range for the aggregated metric, range, step and key',
    hint: 'Build the PromQL as aggregation(metric); times are seconds; step comes from intervalMs.',
    async run(ctx) {
      const timeRange = { from: ctx.now - 30 * 60_000, to: ctx.now };
      const record = await ctx.query({ queries: [{ json: { metric: 'http_requests_per_second', aggregation: 'sum' }, intervalMs: 30_000, timeRange }] });
      queryResponse(record);
      expect(record.upstream.length === 1, 'exactly one upstream request', `${record.upstream.length} were made`);
      const call = record.upstream[0];
      const url = new URL(call.url);
      const params = url.searchParams;
      expect(url.pathname === '/api/v1/query_range', 'a request to /api/v1/query_range', `the path was ${url.pathname}`);
      expect(params.get('query') === 'sum(http_requests_per_second)', 'query=sum(http_requests_per_second)', `query=${params.get('query')}`);
      expect(Number(params.get('start')) === timeRange.from / 1000, `start=${timeRange.from / 1000} (seconds)`, `start=${params.get('start')}`);
      expect(Number(params.get('end')) === timeRange.to / 1000, `end=${timeRange.to / 1000} (seconds)`, `end=${params.get('end')}`);
      expect(Number(params.get('step')) === 30, 'step=30 for intervalMs 30000', `step=${params.get('step')}`);
      const auth = call.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      expect(auth === `Bearer ${METRICS_API_KEY}`, 'an Authorization: Bearer header with the key from the secure settings', auth ? 'the header does not carry the configured key' : 'no Authorization header was sent');
    },
  },
  {
    id: 'frames-match-upstream',
    task: 4,
    title: 'One timeseries-multi frame per series, with the right values and labels',
    hint: 'A time field (ms), a number field with the labels, and meta.type = DataFrameType.TimeSeriesMulti.',
    async run(ctx) {
      const timeRange = { from: ctx.now - 10 * 60_000, to: ctx.now };
      const record = await ctx.query({ queries: [{ json: { metric: CPU, aggregation: 'max' }, intervalMs: 60_000, timeRange }] });
      const expected = evaluateRange({ query: `max(${CPU})`, start: timeRange.from / 1000, end: timeRange.to / 1000, step: 60 });
      // Also ask for a metric with several series, to see one frame per series.
      const multi = await ctx.query({ queries: [{ json: { metric: 'http_requests_per_second', aggregation: 'sum' }, intervalMs: 60_000, timeRange }] });
      const frames = framesFor(record, 'A');
      expect(frames.length === expected.length, `${expected.length} frame(s)`, `${frames.length} came back`);
      for (const frame of frames) {
        expect(frame.meta?.type === 'timeseries-multi', "meta.type 'timeseries-multi'", `meta.type is ${show(frame.meta?.type)}`);
        const time = frame.fields.find((f) => f.type === FieldType.time);
        const value = frame.fields.find((f) => f.type === FieldType.number);
        expect(time && value, 'a time field and a number field', `fields are ${show(frame.fields.map((f) => `${f.name}:${f.type}`))}`);
        const wantTimes = expected[0].values.map(([t]) => t * 1000);
        const wantValues = expected[0].values.map(([, v]) => Number(v));
        expect(show(time.values) === show(wantTimes), `times in milliseconds ${show(wantTimes, 60)}`, `they are ${show(time.values, 60)}`);
        expect(show(value.values) === show(wantValues), `values ${show(wantValues, 60)}`, `they are ${show(value.values, 60)}`);
      }
      const multiFrames = framesFor(multi, 'A');
      const multiExpected = evaluateRange({ query: 'sum(http_requests_per_second)', start: timeRange.from / 1000, end: timeRange.to / 1000, step: 60 });
      expect(multiFrames.length === multiExpected.length, `${multiExpected.length} frame(s) for sum(http_requests_per_second)`, `${multiFrames.length} came back`);
    },
  },
  {
    id: 'labels-and-every-refid',
    task: 4,
    title: 'groupBy gives one labelled frame per group, and every refId gets an answer',
    hint: 'Add "by (...)" to the PromQL when groupBy is set, put the series labels (without __name__) on the number field, and answer every query.',
    async run(ctx) {
      const record = await ctx.query({
        queries: [
          { refId: 'A', json: { metric: CPU, aggregation: 'avg' } },
          { refId: 'B', json: { metric: 'queue_depth', aggregation: 'max' } },
        ],
      });
      const refIds = Object.keys(queryResponse(record).responses).sort();
      expect(show(refIds) === show(['A', 'B']), 'responses for refIds A and B', `responses for ${show(refIds)}`);
      const byInstance = await ctx.query({ queries: [{ json: { metric: 'http_requests_per_second', aggregation: 'sum', groupBy: ['instance'] } }] });
      const sent = upstreamQueries(byInstance)[0];
      const want = evaluateRange({ query: 'sum by (instance) (http_requests_per_second)', start: (ctx.now - 3_600_000) / 1000, end: ctx.now / 1000, step: 60 });
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
    title: 'A rejected key is an auth error that does not reveal the key',
    hint: 'Check for HTTP 401/403 before reading the body.',
    async run(ctx) {
      const wrongKey = 'not-the-right-key-31337';
      const record = await ctx.query({ secureJsonData: { apiKey: wrongKey } });
      expectCategory(record, 'auth');
      const message = responseFor(record, 'A').error!.message;
      expect(!message.includes(wrongKey), 'a message without the key in it', 'the message contains the key');
    },
  },
  {
    id: 'upstream-failures',
    task: 5,
    title: '429 is rate_limit; 5xx and unreadable bodies are upstream errors',
    hint: 'Look at response.status, and wrap response.json() in try/catch.',
    async run(ctx) {
      expectCategory(await ctx.query({ scenario: { fault: 'rate_limit' } }), 'rate_limit');
      expectCategory(await ctx.query({ scenario: { fault: 'server_error' } }), 'upstream');
      expectCategory(await ctx.query({ scenario: { fault: 'malformed' } }), 'upstream');
    },
  },
];

export default checks;

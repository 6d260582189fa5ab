/**
 * Checks for "Query model vs configuration". Every check runs the handler with a
 * crafted query or crafted settings and looks at what it did: the error it returned,
 * the request it sent upstream, the frames and the logs.
 *
 * The crafted inputs are drawn per Run (lib/checks/draw.ts): versions, texts and models
 * that are not queries, fields left out or of the wrong type, old-version queries,
 * unknown and misspelt field names, the key someone pasted into jsonData, the minimum
 * step. Every failure names the input.
 */
import { expect, fail, framesFor, responseFor, show, urlParams } from '@/lib/checks/assert';
import { drawFor, missingText, nonObjectJsons, notJson, refIds, showText, unknownAggregation, wrongKey, type Draw } from '@/lib/checks/draw';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import type { QueryOverride } from '@/lib/engine/request';
import type { RunRecord } from '@/lib/engine/run';
import { METRIC_NAMES, METRICS_API_KEY } from '@/lib/upstreams/metrics';

const CPU = 'cpu_usage_percent';
/** The aggregations of the query model (task 1). */
const AGGREGATIONS = ['avg', 'sum', 'min', 'max'] as const;

/** A JSON object without the keys whose value is undefined, as JSON.stringify writes it. */
function model(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** A field name a query model might carry that this lab's schemas do not define (nor Grafana). */
function unknownFieldName(d: Draw): string {
  return d.pick(['colour', 'color', 'legendFormat', 'expr', 'interval', 'format', 'alias', 'unit', 'instant', 'exemplar', 'step', 'panelTitle', `x_${d.letters(3, 7)}`, d.letters(4, 9)]);
}

/** A misspelling of `word`: a letter dropped, two swapped, or one doubled. Never `word`. */
function misspelt(d: Draw, word: string): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = d.int(1, word.length - 2);
    const typo = d.pick([word.slice(0, i) + word.slice(i + 1), word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), word.slice(0, i) + word[i] + word.slice(i)]);
    if (typo !== word) return typo;
  }
  return `${word}s`;
}

/** Runs one query as refId A. */
function query(ctx: CheckContext, json: QueryOverride['json'], extra: Partial<QueryOverride> = {}) {
  return ctx.query({ queries: [{ refId: 'A', json, ...extra }] });
}

/** The handler must answer, not crash: a thrown error is a failure of this check, said plainly. */
function answered(record: RunRecord, what: string) {
  if (!record.output.ok) {
    const message = record.output.error.message.replace(/\s+/g, ' ');
    fail(`${what}, not a crash`, `the handler threw: ${message.length > 240 ? `${message.slice(0, 240)}…` : message}`);
  }
  return responseFor(record, 'A');
}

function expectValidation(record: RunRecord, what: string, field: string | null) {
  const response = answered(record, `a validation error for ${what}`);
  expect(response.error, `a validation error for ${what}`, `refId A came back without an error (${response.frames.length} frames)`);
  expect(response.error.category === 'validation', `category 'validation' for ${what}`, `it is '${response.error.category}' (${show(response.error.message)})`);
  if (field) expect(response.error.message.includes(field), `the message for ${what} to name the field "${field}"`, `it says ${show(response.error.message)}`);
  expect(record.upstream.length === 0, `no upstream request for ${what}`, `${record.upstream.length} request(s) went out`);
}

/** The PromQL of every upstream call. */
function sentQueries(record: RunRecord): string[] {
  return record.upstream.map((call) => urlParams(call.url).get('query') ?? '(no query parameter)');
}

/** Frames came back for refId A, whatever was asked upstream. */
function expectFrames(record: RunRecord, what: string) {
  const response = answered(record, `frames for ${what}`);
  expect(!response.error, `frames for ${what}`, () => `a '${response.error!.category}' error: ${show(response.error!.message)}`);
  expect(framesFor(record, 'A').length > 0, `frames for ${what}`, 'no frames came back');
}

function expectSent(record: RunRecord, promql: string, what: string) {
  const response = answered(record, `frames for ${what}`);
  expect(!response.error, `frames for ${what}`, () => `a '${response.error!.category}' error: ${show(response.error!.message)}`);
  const sent = sentQueries(record);
  expect(sent.length === 1 && sent[0] === promql, `one upstream query "${promql}" for ${what}`, `the handler sent ${show(sent)}`);
  expect(framesFor(record, 'A').length > 0, `frames for ${what}`, 'no frames came back');
}

/** What Grafana adds to every saved query (task 4's list), with typical values. */
const GRAFANA_FIELDS = {
  refId: 'A',
  datasource: { type: 'lab-metrics', uid: 'lab-ds-1' },
  datasourceId: 3,
  hide: false,
  key: 'Q-5e1a-0',
  queryType: 'timeSeriesQuery',
  intervalMs: 15000,
  maxDataPoints: 600,
};

/** The handler logs one warning naming the ignored fields (comma-separated in `fields`); none when there are none. */
function expectWarned(record: RunRecord, fields: string[], what: string) {
  const warnings = record.logs.filter((entry) => entry.level === 'warn');
  if (fields.length === 0) {
    expect(warnings.length === 0, `no warning for ${what}: every field is known`, () => `the handler warned about ${show(warnings.map((w) => w.fields.fields))}`);
    return;
  }
  expect(warnings.length === 1, `exactly one warning for ${what}`, `${warnings.length} warnings were logged`);
  const listed = String(warnings[0].fields.fields ?? '').split(',').map((f) => f.trim()).filter(Boolean).sort();
  const want = [...fields].sort();
  expect(JSON.stringify(listed) === JSON.stringify(want), `the warning for ${what} to list exactly ${show(want)}`, `it lists ${show(listed)}`);
}

function authHeader(record: RunRecord): string | undefined {
  return record.upstream[0]?.requestHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
}

const checks: LabCheck[] = [
  {
    id: 'defaults-applied',
    task: 1,
    title: 'A version-1 query with only a metric gets the defaults',
    hint: 'Give aggregation and groupBy a .default(...) in metricQuerySchema.',
    async run(ctx) {
      const json = { version: 1, metric: drawFor(ctx, 'defaults-applied').pick(METRIC_NAMES) };
      expectSent(await query(ctx, json), `avg(${json.metric})`, `${JSON.stringify(json)} alone`);
    },
  },
  {
    id: 'version-checked',
    task: 1,
    title: 'A query from a newer version is rejected, naming the version',
    hint: 'Make version a field of the schema (z.literal(CURRENT_VERSION)) and say which versions you understand.',
    async run(ctx) {
      const d = drawFor(ctx, 'version-checked');
      const next = d.int(2, 9);
      const later = d.int(10, 999);
      const a = { version: next, metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS) };
      expectValidation(await query(ctx, a), `a version-${next} query ${JSON.stringify(a)}`, 'version');
      const b = { version: later, metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS), groupBy: [] };
      expectValidation(await query(ctx, b), `a version-${later} query that otherwise looks like version 1, ${JSON.stringify(b)}`, 'version');
    },
  },
  {
    id: 'malformed-json',
    task: 2,
    title: 'Text that is not JSON, or JSON that is not an object, is a validation error, not a crash',
    hint: 'JSON.parse throws on bad input: catch it. Then make sure the value is an object before reading any field of it: null, 42 and [] are valid JSON too.',
    async run(ctx) {
      const d = drawFor(ctx, 'malformed-json');
      const valid = { version: 1, metric: d.pick(METRIC_NAMES) };
      const texts = d.shuffle([
        { text: notJson(d, valid), what: 'query text that is not JSON' },
        ...nonObjectJsons(d, valid, 4).map((text) => ({ text, what: 'a query model that is not an object' })),
      ]);
      for (const { text, what } of texts) {
        expectValidation(await query(ctx, text), `${what}, ${showText(text)}`, null);
      }
    },
  },
  {
    id: 'fields-named',
    task: 2,
    title: 'Missing and wrong-typed fields are validation errors that name the field',
    hint: 'Use safeParse, not parse, and put issue.path in the message.',
    async run(ctx) {
      const d = drawFor(ctx, 'fields-named');
      const metric = () => d.pick(METRIC_NAMES);
      // Every other field is present and valid, so only the field at fault can be named.
      const aggregation = () => d.pick(AGGREGATIONS);
      const cases: [Record<string, unknown>, string][] = [
        [{ version: 1, aggregation: aggregation() }, 'metric'],
        [{ version: 1, metric: missingText(d, metric(), d.pick(['empty', 'wrong-type'] as const)), aggregation: aggregation() }, 'metric'],
        [{ version: 1, metric: metric(), aggregation: aggregation(), groupBy: d.pick<unknown>(['instance', 'instance,job', d.int(1, 9), { instance: true }, [d.int(1, 9)]]) }, 'groupBy'],
        [{ version: 1, metric: metric(), aggregation: unknownAggregation(d, AGGREGATIONS) }, 'aggregation'],
      ];
      for (const [json, field] of d.shuffle(cases)) {
        expectValidation(await query(ctx, json), `the query ${JSON.stringify(json)}`, field);
      }
    },
  },
  {
    id: 'v0-migrated',
    task: 3,
    title: 'A version-0 query (metricName, aggregate) is migrated and runs',
    hint: 'No version field means version 0: parse it with its own schema, then rename metricName → metric and aggregate → aggregation.',
    async run(ctx) {
      const d = drawFor(ctx, 'v0-migrated');
      const metric = () => d.pick(METRIC_NAMES);
      // An aggregate other than the default, so a migration that drops it shows.
      const old = { metricName: metric(), aggregate: d.pick(['sum', 'min', 'max']) };
      expectSent(await query(ctx, old), `${old.aggregate}(${old.metricName})`, JSON.stringify(old));
      const versioned = { version: 0, metricName: metric() };
      expectSent(await query(ctx, versioned), `avg(${versioned.metricName})`, `${JSON.stringify(versioned)}, without aggregate`);
      const stored = { metricName: metric(), aggregate: d.pick(['sum', 'min', 'max']), refId: refIds(d, 1)[0], datasource: { uid: `ds-${d.letters(4, 8)}` }, hide: false };
      expectSent(await query(ctx, stored), `${stored.aggregate}(${stored.metricName})`, `a version-0 query as Grafana stores it, with refId, datasource and hide: ${JSON.stringify(stored)}`);
      const nameless = model({ aggregate: d.chance(0.7) ? d.pick(AGGREGATIONS) : undefined, ...(d.chance(0.5) ? { version: 0 } : {}) });
      expectValidation(await query(ctx, nameless), `a version-0 query without metricName, ${JSON.stringify(nameless)}`, 'metric');
    },
  },
  {
    id: 'unknown-fields-ignored-and-logged',
    task: 4,
    title: 'Unknown fields are ignored and listed in one warning; Grafana’s own fields are not',
    hint: 'Compare the keys of the parsed JSON with the schema’s keys (metricQuerySchema.shape) and the list of Grafana’s fields in the task.',
    async run(ctx) {
      const d = drawFor(ctx, 'unknown-fields-ignored-and-logged');
      const v1 = { version: 1, metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS), groupBy: ['instance'] };
      // One plausible name and one made up, so no list of names known in advance covers them.
      const unknown = new Set<string>([unknownFieldName(d)]);
      while (unknown.size < 2) unknown.add(`${d.letters(3, 6)}${d.pick(['', '_', 'Id', 'Format'])}${d.letters(2, 4)}`);
      const extra = Object.fromEntries([...unknown].map((name) => [name, d.pick<unknown>(['red', '{{instance}}', d.int(1, 300), true, [d.letters(3, 6)]])]));
      const noisy = await query(ctx, { ...v1, ...GRAFANA_FIELDS, ...extra });
      const names = [...unknown].join(' and ');
      expectFrames(noisy, `a version-1 query with two fields it does not define (${names})`);
      expectWarned(noisy, [...unknown], `a version-1 query with ${names} besides Grafana’s own fields`);
      const quiet = await query(ctx, { ...v1, ...GRAFANA_FIELDS });
      expectFrames(quiet, 'a version-1 query that sets every field');
      expectWarned(quiet, [], 'a version-1 query with only its own fields and Grafana’s');
    },
  },
  {
    id: 'unknown-fields-v0',
    task: 4,
    title: 'A version-0 query’s own fields are not reported as unknown',
    hint: 'Which fields are known depends on the version the query was saved with: metricName and aggregate are the old shape’s own fields.',
    async run(ctx) {
      const old = await query(ctx, { metricName: 'queue_depth', aggregate: 'max', refId: 'A', datasource: { uid: 'lab-ds-1' } });
      expectFrames(old, 'a version-0 query');
      expectWarned(old, [], 'a version-0 query { metricName, aggregate } with Grafana’s fields');
      const explicit = await query(ctx, { version: 0, metricName: CPU, aggregate: 'avg', refId: 'A' });
      expectFrames(explicit, 'a version-0 query with version: 0');
      expectWarned(explicit, [], 'a version-0 query { version: 0, metricName, aggregate }');
      // Two different misspellings of aggregate, each in a query of its own.
      const d = drawFor(ctx, 'unknown-fields-v0');
      const typos = new Set<string>();
      while (typos.size < 2) typos.add(misspelt(d, 'aggregate'));
      for (const typo of typos) {
        const misspeltQuery = { metricName: d.pick(METRIC_NAMES), [typo]: d.pick(AGGREGATIONS), refId: 'A' };
        const typoRun = await query(ctx, misspeltQuery);
        expectFrames(typoRun, `a version-0 query with a misspelt field, ${JSON.stringify(misspeltQuery)}`);
        expectWarned(typoRun, [typo], `a version-0 query with a misspelt "${typo}"`);
      }
    },
  },
  {
    id: 'key-from-secure',
    task: 5,
    title: 'The API key is read from secureJsonData',
    hint: 'readSettings must take apiKey from instance.decryptedSecureJsonData.',
    async run(ctx) {
      const record = await ctx.query({
        jsonData: { minStepSeconds: 15 },
        secureJsonData: { apiKey: METRICS_API_KEY },
        queries: [{ json: { version: 1, metric: CPU, aggregation: 'avg', groupBy: [] } }],
      });
      answered(record, 'frames');
      expect(record.upstream.length === 1, 'one upstream request with the key from secureJsonData', () => `${record.upstream.length} requests; refId A: ${show(responseFor(record, 'A').error?.message ?? 'frames')}`);
      expect(authHeader(record) === `Bearer ${METRICS_API_KEY}`, 'Authorization: Bearer <the key from secureJsonData>', authHeader(record) ? 'the header carries something else' : 'no Authorization header was sent');
    },
  },
  {
    id: 'no-key-in-jsondata',
    task: 5,
    title: 'A key found in jsonData is never used',
    hint: 'jsonData is plain text any viewer can read. Take apiKey out of jsonDataSchema; a missing secure key is an auth error.',
    async run(ctx) {
      // The real key or another one: neither may be used from jsonData.
      const d = drawFor(ctx, 'no-key-in-jsondata');
      const leaked = d.chance(0.5) ? METRICS_API_KEY : wrongKey(d, METRICS_API_KEY);
      const record = await ctx.query({
        jsonData: { minStepSeconds: 15, apiKey: leaked },
        secureJsonData: {},
        queries: [{ json: { version: 1, metric: CPU, aggregation: 'avg', groupBy: [] } }],
      });
      const carried = record.upstream.filter((call) => call.url.includes(leaked) || call.requestHeaders.some(([, value]) => value.includes(leaked)));
      expect(carried.length === 0, 'no upstream request carrying the key from jsonData', `${carried.length} request(s) sent it`);
      const response = answered(record, 'an auth error');
      expect(response.error?.category === 'auth', "an 'auth' error saying no key is configured", response.error ? `a '${response.error.category}' error` : 'frames');
      expect(!response.error.message.includes(leaked), 'a message without the key in it', 'the message contains the key');
    },
  },
  {
    id: 'jsondata-defaults',
    task: 5,
    title: 'jsonData without minStepSeconds means 15 s; a configured value is used',
    hint: 'Give minStepSeconds a .default(15) in jsonDataSchema.',
    async run(ctx) {
      const d = drawFor(ctx, 'jsondata-defaults');
      const json = { version: 1, metric: d.pick(METRIC_NAMES), aggregation: d.pick(AGGREGATIONS), groupBy: [] };
      // An interval under 15 s, so the minimum step decides.
      const intervalMs = d.int(1, 14) * 1000;
      const unset = d.pick<Record<string, unknown>>([{}, { timeoutSeconds: d.int(5, 60) }, { httpMethod: 'POST' }]);
      const defaults = await ctx.query({ jsonData: unset, queries: [{ json, intervalMs }] });
      answered(defaults, `frames with jsonData ${JSON.stringify(unset)}`);
      const step = urlParams(defaults.upstream[0]?.url ?? '').get('step');
      expect(Number(step) === 15, `step=15 with jsonData ${JSON.stringify(unset)} (no minStepSeconds) and a ${intervalMs / 1000} s interval`, defaults.upstream.length ? `step=${step}` : `no upstream request (${show(responseFor(defaults, 'A').error?.message)})`);
      const minStep = d.int(16, 900);
      const configured = await ctx.query({ jsonData: { minStepSeconds: minStep }, queries: [{ json, intervalMs }] });
      answered(configured, `frames with minStepSeconds ${minStep}`);
      const configuredStep = urlParams(configured.upstream[0]?.url ?? '').get('step');
      expect(Number(configuredStep) === minStep, `step=${minStep} with minStepSeconds ${minStep} and a ${intervalMs / 1000} s interval`, `step=${configuredStep}`);
    },
  },
];

export default checks;

/**
 * A handler that knows the checks' inputs by heart must fail them.
 *
 * The attack: checks that look only at the query model, the settings or an upstream
 * status used to send the same inputs in every Run (aggregation "median", the text
 * `null`, one wrong key, a 30-day window…). A handler written as a lookup table keyed on
 * exactly those inputs passed them without validating in general. The checks now draw
 * their inputs per Run (lib/checks/draw.ts).
 *
 * Each case below builds such a handler from the lab's own files: for a request the
 * old check sent (its table), it answers as the solution does; for anything else it
 * behaves as a wrong variant that skips the validation the check is about (a lab's
 * wrong/ patch, or a small change to the solution). Then:
 *
 *   1. the attack is real: run directly with the old check's inputs, it gives the
 *      answers the old check wanted (the solution's own answers, or, for the two cases
 *      that need no table, what the old check asserted);
 *   2. the check as it is now fails it, in every Run tried;
 *   3. the control: the same dispatching handler with the solution on both sides passes
 *      the check in those Runs, so what fails is the skipped validation, nothing else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { CheckContext, CheckRunOptions, LabCheck } from '@/lib/checks/types';
import type { RunRecord } from '@/lib/engine/run';
import { loadAllLabs, type LabContent } from '@/lib/labs/load';
import { loadVariants } from '@/lib/labs/variants';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from '@/lib/upstreams/metrics';
import { mentionsWait } from '@/labs/week-1/04-code-tour/checks';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());
const labs = new Map(loadAllLabs().map((lab) => [lab.id, lab]));

/** The Run the old inputs are replayed in, and the Runs the checks as they are now are tried in. */
const OLD_SEED = 7;
const SEEDS = [11, 2024, 0xc0ffee];

const CPU = 'cpu_usage_percent';
const HTTP = 'http_requests_per_second';
const QUEUE = 'queue_depth';
const MEMORY = 'memory_used_bytes';
const DAY = 86_400_000;
/** The three queries the old partial-result checks always sent. */
const THREE = [
  { metric: CPU, aggregation: 'avg' },
  { metric: QUEUE, aggregation: 'max' },
  { metric: MEMORY, aggregation: 'sum' },
];

type Files = Record<string, string>;

interface LookupAttack {
  lab: string;
  check: string;
  /** What the handler does outside its table: a wrong/ variant of the lab, or a change to the solution. */
  skip: string | ((solution: Files) => Files);
  /**
   * Which requests are in the table, as JavaScript run in the sandbox: an expression over
   * `req`, `q` (the query, in queryData), `TABLE`, `parsed(q)` (its JSON or undefined),
   * `settings(req)` (the instance settings) and `REAL_KEY`. `'false'` when the skip
   * variant needs no table to pass the old inputs.
   */
  match: string;
  table?: unknown[];
  /** The old check's requests: with them the handler must answer exactly as the solution does. */
  oldRequests?(ctx: CheckContext): CheckRunOptions[];
  /** Or the old check's own assertions, for an attack that answers differently from the solution. */
  old?(ctx: CheckContext): Promise<void>;
}

/** Replaces `from` (which must occur exactly once) in one of the files. */
function edit(files: Files, path: string, from: string, to: string): Files {
  const text = files[path];
  if (text === undefined || text.split(from).length !== 2) throw new Error(`${path} does not hold exactly one ${JSON.stringify(from)}: the lab changed, update this attack.`);
  return { ...files, [path]: text.replace(from, () => to) };
}

/**
 * The lookup handler: the solution under right/, the skipping variant under skip/, and an
 * entry that sends each query (or the whole request) to one or the other by the table.
 */
function lookupFiles(lab: LabContent, skip: Files, attack: Pick<LookupAttack, 'match' | 'table'>): Files {
  const entry = lab.meta.entry!;
  const module = `./${entry.replace(/\.ts$/, '')}`;
  const files: Files = {};
  for (const [path, text] of Object.entries(lab.solution)) files[`right/${path}`] = text;
  for (const [path, text] of Object.entries(skip)) files[`skip/${path}`] = text;
  const preamble = `
import * as right from './right/${module.slice(2)}';
import * as skip from './skip/${module.slice(2)}';
const TABLE = ${JSON.stringify(attack.table ?? [])};
const REAL_KEY = ${JSON.stringify(METRICS_API_KEY)};
const settings = (req) => req.pluginContext.dataSourceInstanceSettings;
function parsed(q) {
  try { return JSON.parse(q.json); } catch { return undefined; }
}
function known(req, q) {
  try { return Boolean(${attack.match}); } catch { return false; }
}
`;
  files[entry] =
    lab.meta.run?.invocation === 'checkHealth'
      ? `${preamble}
export async function checkHealth(req, ctx) {
  return (known(req, undefined) ? right : skip).checkHealth(req, ctx);
}
`
      : `${preamble}
export async function queryData(req, ctx) {
  const hits = req.queries.map((q) => known(req, q));
  if (hits.every(Boolean)) return right.queryData(req, ctx);
  if (!hits.some(Boolean)) return skip.queryData(req, ctx);
  const parts = await Promise.all(req.queries.map((q, i) => (hits[i] ? right : skip).queryData({ ...req, queries: [q] }, ctx)));
  return { responses: Object.assign({}, ...parts.map((p) => p.responses)) };
}
`;
  return files;
}

/** What a check can see of a run, without timings: the answer, the upstream calls, the logs. */
function observable(record: RunRecord) {
  return {
    output: record.output.ok ? record.output.value : { error: record.output.error.message },
    upstream: record.upstream.map((c) => ({ method: c.method, url: c.url, status: c.status, abortedBy: c.abortedBy })).sort((a, b) => a.url.localeCompare(b.url)),
    logs: record.logs.map((l) => JSON.stringify({ level: l.level, message: l.message, fields: l.fields })).sort(),
  };
}

const run = (lab: LabContent, ctx: CheckContext, options: CheckRunOptions) => (lab.meta.run?.invocation === 'checkHealth' ? ctx.health(options) : ctx.query(options));
const keyOf = 'settings(req).decryptedSecureJsonData.apiKey';

const ATTACKS: LookupAttack[] = [
  // Week 2, first query path.
  {
    lab: 'week-2/first-query-path',
    check: 'aggregation-defaults-to-avg',
    skip: 'aggregation-without-default',
    table: [JSON.stringify({ metric: CPU })],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ json: { metric: CPU } }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'aggregation-rejects-unknown',
    skip: 'aggregation-any-text',
    table: [JSON.stringify({ metric: CPU, aggregation: 'median' })],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ json: { metric: CPU, aggregation: 'median' } }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'invalid-json-is-validation-error',
    skip: 'json-parse-unguarded',
    table: ['{"metric": "cpu_us'],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ json: '{"metric": "cpu_us' }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'missing-metric-is-validation-error',
    skip: 'one-catch-for-everything',
    table: [JSON.stringify({ aggregation: 'sum' })],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ json: { aggregation: 'sum' } }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'json-not-an-object',
    // Reads the model with `in` before the schema has looked at it: a TypeError for null, numbers, strings, booleans.
    skip: (files) => edit(files, 'query.ts', "if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {", "if (!('metric' in (raw as object))) {"),
    table: ['null', '42', '[]', '"cpu_usage_percent"'],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => ['null', '42', '[]', '"cpu_usage_percent"'].map((json) => ({ queries: [{ json }] })),
  },
  {
    lab: 'week-2/first-query-path',
    check: 'bad-query-keeps-others',
    skip: 'aggregation-any-text',
    table: [JSON.stringify({ metric: CPU, aggregation: 'median' })],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ refId: 'A', json: { metric: CPU, aggregation: 'median' } }, { refId: 'B', json: { metric: CPU, aggregation: 'max' } }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'upstream-request',
    skip: 'step-in-milliseconds',
    table: [JSON.stringify({ metric: HTTP, aggregation: 'sum' })],
    match: 'TABLE.includes(q.json) && q.intervalMs === 30000',
    oldRequests: (ctx) => [{ queries: [{ json: { metric: HTTP, aggregation: 'sum' }, intervalMs: 30_000, timeRange: { from: ctx.now - 30 * 60_000, to: ctx.now } }] }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'step-whole-seconds',
    skip: 'step-in-fractional-seconds',
    match: '[1500, 400].includes(q.intervalMs)',
    oldRequests: (ctx) => [1_500, 400].map((intervalMs) => ({ queries: [{ json: { metric: CPU, aggregation: 'avg' }, intervalMs, timeRange: { from: ctx.now - 5 * 60_000, to: ctx.now } }] })),
  },
  {
    lab: 'week-2/first-query-path',
    check: 'frames-match-upstream',
    skip: 'frames-without-refid',
    match: "['A', 'Q'].includes(q.refId)",
    oldRequests: (ctx) => [
      { queries: [{ refId: 'A', json: { metric: CPU, aggregation: 'max' }, intervalMs: 60_000, timeRange: { from: ctx.now - 10 * 60_000, to: ctx.now } }] },
      { queries: [{ refId: 'Q', json: { metric: HTTP, aggregation: 'sum', groupBy: ['route'] }, intervalMs: 60_000, timeRange: { from: ctx.now - 120 * 60_000, to: ctx.now } }] },
    ],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'labels-and-every-refid',
    // Answers by position (A, B, …): right exactly when the panel's refIds are A, B, ….
    skip: (files) =>
      edit(files, 'handler.ts', 'for (const query of req.queries) {', 'for (const [i, asked] of req.queries.entries()) {\n    const query = { ...asked, refId: String.fromCharCode(65 + i) };'),
    match: 'false',
    oldRequests: () => [
      { queries: [{ refId: 'A', json: { metric: CPU, aggregation: 'avg' } }, { refId: 'B', json: { metric: QUEUE, aggregation: 'max' } }] },
      { queries: [{ json: { metric: HTTP, aggregation: 'sum', groupBy: ['instance'] } }] },
    ],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'auth-error',
    skip: 'key-in-auth-message',
    table: ['not-the-right-key-31337'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'not-the-right-key-31337' } }, { scenario: { forbidden: true } }],
  },
  {
    lab: 'week-2/first-query-path',
    check: 'upstream-explains-400',
    // Every 400 gets the one explanation the old check looked for, whatever the upstream said.
    skip: (files) => edit(files, 'handler.ts', "${reason ?? 'it gave no reason'}", 'exceeded maximum resolution of 11,000 points per timeseries'),
    match: 'false',
    async old(ctx) {
      const record = await ctx.query({ queries: [{ json: { metric: CPU, aggregation: 'avg' }, intervalMs: 1_000, timeRange: { from: ctx.now - 30 * DAY, to: ctx.now } }] });
      const error = record.output.ok ? record.output.value.responses.A?.error : undefined;
      expect(error?.message).toMatch(/maximum resolution/i);
      expect(error?.message).toMatch(/11[,.\s]?000/);
      expect(['validation', 'upstream']).toContain(error?.category);
    },
  },

  // Week 2, config and secret.
  {
    lab: 'week-2/config-and-secret',
    check: 'requests-go-to-configured-base-url',
    skip: 'keeps-trailing-slash',
    table: [`${METRICS_EU_BASE_URL}/`],
    match: 'TABLE.includes(settings(req).jsonData.baseUrl)',
    oldRequests: () => [METRICS_EU_BASE_URL, METRICS_BASE_URL, `${METRICS_EU_BASE_URL}/`].map((baseUrl) => ({ jsonData: { baseUrl } })),
  },
  {
    lab: 'week-2/config-and-secret',
    check: 'base-url-is-validated',
    skip: 'accepts-http',
    table: [{}, { baseUrl: '' }, { baseUrl: 'http://eu.prometheus.lab.test' }, { baseUrl: 'eu.prometheus.lab.test' }].map((j) => JSON.stringify(j)),
    match: 'TABLE.includes(JSON.stringify(settings(req).jsonData))',
    oldRequests: () => [{}, { baseUrl: '' }, { baseUrl: 'http://eu.prometheus.lab.test' }, { baseUrl: 'eu.prometheus.lab.test' }].map((jsonData) => ({ jsonData })),
  },
  {
    lab: 'week-2/config-and-secret',
    check: 'missing-key-is-auth-error',
    skip: 'empty-key-not-missing',
    table: ['{}', '{"apiKey":""}'],
    match: 'TABLE.includes(JSON.stringify(settings(req).decryptedSecureJsonData))',
    oldRequests: () => [{ secureJsonData: {} as Record<string, string> }, { secureJsonData: { apiKey: '' } }],
  },
  {
    lab: 'week-2/config-and-secret',
    check: 'rejected-key-is-auth-error',
    skip: 'rejected-key-as-upstream-error',
    table: ['wrong-key-0c9d4e1f7a'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'wrong-key-0c9d4e1f7a' } }, { scenario: { rejectKeys: true } }],
  },
  {
    lab: 'week-2/config-and-secret',
    check: 'key-never-emitted',
    skip: 'logs-auth-header',
    table: ['wrong-key-0c9d4e1f7a'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'wrong-key-0c9d4e1f7a' } }, { jsonData: {} }],
  },

  // Week 2, health check.
  {
    lab: 'week-2/health-check',
    check: 'key-is-really-tested',
    skip: 'no-key-skips-key-test',
    match: "JSON.stringify(settings(req).decryptedSecureJsonData) === '{}'",
    oldRequests: () => [{ scenario: { rejectKeys: true } }, { secureJsonData: { apiKey: 'expired-key-5b2e8d0c41' } }, { secureJsonData: {} as Record<string, string> }],
  },
  {
    lab: 'week-2/health-check',
    check: 'actionable-when-down-slow-or-refused',
    skip: 'key-refusal-is-ok',
    table: ['expired-key-5b2e8d0c41'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'expired-key-5b2e8d0c41' } }, { scenario: { rejectKeys: true } }, { scenario: { fault: 'server_error' } }],
  },
  {
    lab: 'week-2/health-check',
    check: 'health-never-reveals-key',
    skip: 'message-shows-key',
    table: ['expired-key-5b2e8d0c41'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'expired-key-5b2e8d0c41' } }, { scenario: { rejectKeys: true } }],
  },

  // Week 2, guardrails.
  {
    lab: 'week-2/guardrails',
    check: 'long-range-refused',
    skip: 'reversed-range-allowed',
    match: `q.timeRange.to - q.timeRange.from === -${DAY}`,
    oldRequests: (ctx) =>
      [
        { from: ctx.now - 30 * DAY, to: ctx.now },
        { from: ctx.now, to: ctx.now - DAY },
        { from: ctx.now - 7 * DAY, to: ctx.now },
      ].map((timeRange) => ({ queries: [{ json: { metric: CPU, aggregation: 'avg' }, timeRange }] })),
  },
  {
    lab: 'week-2/guardrails',
    check: 'points-capped',
    skip: 'step-ignores-max-points',
    match: '[100, 1000000, 300].includes(q.maxDataPoints)',
    oldRequests: (ctx) =>
      [
        [100, 15_000, DAY],
        [1_000_000, 1_000, 7 * DAY],
        [300, 60_000, DAY / 24],
      ].map(([maxDataPoints, intervalMs, range]) => ({ queries: [{ json: { metric: CPU, aggregation: 'avg' }, maxDataPoints, intervalMs, timeRange: { from: ctx.now - range, to: ctx.now } }] })),
  },
  {
    lab: 'week-2/guardrails',
    check: 'unknown-aggregation-refused',
    skip: 'unknown-aggregation-becomes-avg',
    table: [JSON.stringify({ metric: CPU, aggregation: 'p99' }), 'null', '42', '[]', '"cpu_usage_percent"'],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ metric: CPU, aggregation: 'p99' }, 'null', '42', '[]', '"cpu_usage_percent"'].map((json) => ({ queries: [{ json }] })),
  },
  {
    lab: 'week-2/guardrails',
    check: 'one-failure-others-frames',
    skip: 'one-failure-fails-all',
    table: [THREE.map((json) => JSON.stringify(json))],
    match: 'JSON.stringify(req.queries.map((x) => x.json)) === JSON.stringify(TABLE[0])',
    oldRequests: () => [{ queries: THREE.map((json) => ({ json })), scenario: { fault: 'server_error', faultQueryContains: QUEUE } }],
  },
  {
    lab: 'week-2/guardrails',
    check: 'one-hang-others-in-time',
    skip: 'no-timeout-of-its-own',
    table: [THREE.map((json) => JSON.stringify(json))],
    match: 'JSON.stringify(req.queries.map((x) => x.json)) === JSON.stringify(TABLE[0])',
    oldRequests: () => [{ queries: THREE.map((json) => ({ json })), scenario: { fault: 'hang', faultQueryContains: QUEUE } }],
  },
  {
    lab: 'week-2/guardrails',
    check: 'one-invalid-others-fine',
    skip: 'unknown-aggregation-becomes-avg',
    table: [JSON.stringify({ metric: QUEUE, aggregation: 'median' })],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => [{ queries: [{ json: { metric: QUEUE, aggregation: 'median' } }, { json: { metric: CPU, aggregation: 'avg' } }] }],
  },

  // Week 1, query lifecycle.
  {
    lab: 'week-1/query-lifecycle',
    check: 'every-query-answered',
    skip: 'first-query-model-for-all',
    match: "JSON.stringify(req.queries.map((x) => x.refId)) === '[\"cpu\",\"queue\"]'",
    oldRequests: () => [{ queries: [{ refId: 'cpu', json: { metric: CPU } }, { refId: 'queue', json: { metric: QUEUE } }] }],
  },
  {
    lab: 'week-1/query-lifecycle',
    check: 'bad-query-isolated',
    skip: 'step-precheck-crashes-on-null',
    table: [['null', JSON.stringify({ metric: CPU }), '[1, 2]', '42', '{"metric": "cpu_us']],
    match: 'JSON.stringify(req.queries.map((x) => x.json)) === JSON.stringify(TABLE[0])',
    oldRequests: () => [{ queries: ['null', { metric: CPU }, '[1, 2]', '42', '{"metric": "cpu_us'].map((json, i) => ({ refId: 'ABCDE'[i], json })) }],
  },
  {
    lab: 'week-1/query-lifecycle',
    check: 'legend-names-series',
    skip: 'legend-first-placeholder-only',
    table: ['CPU {{instance}}', '{{route}} on {{instance}} ({{job}})', 'Orders waiting'],
    match: 'TABLE.includes(parsed(q).legend)',
    oldRequests: () =>
      [
        [CPU, 'CPU {{instance}}'],
        [HTTP, '{{route}} on {{instance}} ({{job}})'],
        [QUEUE, 'Orders waiting'],
      ].map(([metric, legend]) => ({ queries: [{ refId: 'A', json: { metric, legend } }] })),
  },
  {
    lab: 'week-1/query-lifecycle',
    check: 'step-from-panel',
    skip: 'interval-not-rounded',
    match: '[30000, 200, 1500].includes(q.intervalMs)',
    oldRequests: (ctx) => [
      { queries: [{ refId: 'A', json: { metric: CPU }, intervalMs: 30_000 }] },
      ...[200, 1500].map((intervalMs) => ({ queries: [{ refId: 'A', json: { metric: CPU }, intervalMs, timeRange: { from: ctx.now - 5 * 60_000, to: ctx.now } }] })),
    ],
  },
  {
    lab: 'week-1/query-lifecycle',
    check: 'step-from-query-model',
    skip: 'step-allows-fractions',
    table: [300, 10, -5, 0, 2.5, '1m'],
    match: 'TABLE.includes(parsed(q).step)',
    oldRequests: () => [
      { queries: [{ refId: 'A', json: { metric: QUEUE, step: 300 }, intervalMs: 15_000 }] },
      { queries: [{ refId: 'A', json: { metric: CPU, step: 10 }, intervalMs: 60_000 }] },
      ...[-5, 0, 2.5, '1m'].map((step) => ({ queries: [{ refId: 'A', json: { metric: CPU, step } }] })),
    ],
  },
  {
    lab: 'week-1/query-lifecycle',
    check: 'max-data-points',
    skip: 'points-off-by-one',
    match: '[50, 100, 1000].includes(q.maxDataPoints)',
    oldRequests: (ctx) => [
      ...(
        [
          [50, { metric: CPU }, 3_600_000],
          [100, { metric: CPU, step: 5 }, 3_600_000],
          [1000, { metric: CPU }, DAY],
        ] as const
      ).map(([maxDataPoints, json, range]) => ({ queries: [{ refId: 'A', json, intervalMs: 15_000, maxDataPoints, timeRange: { from: ctx.now - range, to: ctx.now } }] })),
      { queries: [{ refId: 'A', json: { metric: CPU }, intervalMs: 60_000, maxDataPoints: 500 }] },
    ],
  },

  // Week 1, query model vs configuration.
  {
    lab: 'week-1/query-model-vs-config',
    check: 'version-checked',
    skip: 'newer-version-accepted',
    match: '[2, 7].includes(parsed(q).version)',
    oldRequests: () => [
      { queries: [{ refId: 'A', json: { version: 2, metric: CPU, aggregation: 'sum' } }] },
      { queries: [{ refId: 'A', json: { version: 7, metric: CPU, aggregation: 'avg', groupBy: [] } }] },
    ],
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'malformed-json',
    // Asks `in` before knowing the model is an object: a TypeError for null, numbers, strings, booleans.
    skip: (files) =>
      edit(
        files,
        'query.ts',
        "if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {\n    return { ok: false, message: 'The query must be a JSON object.' };\n  }\n  const input = raw as Record<string, unknown>;\n  const version = input.version ?? 0;",
        "const input = raw as Record<string, unknown>;\n  const version = 'version' in input ? input.version : 0;",
      ),
    table: ['{"version": 1, "metric": "cpu_us', 'null', '42', '[]', '"cpu_usage_percent"'],
    match: 'TABLE.includes(q.json)',
    oldRequests: () => ['{"version": 1, "metric": "cpu_us', 'null', '42', '[]', '"cpu_usage_percent"'].map((json) => ({ queries: [{ refId: 'A', json }] })),
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'fields-named',
    skip: 'aggregation-falls-back',
    table: [
      { version: 1, aggregation: 'sum' },
      { version: 1, metric: 42 },
      { version: 1, metric: CPU, aggregation: 'avg', groupBy: 'instance' },
      { version: 1, metric: CPU, aggregation: 'median' },
    ].map((j) => JSON.stringify(j)),
    match: 'TABLE.includes(q.json)',
    oldRequests: () =>
      [{ version: 1, aggregation: 'sum' }, { version: 1, metric: 42 }, { version: 1, metric: CPU, aggregation: 'avg', groupBy: 'instance' }, { version: 1, metric: CPU, aggregation: 'median' }].map(
        (json) => ({ queries: [{ refId: 'A', json }] }),
      ),
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'v0-migrated',
    skip: 'v0-aggregate-dropped',
    table: [
      { metricName: QUEUE, aggregate: 'max' },
      { version: 0, metricName: CPU },
      { metricName: CPU, aggregate: 'sum', refId: 'A', datasource: { uid: 'lab-ds-1' }, hide: false },
      { aggregate: 'sum' },
    ].map((j) => JSON.stringify(j)),
    match: 'TABLE.includes(q.json)',
    oldRequests: () =>
      [{ metricName: QUEUE, aggregate: 'max' }, { version: 0, metricName: CPU }, { metricName: CPU, aggregate: 'sum', refId: 'A', datasource: { uid: 'lab-ds-1' }, hide: false }, { aggregate: 'sum' }].map(
        (json) => ({ queries: [{ refId: 'A', json }] }),
      ),
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'unknown-fields-ignored-and-logged',
    skip: 'unknown-fields-never-listed',
    match: "'colour' in parsed(q) && 'legendFormat' in parsed(q)",
    oldRequests: () => {
      const v1 = { version: 1, metric: CPU, aggregation: 'sum', groupBy: ['instance'] };
      const grafana = { refId: 'A', datasource: { type: 'lab-metrics', uid: 'lab-ds-1' }, datasourceId: 3, hide: false, key: 'Q-5e1a-0', queryType: 'timeSeriesQuery', intervalMs: 15000, maxDataPoints: 600 };
      return [{ ...v1, ...grafana, colour: 'red', legendFormat: '{{instance}}' }, { ...v1, ...grafana }].map((json) => ({ queries: [{ refId: 'A', json }] }));
    },
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'unknown-fields-v0',
    skip: 'unknown-fields-never-listed',
    match: "'aggregte' in parsed(q)",
    oldRequests: () =>
      [
        { metricName: QUEUE, aggregate: 'max', refId: 'A', datasource: { uid: 'lab-ds-1' } },
        { version: 0, metricName: CPU, aggregate: 'avg', refId: 'A' },
        { metricName: CPU, aggregte: 'sum', refId: 'A' },
      ].map((json) => ({ queries: [{ refId: 'A', json }] })),
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'no-key-in-jsondata',
    skip: 'key-from-jsondata-fallback',
    table: ['key-someone-pasted-into-jsondata'],
    match: 'TABLE.includes(settings(req).jsonData.apiKey)',
    oldRequests: () => [
      { jsonData: { minStepSeconds: 15, apiKey: 'key-someone-pasted-into-jsondata' }, secureJsonData: {}, queries: [{ json: { version: 1, metric: CPU, aggregation: 'avg', groupBy: [] } }] },
    ],
  },
  {
    lab: 'week-1/query-model-vs-config',
    check: 'jsondata-defaults',
    // Reads minStepSeconds but always uses the default.
    skip: (files) => edit(files, 'settings.ts', 'jsonData: jsonData.data,', 'jsonData: { ...jsonData.data, minStepSeconds: 15 },'),
    match: 'settings(req).jsonData.minStepSeconds === 120',
    oldRequests: () =>
      [{}, { minStepSeconds: 120 }].map((jsonData) => ({ jsonData, queries: [{ json: { version: 1, metric: CPU, aggregation: 'avg', groupBy: [] }, intervalMs: 5_000 }] })),
  },

  // Week 1, code tour.
  {
    lab: 'week-1/code-tour',
    check: 'rate-limit-category',
    // Every 429 names the two waits the old check asked about, whatever Retry-After says.
    skip: (files) => edit(files, 'errors.ts', "Try again in ${retryAfter ?? 'a few'} seconds.", 'Try again in 7 seconds, or in 2 minutes.'),
    match: 'false',
    async old(ctx) {
      for (const seconds of [7, 120]) {
        const record = await ctx.query({ scenario: { fault: 'rate_limit', retryAfterSeconds: seconds } });
        const error = record.output.ok ? record.output.value.responses.A?.error : undefined;
        expect(error?.category).toBe('rate_limit');
        expect(mentionsWait(error?.message ?? '', seconds)).toBe(true);
      }
    },
  },
  {
    lab: 'week-1/code-tour',
    check: 'other-failures-unchanged',
    // A 401 is reported as the upstream failing, unless the key is one it knows.
    skip: (files) => edit(files, 'errors.ts', 'if (status === 401 || status === 403) {', 'if (status === 403) {'),
    table: ['not-the-key'],
    match: `TABLE.includes(${keyOf}) || ${keyOf} === REAL_KEY`,
    oldRequests: () => [{ secureJsonData: { apiKey: 'not-the-key' } }, { scenario: { rejectKeys: true } }],
  },
];

describe('a handler that knows the old fixed inputs by heart', () => {
  it('covers checks of every lab the checks draw inputs for', () => {
    expect(new Set(ATTACKS.map((a) => a.lab)).size).toBe(7);
    expect(ATTACKS.every((a) => labs.has(a.lab))).toBe(true);
  });

  describe.each(ATTACKS.map((a) => [`${a.lab} ${a.check}`, a] as const))('%s', (_name, attack) => {
    it('answers the old inputs as the old check wanted, and fails the check as it is now in every Run', async () => {
      const lab = labs.get(attack.lab)!;
      const checks = (await import(join(process.cwd(), lab.dir, 'checks.ts'))).default as LabCheck[];
      const check = checks.find((c) => c.id === attack.check);
      expect(check, `${attack.lab} has a check ${attack.check}`).toBeDefined();
      const skipFiles = typeof attack.skip === 'string' ? loadVariants(lab).wrong.find((w) => w.name === attack.skip)?.files : attack.skip(lab.solution);
      expect(skipFiles, `${attack.lab} has wrong/${String(attack.skip)}`).toBeDefined();
      const files = lookupFiles(lab, skipFiles!, attack);
      const context = (f: Files, seed: number) => createCheckContext(sandbox, lab.meta, f, undefined, { seed });

      // 1. The attack is real: with the old check's inputs it answers as the old check wanted.
      if (attack.old) await attack.old(context(files, OLD_SEED));
      for (const options of attack.oldRequests?.(context(files, OLD_SEED)) ?? []) {
        const got = await run(lab, context(files, OLD_SEED), options);
        const want = await run(lab, context(lab.solution, OLD_SEED), options);
        expect(observable(got), `the old request ${JSON.stringify(options)}`).toEqual(observable(want));
      }

      for (const seed of SEEDS) {
        // 2. The check as it is now fails it.
        const [result] = await runChecks([check!], context(files, seed));
        expect(result.status, `seed ${seed}: the lookup handler passed ${attack.check}`).not.toBe('pass');
        expect(result.actual ?? '').not.toMatch(/^The check itself failed/);
        // 3. The control: the same dispatch with the solution on both sides passes.
        const [control] = await runChecks([check!], context(lookupFiles(lab, lab.solution, attack), seed));
        expect(control.status, `seed ${seed}: ${control.actual}`).toBe('pass');
      }
    }, 120_000);
  });
});

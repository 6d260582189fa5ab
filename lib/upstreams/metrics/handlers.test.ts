import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { evaluateInstantMs, evaluateRange } from './evaluate';
import { METRICS_API_KEY, METRICS_BASE_URL, metricsHandlers, type MetricsHandlersOptions } from './handlers';
import { METRIC_NAMES } from './catalog';
import {
  promBuildInfoResponseSchema,
  promErrorResponseSchema,
  promLabelsResponseSchema,
  promQueryRangeSuccessSchema,
  promQuerySuccessSchema,
  promSeriesResponseSchema,
} from './types';

const AUTH = { authorization: `Bearer ${METRICS_API_KEY}` };
const handlers = metricsHandlers();

/** Resolves a request against the handlers, the way the browser host does. */
function call(path: string, init: RequestInit = {}, own = handlers) {
  const headers = { ...AUTH, ...(init.headers as Record<string, string>) };
  return getResponse(own, new Request(`${METRICS_BASE_URL}${path}`, { ...init, headers }));
}
async function json(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const response = await call(path, init);
  expect(response, path).toBeDefined();
  return { status: response!.status, body: await response!.json() };
}
const qs = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

const START = 1_700_000_000;
const RANGE = { query: 'sum by (instance) (http_requests_per_second)', start: START, end: START + 600, step: 60 };

describe('routing', () => {
  it('answers /-/healthy without an API key', async () => {
    const response = await getResponse(handlers, new Request(`${METRICS_BASE_URL}/-/healthy`));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response?.text()).toBe('Prometheus Server is Healthy.');
    const head = await getResponse(handlers, new Request(`${METRICS_BASE_URL}/-/healthy`, { method: 'HEAD' }));
    expect(head?.status).toBe(200);
  });

  it('does not match unknown paths, other origins or unsupported methods', async () => {
    expect(await call('/api/v1/nope')).toBeUndefined();
    expect(await call('/api/v2/query_range')).toBeUndefined();
    expect(await call('/api/v1/label/job/values', { method: 'POST' })).toBeUndefined();
    expect(await call('/api/v1/query_range', { method: 'DELETE' })).toBeUndefined();
    expect(await getResponse(handlers, new Request('https://other.lab.test/-/healthy'))).toBeUndefined();
    expect(await getResponse(handlers, new Request('http://prometheus.lab.test/-/healthy'))).toBeUndefined();
  });

  it('answers only under baseUrl, so two upstreams can run side by side', async () => {
    const options: MetricsHandlersOptions = { baseUrl: 'https://metrics-b.lab.test/prom/', apiKey: 'key-b' };
    const both = [...metricsHandlers(), ...metricsHandlers(options)];
    const b = (path: string, key: string) =>
      getResponse(both, new Request(`https://metrics-b.lab.test/prom${path}`, { headers: { authorization: `Bearer ${key}` } }));
    expect((await b('/api/v1/status/buildinfo', 'key-b'))?.status).toBe(200);
    expect((await b('/api/v1/status/buildinfo', METRICS_API_KEY))?.status).toBe(401);
    expect((await call('/api/v1/status/buildinfo', {}, both))?.status).toBe(200);
    expect(await getResponse(metricsHandlers(options), new Request(`${METRICS_BASE_URL}/-/healthy`))).toBeUndefined();
  });
});

describe('auth', () => {
  const endpoints = [
    '/api/v1/query_range?' + qs(RANGE),
    '/api/v1/query?query=queue_depth',
    '/api/v1/labels',
    '/api/v1/label/job/values',
    '/api/v1/series?match[]=queue_depth',
    '/api/v1/status/buildinfo',
  ];
  const noAuth = (path: string, headers: Record<string, string> = {}) =>
    getResponse(handlers, new Request(`${METRICS_BASE_URL}${path}`, { headers }));

  it.each(endpoints)('requires a key for %s', async (path) => {
    const response = await noAuth(path);
    expect(response?.status).toBe(401);
    expect(response?.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = promErrorResponseSchema.parse(await response!.json());
    expect(body.errorType).toBe('unauthorized');
    expect(body.error).toMatch(/^missing credentials: .*"Authorization: Bearer <key>"/);
  });

  it('rejects a wrong key without echoing it', async () => {
    const response = await noAuth('/api/v1/labels', { authorization: 'Bearer my-secret-guess-123' });
    expect(response?.status).toBe(401);
    const text = await response!.text();
    expect(text).not.toContain('my-secret-guess-123');
    expect(JSON.parse(text)).toEqual({
      status: 'error',
      errorType: 'unauthorized',
      error: "invalid API key: the bearer token was not accepted. Check the key in the data source's secure settings.",
    });
  });

  it('rejects other schemes and an empty token, without echoing them', async () => {
    for (const authorization of [`Basic ${btoa(`user:${METRICS_API_KEY}`)}`, METRICS_API_KEY, 'Bearer', 'Bearer   ']) {
      const response = await noAuth('/api/v1/labels', { authorization });
      expect(response?.status, authorization).toBe(401);
      const body = await response!.json();
      expect(body.error, authorization).toMatch(/^unsupported authorization scheme: expected a bearer token/);
      expect(body.error).not.toContain(METRICS_API_KEY);
    }
  });

  it('accepts the right key, with the scheme in any case', async () => {
    expect((await noAuth('/api/v1/labels', AUTH))?.status).toBe(200);
    expect((await noAuth('/api/v1/labels', { authorization: `bearer ${METRICS_API_KEY}` }))?.status).toBe(200);
  });

  it('accepts only the configured apiKey', async () => {
    const own = metricsHandlers({ apiKey: 'rotated-key' });
    const get = (key: string) =>
      getResponse(own, new Request(`${METRICS_BASE_URL}/api/v1/labels`, { headers: { authorization: `Bearer ${key}` } }));
    expect((await get(METRICS_API_KEY))?.status).toBe(401);
    expect((await get('rotated-key'))?.status).toBe(200);
  });
});

describe('GET /api/v1/status/buildinfo', () => {
  it('returns build information', async () => {
    const { status, body } = await json('/api/v1/status/buildinfo');
    expect(status).toBe(200);
    expect(promBuildInfoResponseSchema.parse(body)).toMatchObject({ status: 'success', data: { version: '3.5.0' } });
  });
});

describe('/api/v1/query_range', () => {
  it('returns exactly what evaluateRange computes, as a matrix', async () => {
    const { status, body } = await json('/api/v1/query_range?' + qs(RANGE));
    expect(status).toBe(200);
    expect(promQueryRangeSuccessSchema.parse(body)).toEqual({
      status: 'success',
      data: { resultType: 'matrix', result: evaluateRange(RANGE) },
    });
    expect(body.data.result).toHaveLength(3);
    expect(body.data.result[0].values).toHaveLength(11);
    expect(body.data.result[0].values[0]).toEqual([START, '138.784']); // pinned
  });

  it('answers a form-encoded POST the same', async () => {
    const post = await json('/api/v1/query_range', { method: 'POST', body: new URLSearchParams(qs(RANGE)) });
    expect(post).toEqual(await json('/api/v1/query_range?' + qs(RANGE)));
  });

  it('reads RFC 3339 times and duration steps', async () => {
    const rfc = { ...RANGE, start: '2023-11-14T22:13:20Z', end: '2023-11-14T22:23:20Z', step: '1m' };
    expect(await json('/api/v1/query_range?' + qs(rfc))).toEqual(await json('/api/v1/query_range?' + qs(RANGE)));
  });

  it('returns success with no series for an unknown metric', async () => {
    const { status, body } = await json('/api/v1/query_range?' + qs({ ...RANGE, query: 'no_such_metric' }));
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'success', data: { resultType: 'matrix', result: [] } });
  });

  it('allows 11,001 points per series', async () => {
    const { status, body } = await json('/api/v1/query_range?' + qs({ query: 'queue_depth', start: 0, end: 11000, step: 1 }));
    expect(status).toBe(200);
    expect(body.data.result[0].values).toHaveLength(11_001);
  });

  const bad = (params: Record<string, string | number>) => ({ ...RANGE, ...params });
  const omit = (key: keyof typeof RANGE) => Object.fromEntries(Object.entries(RANGE).filter(([k]) => k !== key));
  it.each([
    ['no query', omit('query'), 'invalid parameter "query": 1:1: parse error: no expression found in input'],
    ['no start', omit('start'), 'invalid parameter "start": cannot parse "" to a valid timestamp'],
    ['a bad end', bad({ end: 'later' }), 'invalid parameter "end": cannot parse "later" to a valid timestamp'],
    ['end before start', bad({ end: START - 1 }), 'invalid parameter "end": end timestamp must not be before start time'],
    ['end before start and a bad step', bad({ end: START - 1, step: 'x' }), 'invalid parameter "end": end timestamp must not be before start time'],
    ['no step', omit('step'), 'invalid parameter "step": cannot parse "" to a valid duration'],
    ['a bad step', bad({ step: '5 minutes' }), 'invalid parameter "step": cannot parse "5 minutes" to a valid duration'],
    ['a zero step', bad({ step: 0 }), 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer'],
    ['a negative step', bad({ step: '-15' }), 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer'],
    [
      '11,002 points',
      bad({ start: 0, end: 11001, step: 1 }),
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    ],
    ['a bad query after good params', bad({ query: 'sum(cpu' }), 'invalid parameter "query": 1:8: parse error: unexpected end of query in "sum(...)", expected ")"'],
    ['a subquery', bad({ query: 'max_over_time(rate(cpu[5m])[1h:1m])' }), 'invalid parameter "query": not supported here: subquery [1h:1m] (at column 28)'],
    ['group_left', bad({ query: 'a * on (job) group_left b' }), 'invalid parameter "query": not supported here: group_left (many-to-one matching) (at column 14)'],
    ['a function not supported', bad({ query: 'label_replace(cpu, "a", "b", "c", "d")' }), 'invalid parameter "query": not supported here: the function label_replace() (at column 1)'],
    ['a type error', bad({ query: 'rate(cpu)' }), 'invalid parameter "query": 1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
  ])('answers 400 bad_data for %s', async (_, params, message) => {
    const { status, body } = await json('/api/v1/query_range?' + qs(params));
    expect(status).toBe(400);
    expect(promErrorResponseSchema.parse(body).errorType).toBe('bad_data');
    expect(body.error.startsWith(message), body.error).toBe(true);
  });

  it('ignores a JSON body, as Prometheus does, so the params are missing', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(RANGE) };
    const { status, body } = await json('/api/v1/query_range', init);
    expect([status, body.error]).toEqual([400, 'invalid parameter "start": cannot parse "" to a valid timestamp']);
  });
});

describe('/api/v1/query', () => {
  it('returns a vector at the given time', async () => {
    const { status, body } = await json('/api/v1/query?' + qs({ query: 'cpu_usage_percent', time: START }));
    expect(status).toBe(200);
    expect(promQuerySuccessSchema.parse(body).data).toEqual({
      resultType: 'vector',
      result: evaluateInstantMs('cpu_usage_percent', START * 1000),
    });
    expect(body.data.result[0].value).toEqual([START, '48.91']);
  });

  it('defaults to now', async () => {
    const before = Date.now() / 1000;
    const { body } = await json('/api/v1/query', { method: 'POST', body: new URLSearchParams({ query: 'queue_depth' }) });
    expect(body.data.result[0].value[0]).toBeGreaterThanOrEqual(Math.floor(before));
    expect(body.data.result[0].value[0]).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('rejects a bad time and a bad query', async () => {
    expect((await json('/api/v1/query?query=queue_depth&time=noon')).body.error).toBe(
      'invalid parameter "time": cannot parse "noon" to a valid timestamp',
    );
    expect((await json('/api/v1/query?query=rate(x)')).status).toBe(400);
    expect((await json('/api/v1/query?query=x%20%40%20100')).body.error).toMatch(/^invalid parameter "query": not supported here: the @ modifier \(at column 3\)/);
  });

  it('runs the PromQL subset: functions over ranges, aggregations, operators', async () => {
    const query = async (q: string) => (await json('/api/v1/query?' + qs({ query: q, time: START }))).body;
    const rate = await query('sum by (instance) (rate(http_requests_per_second[5m]))');
    expect(promQuerySuccessSchema.parse(rate).data.resultType).toBe('vector');
    expect(rate.data.result.map((s: { metric: object }) => s.metric)).toEqual([{ instance: 'web-1' }, { instance: 'web-2' }, { instance: 'web-3' }]);
    expect((await query('count(cpu_usage_percent{instance=~"web-[12]"})')).data.result[0].value).toEqual([START, '2']);
    expect((await query('max(queue_depth) - min(queue_depth)')).data.result[0].value).toEqual([START, '0']);
  });

  it('answers a scalar and a range selector with their own result types', async () => {
    const scalar = (await json('/api/v1/query?' + qs({ query: '1 + 1', time: START }))).body;
    expect(promQuerySuccessSchema.parse(scalar).data).toEqual({ resultType: 'scalar', result: [START, '2'] });
    const matrix = (await json('/api/v1/query?' + qs({ query: 'queue_depth[1m]', time: START }))).body;
    expect(matrix.data.resultType).toBe('matrix');
    const last = Math.floor(START / 15) * 15; // the scrapes are 15 s apart, START is not on one
    expect(matrix.data.result[0].values.map(([t]: [number]) => t)).toEqual([last - 45, last - 30, last - 15, last]);
  });

  it('fails in execution (422) for a query that parses but cannot be answered', async () => {
    const { status, body } = await json('/api/v1/query?' + qs({ query: 'cpu_usage_percent / on (job) memory_used_bytes', time: START }));
    expect(status).toBe(422);
    expect(promErrorResponseSchema.parse(body).errorType).toBe('execution');
    expect(body.error).toMatch(/^found duplicate series for the match group \{job="node"\}/);
  });
});

describe('label and series endpoints', () => {
  const data = async (path: string, init?: RequestInit) => {
    const { status, body } = await json(path, init);
    expect(status, JSON.stringify(body)).toBe(200);
    return body.data;
  };

  it('GET /api/v1/labels lists every label name, sorted', async () => {
    const { body } = await json('/api/v1/labels');
    expect(promLabelsResponseSchema.parse(body)).toEqual({
      status: 'success',
      data: ['__name__', 'instance', 'job', 'queue', 'route'],
    });
    expect(await data('/api/v1/labels?match[]=queue_depth')).toEqual(['__name__', 'job', 'queue']);
    expect(await data('/api/v1/labels', { method: 'POST', body: new URLSearchParams({ 'match[]': 'cpu_usage_percent' }) })).toEqual([
      '__name__',
      'instance',
      'job',
    ]);
  });

  it('GET /api/v1/label/<name>/values lists values; __name__ lists metrics', async () => {
    expect(await data('/api/v1/label/__name__/values')).toEqual([...METRIC_NAMES]);
    expect(await data('/api/v1/label/instance/values')).toEqual(['web-1', 'web-2', 'web-3']);
    expect(await data('/api/v1/label/job/values')).toEqual(['api', 'node', 'worker']);
    expect(await data('/api/v1/label/route/values?match[]=http_requests_per_second')).toEqual(['/api/orders', '/api/users']);
    expect(await data('/api/v1/label/instance/values?match[]=queue_depth')).toEqual([]);
    expect(await data('/api/v1/label/nosuch/values')).toEqual([]);
    expect(await data('/api/v1/label/constructor/values')).toEqual([]); // not Object.prototype's
  });

  it('rejects an invalid label name', async () => {
    const { status, body } = await json('/api/v1/label/bad-name/values');
    expect([status, body.errorType, body.error]).toEqual([400, 'bad_data', 'invalid label name: "bad-name"']);
    expect((await json('/api/v1/label/bad%20name/values')).body.error).toBe('invalid label name: "bad name"');
    expect((await json('/api/v1/label/%E0%A4%A/values')).body.error).toBe('invalid label name: "%E0%A4%A"');
  });

  it('GET /api/v1/series returns label sets and needs match[]', async () => {
    const { body } = await json('/api/v1/series?' + qs({ 'match[]': 'cpu_usage_percent{instance="web-2"}' }));
    expect(promSeriesResponseSchema.parse(body)).toEqual({
      status: 'success',
      data: [{ __name__: 'cpu_usage_percent', instance: 'web-2', job: 'node' }],
    });
    const missing = await json('/api/v1/series');
    expect([missing.status, missing.body.error]).toEqual([400, 'no match[] parameter provided']);
    const aggregated = await json('/api/v1/series?' + qs({ 'match[]': 'sum(queue_depth)' }));
    expect(aggregated.status).toBe(400);
    expect(aggregated.body.error).toMatch(/^invalid parameter "match\[\]": "sum\(queue_depth\)" is not a series selector/);
  });
});

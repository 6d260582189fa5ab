import { getResponse } from 'msw';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario';
import { evaluateRange } from './evaluate';
import { METRICS_API_KEY, METRICS_BASE_URL, metricsHandlers } from './handlers';
import { promErrorResponseSchema } from './types';

const START = 1_700_000_000;
const RANGE = { query: 'http_requests_per_second', start: START, end: START + 300, step: 30 };
const RANGE_PATH = '/api/v1/query_range?' + new URLSearchParams(Object.entries(RANGE).map(([k, v]) => [k, String(v)]));

function request(path: string, init: RequestInit & { key?: string | null } = {}) {
  const { key = METRICS_API_KEY, ...rest } = init;
  const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  return new Request(`${METRICS_BASE_URL}${path}`, { ...rest, headers });
}
function call(scenario: ScenarioInput, path: string, init?: RequestInit & { key?: string | null }) {
  return getResponse(metricsHandlers({ scenario }), request(path, init));
}
/** Whether `promise` is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const marker = Symbol('pending');
  const timer = new Promise((resolve) => setTimeout(() => resolve(marker), ms));
  return (await Promise.race([promise, timer])) === marker;
}

describe('scenario option', () => {
  it('is validated when the handlers are made, naming the bad field', () => {
    expect(() => metricsHandlers({ scenario: { latencyMs: -5 } })).toThrow(/latencyMs/);
    expect(() => metricsHandlers({ scenario: { fault: 'explode' as never } })).toThrow(/fault/);
  });
});

describe('latencyMs', () => {
  it('delays every answer, healthy included', async () => {
    for (const path of [RANGE_PATH, '/-/healthy', '/api/v1/labels']) {
      const started = performance.now();
      const response = await call({ latencyMs: 150 }, path);
      expect(response?.status, path).toBe(200);
      expect(performance.now() - started, path).toBeGreaterThanOrEqual(140);
    }
  });

  it('comes before the fault', async () => {
    const started = performance.now();
    expect((await call({ latencyMs: 120, fault: 'server_error' }, RANGE_PATH))?.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('stops waiting when the request is aborted', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = call({ latencyMs: 30000 }, RANGE_PATH, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const response = await pending;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(response?.type).toBe('error'); // a network error nobody reads: the client already gave up
  });
});

describe('fault: server_error', () => {
  it('answers 503 unavailable on data endpoints', async () => {
    const response = await call({ fault: 'server_error' }, RANGE_PATH);
    expect(response?.status).toBe(503);
    const body = promErrorResponseSchema.parse(await response!.json());
    expect(body.errorType).toBe('unavailable');
    expect(body.error).toMatch(/unavailable.*Retry later/);
  });

  it('takes the whole upstream down: health, metadata, even before auth', async () => {
    const health = await call({ fault: 'server_error' }, '/-/healthy', { key: null });
    expect([health?.status, await health?.text()]).toEqual([503, 'Service Unavailable']);
    expect((await call({ fault: 'server_error' }, '/api/v1/status/buildinfo'))?.status).toBe(503);
    expect((await call({ fault: 'server_error' }, '/api/v1/labels'))?.status).toBe(503);
    expect((await call({ fault: 'server_error' }, RANGE_PATH, { key: 'wrong' }))?.status).toBe(503);
  });
});

describe('fault: rate_limit', () => {
  it('answers 429 with Retry-After on data endpoints', async () => {
    const response = await call({ fault: 'rate_limit', retryAfterSeconds: 7 }, RANGE_PATH);
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe('7');
    const body = promErrorResponseSchema.parse(await response!.json());
    expect(body.errorType).toBe('rate_limited');
    expect(body.error).toMatch(/Retry after 7 seconds/);
  });

  it('defaults Retry-After to 2 and limits instant queries too', async () => {
    const response = await call({ fault: 'rate_limit' }, '/api/v1/query?query=queue_depth');
    expect([response?.status, response?.headers.get('retry-after')]).toEqual([429, '2']);
  });

  it('leaves health and metadata alone, and checks the key first', async () => {
    expect((await call({ fault: 'rate_limit' }, '/-/healthy'))?.status).toBe(200);
    expect((await call({ fault: 'rate_limit' }, '/api/v1/labels'))?.status).toBe(200);
    expect((await call({ fault: 'rate_limit' }, RANGE_PATH, { key: 'wrong' }))?.status).toBe(401);
  });
});

describe('fault: hang', () => {
  it('never answers until the request is aborted, then settles', async () => {
    const controller = new AbortController();
    const pending = call({ fault: 'hang' }, RANGE_PATH, { signal: controller.signal });
    expect(await pendingAfter(pending, 100)).toBe(true);
    const aborted = performance.now();
    controller.abort();
    expect((await pending)?.type).toBe('error');
    // Generous: a loaded CI machine can stall a worker, but a leak would wait forever.
    expect(performance.now() - aborted).toBeLessThan(5000);
  });

  it('still settles on abort after garbage collection (Node follows Request signals weakly)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const controller = new AbortController();
    // Built inside a function so that nothing but the request's own listeners refer to it.
    const start = () => call({ fault: 'hang' }, RANGE_PATH, { signal: controller.signal }).then((r) => r?.type);
    const pending = start();
    expect(await pendingAfter(pending, 50)).toBe(true);
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    controller.abort();
    expect(await pending).toBe('error');
  });

  it('hangs health checks too (a down upstream is down)', async () => {
    const pending = call({ fault: 'hang' }, '/-/healthy', { signal: AbortSignal.timeout(50) });
    expect(await pendingAfter(pending, 20)).toBe(true);
    expect((await pending)?.type).toBe('error');
  });

  it('settles at once for an already aborted request', async () => {
    const response = await call({ fault: 'hang' }, RANGE_PATH, { signal: AbortSignal.abort() });
    expect(response?.type).toBe('error');
  });
});

describe('fault: malformed', () => {
  it('answers 200 application/json with the real body cut short', async () => {
    const response = await call({ fault: 'malformed' }, RANGE_PATH);
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toBe('application/json');
    const text = await response!.text();
    const full = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: evaluateRange(RANGE) } });
    expect(full.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(full.length);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('leaves error answers and non-data endpoints intact', async () => {
    const bad = await call({ fault: 'malformed' }, '/api/v1/query_range?query=x');
    expect(bad?.status).toBe(400);
    expect(promErrorResponseSchema.parse(await bad!.json()).errorType).toBe('bad_data');
    const labels = await call({ fault: 'malformed' }, '/api/v1/labels');
    expect((await labels!.json()).status).toBe('success');
  });
});

describe('faultQueryContains', () => {
  const scenario: ScenarioInput = { fault: 'server_error', faultQueryContains: 'memory' };
  const range = (query: string) => '/api/v1/query_range?' + new URLSearchParams({ ...RANGE, query } as never);

  it('fails only the queries that contain the text', async () => {
    expect((await call(scenario, range('sum(memory_used_bytes)')))?.status).toBe(503);
    expect((await call(scenario, range('cpu_usage_percent')))?.status).toBe(200);
    expect((await call(scenario, '/api/v1/query?query=memory_used_bytes'))?.status).toBe(503);
  });

  it('reads the query from a POST body as well', async () => {
    const body = new URLSearchParams({ ...RANGE, query: 'memory_used_bytes' } as never);
    expect((await call(scenario, '/api/v1/query_range', { method: 'POST', body }))?.status).toBe(503);
  });

  it('keeps the upstream up: health and metadata answer', async () => {
    expect((await call(scenario, '/-/healthy'))?.status).toBe(200);
    expect((await call(scenario, '/api/v1/status/buildinfo'))?.status).toBe(200);
    expect((await call({ fault: 'hang', faultQueryContains: 'memory' }, '/-/healthy'))?.status).toBe(200);
  });

  it('limits a hang to the matching query', async () => {
    const hang: ScenarioInput = { fault: 'hang', faultQueryContains: 'queue' };
    expect((await call(hang, range('cpu_usage_percent')))?.status).toBe(200);
    const pending = call(hang, range('queue_depth'), { signal: AbortSignal.timeout(80) });
    expect(await pendingAfter(pending, 30)).toBe(true);
    expect((await pending)?.type).toBe('error');
  });
});

describe('disorder', () => {
  const fetchResult = async (path = RANGE_PATH) => (await (await call({ disorder: true }, path))!.json()).data.result;
  const times = (series: { values: [number, string][] }) => series.values.map(([t]) => t);

  it('shuffles the samples of odd-numbered series and leaves the others in order', async () => {
    const result = await fetchResult();
    const expected = evaluateRange(RANGE);
    expect(result).toHaveLength(6);
    result.forEach((series: { metric: object; values: [number, string][] }, i: number) => {
      expect(series.metric).toEqual(expected[i].metric);
      // Same samples, only the order differs.
      expect([...series.values].sort((a, b) => a[0] - b[0])).toEqual(expected[i].values);
      const sorted = times(series).every((t, j, all) => j === 0 || all[j - 1] < t);
      expect(sorted, `series ${i}`).toBe(i % 2 === 0);
    });
  });

  it('shuffles the same way every time', async () => {
    expect(await fetchResult()).toEqual(await fetchResult());
  });

  it('keeps a two-point series out of order too', async () => {
    const result = await fetchResult('/api/v1/query_range?query=cpu_usage_percent&start=0&end=15&step=15');
    expect(times(result[1])).toEqual([15, 0]);
  });

  it('does not touch evaluateRange (the expected data checks compare with)', async () => {
    await fetchResult();
    expect(evaluateRange(RANGE).every((s) => times(s).every((t, j, all) => j === 0 || all[j - 1] < t))).toBe(true);
  });
});

describe('unaligned and specialValues', () => {
  const fetchResult = async (scenario: ScenarioInput, path = RANGE_PATH) => (await (await call(scenario, path))!.json()).data.result;

  it('send exactly what evaluateRange computes for the scenario', async () => {
    for (const scenario of [{ unaligned: true }, { specialValues: true }, { unaligned: true, specialValues: true }]) {
      expect(await fetchResult(scenario), JSON.stringify(scenario)).toEqual(evaluateRange(RANGE, scenario));
    }
  });

  it('special values arrive as strings in the JSON, as Prometheus writes them', async () => {
    const text = await (await call({ specialValues: true }, RANGE_PATH))!.text();
    expect(text).toContain('"+Inf"');
    expect(text).toContain('"-Inf"');
    expect(text).toContain('"NaN"');
  });

  it('with disorder too, the same samples arrive shuffled', async () => {
    const result = await fetchResult({ unaligned: true, disorder: true });
    const expected = evaluateRange(RANGE, { unaligned: true });
    result.forEach((series: { values: [number, string][] }, i: number) => {
      expect([...series.values].sort((a, b) => a[0] - b[0])).toEqual(expected[i].values);
    });
  });

  it('specialValues reaches instant queries; by default nothing changes', async () => {
    const path = `/api/v1/query?query=cpu_usage_percent&time=${START}`;
    const special = await fetchResult({ specialValues: true }, path);
    expect(special.map((s: { value: [number, string] }) => s.value[1])[0]).toBe('+Inf');
    expect(await fetchResult({}, RANGE_PATH)).toEqual(evaluateRange(RANGE));
  });
});

describe('forbidden', () => {
  it('answers 403 to a valid key on every API endpoint, without echoing it', async () => {
    for (const path of [RANGE_PATH, '/api/v1/status/buildinfo', '/api/v1/labels']) {
      const response = await call({ forbidden: true }, path);
      expect(response?.status, path).toBe(403);
      const text = await response!.text();
      expect(text).not.toContain(METRICS_API_KEY);
      const body = promErrorResponseSchema.parse(JSON.parse(text));
      expect(body.errorType).toBe('forbidden');
      expect(body.error).toMatch(/read access/);
    }
  });

  it('refuses a wrong or revoked key with 401 first, and leaves /-/healthy alone', async () => {
    expect((await call({ forbidden: true }, RANGE_PATH, { key: 'nope' }))?.status).toBe(401);
    expect((await call({ forbidden: true, rejectKeys: true }, RANGE_PATH))?.status).toBe(401);
    expect((await call({ forbidden: true }, '/-/healthy'))?.status).toBe(200);
  });
});

describe('rejectKeys', () => {
  it('refuses the right key with 401 on every API endpoint, without echoing it', async () => {
    for (const path of [RANGE_PATH, '/api/v1/status/buildinfo', '/api/v1/labels']) {
      const response = await call({ rejectKeys: true }, path);
      expect(response?.status, path).toBe(401);
      const text = await response!.text();
      expect(text).not.toContain(METRICS_API_KEY);
      expect(promErrorResponseSchema.parse(JSON.parse(text)).errorType).toBe('unauthorized');
    }
  });

  it('still says "missing credentials" when no key is sent, and leaves /-/healthy alone', async () => {
    const missing = await call({ rejectKeys: true }, RANGE_PATH, { key: null });
    expect(((await missing!.json()) as { error: string }).error).toMatch(/missing credentials/);
    expect((await call({ rejectKeys: true }, '/-/healthy'))?.status).toBe(200);
  });
});

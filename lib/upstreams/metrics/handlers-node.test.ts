import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRange } from './evaluate';
import { METRICS_API_KEY, METRICS_BASE_URL, metricsHandlers } from './handlers';

// The same handlers, unchanged, under MSW's Node integration and the real global fetch.
const server = setupServer(...metricsHandlers());
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const auth = { authorization: `Bearer ${METRICS_API_KEY}` };
const RANGE = { query: 'avg by (job) ({job="node"})', start: 1_700_000_000, end: 1_700_000_120, step: 15 };

describe('metricsHandlers under setupServer', () => {
  it('answers fetch for health and data', async () => {
    const health = await fetch(`${METRICS_BASE_URL}/-/healthy`);
    expect([health.status, await health.text()]).toEqual([200, 'Prometheus Server is Healthy.']);

    const params = new URLSearchParams(Object.entries(RANGE).map(([k, v]) => [k, String(v)]));
    const response = await fetch(`${METRICS_BASE_URL}/api/v1/query_range`, { method: 'POST', headers: auth, body: params });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'success', data: { resultType: 'matrix', result: evaluateRange(RANGE) } });
  });

  it('answers 401 without a key', async () => {
    const response = await fetch(`${METRICS_BASE_URL}/api/v1/labels`);
    expect(response.status).toBe(401);
    expect((await response.json()).errorType).toBe('unauthorized');
  });

  it('lets an aborted fetch of a hanging upstream reject promptly', async () => {
    server.resetHandlers(...metricsHandlers({ scenario: { fault: 'hang' } }));
    const started = performance.now();
    const pending = fetch(`${METRICS_BASE_URL}/api/v1/query?query=queue_depth`, { headers: auth, signal: AbortSignal.timeout(100) });
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('sends Retry-After through fetch', async () => {
    server.resetHandlers(...metricsHandlers({ scenario: { fault: 'rate_limit', retryAfterSeconds: 9 } }));
    const response = await fetch(`${METRICS_BASE_URL}/api/v1/query?query=queue_depth`, { headers: auth });
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '9']);
  });
});

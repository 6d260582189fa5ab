import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario';
import { authProblem, disorder, faultResponse, promError, truncate } from './responses';
import type { PromMatrixSeries } from './types';

const series = (instance: string, n: number): PromMatrixSeries => ({
  metric: { instance },
  values: Array.from({ length: n }, (_, i) => [i * 15, String(i)] as [number, string]),
});
const inOrder = (s: PromMatrixSeries) => s.values.every((v, i) => i === 0 || s.values[i - 1][0] < v[0]);

describe('promError', () => {
  it('builds the Prometheus error envelope with status and headers', async () => {
    const response = promError(429, 'rate_limited', 'slow down', { 'Retry-After': '3' });
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '3']);
    expect(await response.json()).toEqual({ status: 'error', errorType: 'rate_limited', error: 'slow down' });
  });
});

describe('authProblem', () => {
  const check = (authorization?: string) =>
    authProblem(new Request('https://x.test', { headers: authorization ? { authorization } : {} }), 'k1');

  it('passes the right bearer token', () => {
    expect(check('Bearer k1')).toBeUndefined();
    expect(check('  BEARER   k1 ')).toBeUndefined();
  });

  it('fails missing, foreign-scheme and wrong tokens with 401', async () => {
    for (const header of [undefined, 'Token k1', 'Bearer k2', 'Bearer k1x']) {
      const response = check(header);
      expect(response?.status, header).toBe(401);
      expect((await response!.json()).errorType).toBe('unauthorized');
    }
  });
});

describe('faultResponse', () => {
  const scenario = (fault: string) => scenarioSchema.parse({ fault });

  it('leaves none and malformed to the caller', () => {
    expect(faultResponse(scenario('none'), new AbortController().signal)).toBeUndefined();
    expect(faultResponse(scenario('malformed'), new AbortController().signal)).toBeUndefined();
  });

  it('answers server_error with 503 and hang with a network error once aborted', async () => {
    expect((faultResponse(scenario('server_error'), new AbortController().signal) as Response).status).toBe(503);
    const controller = new AbortController();
    const hanging = faultResponse(scenario('hang'), controller.signal) as Promise<Response>;
    controller.abort();
    expect((await hanging).type).toBe('error');
  });
});

describe('disorder', () => {
  it('shuffles odd-numbered series only, keeping their samples', () => {
    const input = [series('a', 20), series('b', 20), series('c', 20), series('d', 20)];
    const output = disorder(input);
    expect(output.map(inOrder)).toEqual([true, false, true, false]);
    expect(output[0]).toBe(input[0]);
    expect([...output[1].values].sort((x, y) => x[0] - y[0])).toEqual(input[1].values);
    expect(inOrder(input[1])).toBe(true); // never mutates its input
  });

  it('reverses when a shuffle happens to land in order, and leaves one point alone', () => {
    expect(disorder([series('a', 1), series('b', 2)])[1].values.map(([t]) => t)).toEqual([15, 0]);
    expect(disorder([series('a', 1), series('b', 1)])[1].values).toEqual([[0, '0']]);
  });

  it('is deterministic', () => {
    const input = [series('a', 50), series('b', 50)];
    expect(disorder(input)).toEqual(disorder(input));
  });
});

describe('truncate', () => {
  it('keeps status 200 and JSON content type but cuts the body so it no longer parses', async () => {
    const full = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
    const response = await truncate(new Response(full, { status: 200 }));
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json']);
    const text = await response.text();
    expect(text).toBe(full.slice(0, Math.floor(full.length * 0.6)));
    expect(() => JSON.parse(text)).toThrow();
  });
});

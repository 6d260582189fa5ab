import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createUpstreamBridge } from './upstream-bridge';
import type { UpstreamRequest } from './sandbox/run-job';

const request = (url: string, atMs = 0): UpstreamRequest => ({ method: 'GET', url, headers: [['authorization', 'Bearer k']], atMs });

describe('upstream bridge', () => {
  it('answers requests with an equal answer key once, and records every call', async () => {
    let resolved = 0;
    const handlers = [http.get('https://up.test/data', ({ request: r }) => (resolved++, HttpResponse.json({ q: new URL(r.url).searchParams.get('q') })))];
    const bridge = createUpstreamBridge(handlers, ['https://up.test'], (r) => r.url);
    const signal = new AbortController().signal;
    const first = await bridge.resolve(request('https://up.test/data?q=1', 0), signal);
    const again = await bridge.resolve(request('https://up.test/data?q=1', 500), signal);
    const other = await bridge.resolve(request('https://up.test/data?q=2', 900), signal);
    expect(resolved).toBe(2);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(bridge.calls.map((c) => [c.seq, c.startedAtMs, c.status, c.responseBytes])).toEqual([
      [1, 0, 200, 9],
      [2, 500, 200, 9],
      [3, 900, 200, 9],
    ]);
  });

  it('answers afresh when the key is undefined', async () => {
    let resolved = 0;
    const handlers = [http.get('https://up.test/data', () => (resolved++, HttpResponse.json({})))];
    const bridge = createUpstreamBridge(handlers, ['https://up.test'], () => undefined);
    const signal = new AbortController().signal;
    await bridge.resolve(request('https://up.test/data'), signal);
    await bridge.resolve(request('https://up.test/data'), signal);
    expect(resolved).toBe(2);
  });
});

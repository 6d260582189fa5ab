/**
 * Virtual time in handler runs (docs/decisions/0004-virtual-time.md): what a handler
 * sees of time, and what the host records of its upstream calls, does not depend on how
 * busy the machine is. No assertion here reads the wall clock.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import { sleep, untilAborted } from '../../upstreams/scenario';
import type { RunJob, UpstreamResolver } from './host';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const EPOCH = Date.UTC(2027, 4, 1, 12, 0, 0);
const handlers = [
  http.get('https://mock.test/slow/:ms', async ({ request, params }) => {
    if (!(await sleep(Number(params.ms), request.signal))) return HttpResponse.error();
    return HttpResponse.json({ ok: true });
  }),
  http.get('https://mock.test/hang', ({ request }) => untilAborted(request.signal, () => HttpResponse.error())),
];

function job(handler: string, extra: Partial<RunJob> = {}) {
  const bridge = createUpstreamBridge(handlers, ['https://mock.test']);
  const run: RunJob = { files: { 'handler.ts': handler }, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: bridge.resolve, timeLimitMs: 1500, epochMs: EPOCH, ...extra };
  return { bridge, run };
}

/** A page too busy to answer: every upstream answer reaches the worker 2 s (real) late. */
const busyPage =
  (resolve: UpstreamResolver): UpstreamResolver =>
  async (request, signal) => {
    const answer = await resolve(request, signal);
    await new Promise((r) => setTimeout(r, 2000));
    return answer;
  };

/** A handler that fetches `path` under a 1 s AbortSignal.timeout and reports what it saw, and when (virtual ms). */
const TIMED_FETCH = (path: string) => `
export async function queryData() {
  const t0 = Date.now();
  let outcome;
  try {
    const res = await fetch('https://mock.test${path}', { signal: AbortSignal.timeout(1000) });
    outcome = 'status ' + res.status + ' ' + JSON.stringify(await res.json());
  } catch (e) {
    outcome = e.name;
  }
  return { responses: { A: { frames: [], error: { category: 'internal', message: outcome + ' at ' + (Date.now() - t0) } } } };
}`;

const messageOf = (output: unknown) => (output as { value: { responses: { A: { error: { message: string } } } } }).value.responses.A.error.message;

describe('virtual time in a handler run', () => {
  it('a setter on Object.prototype never sees the delivery of a response (its id stays the runtime\'s)', async () => {
    const handler = TIMED_FETCH('/slow/400').replace(
      'export async function queryData() {',
      "export async function queryData() {\n  let seen = 0;\n  Object.defineProperty(Object.prototype, 'delivery', { set() { seen++; }, get() { return undefined; }, configurable: true });\n  (globalThis as any).__seen = () => seen;",
    ).replace("' at ' + (Date.now() - t0)", "' at ' + (Date.now() - t0) + ' seen ' + (globalThis as any).__seen()");
    const { run } = job(handler);
    const raw = await sandbox.run(run);
    expect(messageOf(raw.output)).toBe('status 200 {"ok":true} at 400 seen 0');
  });

  it('answers a 400 ms upstream under a 1 s timeout at virtual 400 ms, however slow the page is', async () => {
    const quick = job(TIMED_FETCH('/slow/400'));
    const slow = job(TIMED_FETCH('/slow/400'));
    const [onQuietPage, onBusyPage] = await Promise.all([sandbox.run(quick.run), sandbox.run({ ...slow.run, upstream: busyPage(slow.bridge.resolve) })]);
    for (const [run, bridge] of [[onQuietPage, quick.bridge], [onBusyPage, slow.bridge]] as const) {
      expect(run.killed).toBe(false);
      expect(messageOf(run.output)).toBe('status 200 {"ok":true} at 400');
      expect(bridge.calls).toMatchObject([{ status: 200, startedAtMs: 0, durationMs: 400 }]);
      expect(bridge.calls[0].abortedBy).toBeUndefined();
    }
  });

  it('aborts a 1500 ms upstream at the handler\'s virtual 1000 ms, and the host records who and when', async () => {
    const { bridge, run } = job(TIMED_FETCH('/slow/1500'));
    const result = await sandbox.run(run);
    expect(messageOf(result.output)).toBe('TimeoutError at 1000');
    expect(bridge.calls).toMatchObject([{ abortedBy: 'handler', startedAtMs: 0, durationMs: 1000 }]);
    expect(bridge.calls[0].status).toBeUndefined();
  });

  it('ends a hang under a 1 s timeout at virtual 1000 ms', async () => {
    const { bridge, run } = job(TIMED_FETCH('/hang'));
    const result = await sandbox.run(run);
    expect(messageOf(result.output)).toBe('TimeoutError at 1000');
    expect(bridge.calls).toMatchObject([{ abortedBy: 'handler', durationMs: 1000 }]);
  });

  it('spends no real time waiting: a 100 s virtual hang ends within the test\'s few seconds', async () => {
    const handler = TIMED_FETCH('/hang').replace('AbortSignal.timeout(1000)', 'AbortSignal.timeout(100_000)');
    const { bridge, run } = job(handler, { timeLimitMs: 200_000 });
    const result = await sandbox.run(run);
    expect(messageOf(result.output)).toBe('TimeoutError at 100000');
    expect(bridge.calls).toMatchObject([{ abortedBy: 'handler', durationMs: 100_000 }]);
    expect(result.virtualMs).toBe(100_000);
  });

  it('moves Date.now, new Date and performance.now with the virtual clock, from the request time', async () => {
    const handler = `
export async function queryData() {
  const d0 = Date.now(), p0 = performance.now(), n0 = new Date().getTime();
  await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 0));
  const seen = [d0, Date.now() - d0, performance.now() - p0, new Date().getTime() - n0, typeof Date(), new Date(5).getTime(), new Date() instanceof Date, new Date().constructor === Date, new (new Date().constructor)().getTime() - d0];
  return { responses: { A: { frames: [], error: { category: 'internal', message: JSON.stringify(seen) } } } };
}`;
    const result = await sandbox.run(job(handler).run);
    expect(JSON.parse(messageOf(result.output))).toEqual([EPOCH, 250, 250, 250, 'string', 5, true, true, 250]);
  });

  it('stops a setInterval that never ends at the virtual limit, as a timeout', async () => {
    const handler = `
export async function queryData() {
  setInterval(() => console.log('tick'), 100);
  return new Promise(() => {});
}`;
    const result = await sandbox.run(job(handler, { timeLimitMs: 1000 }).run);
    expect(result.output).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(result.killed).toBe(true);
    // Ticks at 100 … 1400: the limit plus the grace a handler gets after ctx.signal aborts.
    expect(result.logs).toHaveLength(14);
    expect(result.logs.at(-1)?.atMs).toBe(1400);
  });

  it('aborts ctx.signal at the virtual limit, so a handler waiting on it answers then', async () => {
    const handler = `
export async function queryData(req, ctx) {
  const t0 = Date.now();
  await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
  return { responses: { A: { frames: [], error: { category: 'timeout', message: 'gave up at ' + (Date.now() - t0) } } } };
}`;
    const result = await sandbox.run(job(handler, { timeLimitMs: 3000 }).run);
    expect(result.killed).toBe(false);
    expect(messageOf(result.output)).toBe('gave up at 3000');
  });

  it('records a call the handler left open as closed by the run\'s end, at its virtual end', async () => {
    const handler = `
export async function queryData() {
  void fetch('https://mock.test/hang').catch(() => {});
  await new Promise((r) => setTimeout(r, 300));
  return { responses: {} };
}`;
    const { bridge, run } = job(handler);
    const result = await sandbox.run(run);
    expect(result.output.ok).toBe(true);
    expect(bridge.calls).toMatchObject([{ abortedBy: 'run-end', durationMs: 300 }]);
  });
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import type { RunJob } from './host';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

/** The handler calls this first; the test cancels when the call arrives, so the run has surely started. */
const STARTED = "await fetch('https://mock.test/started').catch(() => undefined);";
const cancelOnStart = (controller: AbortController): RunJob['upstream'] => async () => {
  controller.abort();
  return { status: 204, statusText: 'No Content', headers: [], body: '' };
};

function job(handler: string, extra: Partial<RunJob> = {}): RunJob {
  const bridge = createUpstreamBridge([], ['https://mock.test']);
  return { files: { 'handler.ts': handler }, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: bridge.resolve, timeLimitMs: 5000, ...extra };
}

const OK = 'export async function queryData() { return { responses: { A: { frames: [] } } }; }';
const HANGS = `export async function queryData() { ${STARTED} await new Promise(() => {}); }`;

describe('SandboxHost: cancelling a run', () => {
  beforeEach(() => sandbox.warmUp());

  it('a run cancelled while the sandbox starts never runs', async () => {
    sandbox.dispose();
    const controller = new AbortController();
    const running = sandbox.run(job('export async function queryData() { console.log("ran"); return { responses: {} }; }', { signal: controller.signal }));
    controller.abort();
    const run = await running;
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(run.logs).toEqual([]);
  });

  it('a handler that honours ctx.signal ends early, and the record says cancelled, not its answer', async () => {
    const controller = new AbortController();
    const handler = `export async function queryData(req, ctx) {
      const aborted = new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      ${STARTED}
      await aborted;
      console.log('saw the abort');
      return { responses: { A: { frames: [] } } };
    }`;
    const run = await sandbox.run(job(handler, { signal: controller.signal, upstream: cancelOnStart(controller) }));
    expect(run.output).toEqual({ ok: false, error: { kind: 'cancelled', message: expect.stringContaining('cancelled') } });
    expect(run.killed).toBe(false);
    expect(run.logs.map((l) => l.message)).toContain('saw the abort');
  });

  it('a handler that never settles is killed after the grace period, long before its time limit; the next run works', async () => {
    const controller = new AbortController();
    const run = await sandbox.run(job(HANGS, { signal: controller.signal, timeLimitMs: 10_000, upstream: cancelOnStart(controller) }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(run.killed).toBe(true);
    const next = await sandbox.run(job(OK));
    expect(next.output.ok).toBe(true);
  });

  it('a job cancelled while it waits in the queue never runs', async () => {
    const first = new AbortController();
    const queued = new AbortController();
    const running = sandbox.run(job(HANGS, { signal: first.signal }));
    const waiting = sandbox.run(job('export async function queryData() { console.log("ran"); return { responses: {} }; }', { signal: queued.signal }));
    queued.abort();
    first.abort();
    const [, skipped] = await Promise.all([running, waiting]);
    expect(skipped.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(skipped.logs).toEqual([]);
  });

  it('parses the answer with the invocation’s own schema: a health answer to queryData is refused', async () => {
    const run = await sandbox.run(job("export async function queryData() { return { status: 'OK', message: 'fine' }; }"));
    expect(run.output.ok).toBe(false);
  });
});

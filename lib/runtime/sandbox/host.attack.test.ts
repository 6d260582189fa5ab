/**
 * Attack and fault cases for the host ↔ worker boundary, in Node: the same worker
 * bundle in a worker thread (runaway and tampering cases), and a fake endpoint that
 * lets a test post forged messages straight to the host (forgery cases). The browser
 * barriers (CSP, opaque origin) are proven in tests/e2e/attacks-*.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import { SandboxHost, type RunJob, type SandboxEndpoint } from './host';
import type { HostMessage } from '../protocol';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

function job(handler: string, extra: Partial<RunJob> = {}): RunJob {
  const bridge = createUpstreamBridge([], ['https://mock.test']);
  return { files: { 'handler.ts': handler }, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: bridge.resolve, timeLimitMs: 400, ...extra };
}

const OK = `export async function queryData() { return { responses: { A: { frames: [{ fields: [{ name: 'v', values: [1, 2, 3] }] }] } } }; }`;
const SOLUTION = readFileSync('labs/week-2/01-first-query-path/solution/handler.ts', 'utf8');

describe('runaway and oversized answers in the worker thread', () => {
  it.each([
    ['a 100 MB string', `return { responses: { A: { frames: [{ fields: [{ name: 'v', values: ['x'.repeat(100 * 1024 * 1024)] }] }] } } };`, /larger than 32 MB/],
    ['a circular value', `const o: any = {}; o.o = o; return { responses: { A: { frames: [{ fields: [{ name: 'v', values: [o] }] }] } } };`, /circular reference/],
    ['a very deep value', `let d: any = 1; for (let i = 0; i < 100000; i++) d = [d]; return { responses: { A: { frames: [{ fields: [{ name: 'v', values: [d] }] }] } } };`, /levels deep/],
    ['a function in the frame', `return { responses: { A: { frames: [{ fields: [{ name: 'v', values: [() => 1] }] }] } } };`, /cannot be sent to the page/],
  ])('refuses %s with an output error, and the next run works', async (_name, body, message) => {
    const run = await sandbox.run(job(`export async function queryData() { ${body} }`, { timeLimitMs: 5000 }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringMatching(message) } });
    expect(run.killed).toBe(false);
    expect((await sandbox.run(job(OK))).output.ok).toBe(true);
  });

  it('reports a 2,000-character field name at once instead of waiting for the time limit', async () => {
    const run = await sandbox.run(job(`export async function queryData() { return { responses: { A: { frames: [{ fields: [{ name: 'n'.repeat(2000), values: [1] }] }] } } }; }`, { timeLimitMs: 5000 }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringContaining('fields.0.name') } });
    expect(run.durationMs).toBeLessThan(4000);
  });

  it('reports a thrown value whose properties throw, instead of hanging', async () => {
    const run = await sandbox.run(job(`export async function queryData() { throw new Proxy({}, { get() { throw new Error('no'); }, getPrototypeOf() { throw new Error('no'); }, has() { throw new Error('no'); } }); }`, { timeLimitMs: 3000 }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    expect(run.killed).toBe(false);
  });

  it.each([
    ['a busy loop', 'while (true) {}'],
    ['a microtask loop', 'while (true) { await null; }'],
    ['a never-settling promise', 'await new Promise(() => {});'],
    ['catastrophic backtracking', "/^(a+)+$/.test('a'.repeat(40) + '!');"],
  ])('stops %s at the time limit and runs the next job', async (_name, body) => {
    const run = await sandbox.run(job(`export async function queryData() { ${body} return { responses: {} }; }`, { timeLimitMs: 200 }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'timeout', message: expect.stringContaining('did not finish within 200 ms') } });
    expect((await sandbox.run(job(OK))).output.ok).toBe(true);
  });

  it('stops intervals and timeouts a run leaves behind, so they cannot log into the next run', async () => {
    const spam = `export async function queryData() {
      for (let i = 0; i < 200; i++) setInterval(() => console.log('left behind'), 1);
      setTimeout(() => console.log('late'), 50);
      return { responses: {} };
    }`;
    expect((await sandbox.run(job(spam))).output.ok).toBe(true);
    const next = await sandbox.run(job(`export async function queryData() { await new Promise((r) => setTimeout(r, 150)); return { responses: {} }; }`));
    expect(next.output.ok).toBe(true);
    expect(next.logs).toEqual([]);
  });
});

describe('log floods', () => {
  it('keeps at most 500 entries and 200,000 characters per run, and says so once', async () => {
    const many = await sandbox.run(job("export async function queryData() { for (let i = 0; i < 5000; i++) console.log('line ' + i); return { responses: {} }; }", { timeLimitMs: 3000 }));
    expect(many.logs).toHaveLength(501);
    expect(many.logs.at(-1)).toMatchObject({ level: 'warn', message: expect.stringContaining('Log limit reached') });
    const big = await sandbox.run(job("export async function queryData(r: any, ctx: any) { for (let i = 0; i < 5000; i++) ctx.logger.info('z'.repeat(9000), { more: 'y'.repeat(5000) }); return { responses: {} }; }", { timeLimitMs: 3000 }));
    const chars = big.logs.reduce((n, l) => n + l.message.length + JSON.stringify(l.fields).length, 0);
    expect(big.logs.length).toBeLessThan(30);
    expect(chars).toBeLessThan(250_000);
  });
});

describe('tampering with built-ins in the worker', () => {
  it('does not flag an ordinary run (the lab solution) as changing the built-ins', async () => {
    let spawned = 0;
    const { spawnNodeSandbox } = await import('../node/node-sandbox');
    const host = new SandboxHost(() => (spawned++, spawnNodeSandbox()));
    try {
      const files = { 'handler.ts': SOLUTION, 'query.ts': readFileSync('labs/week-2/01-first-query-path/solution/query.ts', 'utf8') };
      for (let i = 0; i < 3; i++) await host.run({ ...job(''), files, timeLimitMs: 3000 });
      expect(spawned).toBe(1);
    } finally {
      host.dispose();
    }
  });

  it.each([
    ['Array.prototype.map', 'Array.prototype.map = function () { return []; };'],
    ['JSON.stringify', 'JSON.stringify = () => "{}";'],
    ['Object.keys', 'Object.keys = () => [];'],
    ['Promise.prototype.then', 'const then = Promise.prototype.then; Promise.prototype.then = function (a, b) { return then.call(this, a, b); };'],
    ['a new global', '(globalThis as any).remember = 1;'],
    ['MessagePort.prototype.postMessage', '(globalThis as any).MessagePort && ((globalThis as any).MessagePort.prototype.postMessage = () => {});'],
  ])('a run that replaces %s gets a fresh sandbox before the next run', async (_name, patch) => {
    let spawned = 0;
    const { spawnNodeSandbox } = await import('../node/node-sandbox');
    const host = new SandboxHost(() => (spawned++, spawnNodeSandbox()));
    try {
      const first = await host.run(job(`export async function queryData() { ${patch} return { responses: {} }; }`));
      expect(first).toMatchObject({ killed: false, output: { ok: true } });
      const next = await host.run(job(`export async function queryData() {
        return { responses: { A: { frames: [], error: { category: 'internal', message: String([1, 2].map((x) => x * 2)) + JSON.stringify({ a: 1 }) + Object.keys({ k: 1 }) + typeof (globalThis as any).remember } } } };
      }`));
      expect(spawned).toBe(2);
      expect(next.output).toMatchObject({ ok: true, value: { responses: { A: { error: { message: '2,4{"a":1}kundefined' } } } } });
    } finally {
      host.dispose();
    }
  });
});

describe('forged messages to the host', () => {
  /** A sandbox whose "worker" is the test: it sees what the host posts and forges replies. */
  function fakeSandbox() {
    const posted: HostMessage[] = [];
    let deliver: (data: unknown) => void = () => {};
    const endpoint: SandboxEndpoint = {
      post: (m) => {
        posted.push(m);
        if (m.type === 'run') queueMicrotask(() => onRun?.(m));
      },
      onMessage: (l) => (deliver = l),
      destroy: () => {},
    };
    let onRun: ((m: Extract<HostMessage, { type: 'run' }>) => void) | undefined;
    const host = new SandboxHost(() => {
      queueMicrotask(() => deliver({ type: 'ready' }));
      return endpoint;
    });
    return { host, posted, send: (d: unknown) => deliver(d), setOnRun: (f: typeof onRun) => (onRun = f) };
  }
  const answer = (message: string) => ({ ok: true, value: { responses: { A: { frames: [], error: { category: 'internal', message } } } } });

  it('ignores a replayed run id and answers from an earlier run', async () => {
    const fake = fakeSandbox();
    let firstRunId = '';
    fake.setOnRun((m) => {
      firstRunId = m.runId;
      fake.send({ type: 'done', runId: m.runId, output: answer('first') });
    });
    await fake.host.run(job(''));
    fake.setOnRun((m) => {
      fake.send({ type: 'done', runId: firstRunId, output: answer('replayed') }); // old id: ignored
      fake.send({ type: 'log', runId: firstRunId, entry: { level: 'info', message: 'replayed log', source: 'logger', atMs: 0 } });
      fake.send({ type: 'done', runId: `${m.runId}x`, output: answer('wrong id') });
      fake.send({ type: 'done', runId: m.runId, output: answer('second') });
    });
    const second = await fake.host.run(job(''));
    expect(second.output).toEqual(answer('second'));
    expect(second.logs).toEqual([]);
    fake.host.dispose();
  });

  it('ignores malformed and oversized messages that are not this run\'s answer, and refuses an oversized answer with a message', async () => {
    const fake = fakeSandbox();
    fake.setOnRun((m) => {
      fake.send(null);
      fake.send('done');
      fake.send({ type: 'done' });
      fake.send({ type: 'log', runId: m.runId, entry: { level: 'info', message: 'x'.repeat(40 * 1024 * 1024), source: 'logger', atMs: 0 } });
      fake.send({ type: 'fetch', runId: m.runId, fetchId: 1, request: { method: 'GET', url: 'https://x.test/'.repeat(1000), headers: [] } });
      fake.send({ type: 'done', runId: m.runId, output: answer('y'.repeat(40 * 1024 * 1024)) });
    });
    const run = await fake.host.run(job(''));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringContaining('larger than 32 MB') } });
    expect(run.logs).toEqual([]);
    expect(run.killed).toBe(false);
    fake.host.dispose();
  });

  it('refuses an answer that breaks the wire schema at once, naming the part', async () => {
    const fake = fakeSandbox();
    fake.setOnRun((m) => fake.send({ type: 'done', runId: m.runId, output: { ok: true, value: { responses: { A: { frames: 'nope' } } } } }));
    const run = await fake.host.run(job('', { timeLimitMs: 10_000 }));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringContaining('cannot be shown') } });
    expect(run.durationMs).toBeLessThan(5000);
    fake.host.dispose();
  });
});

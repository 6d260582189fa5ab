/**
 * Attack and fault cases for the host ↔ worker boundary, in Node: the same worker
 * bundle in a worker thread (runaway and tampering cases), and a fake endpoint that
 * lets a test post forged messages straight to the host (forgery cases). The browser
 * barriers (CSP, opaque origin) are proven in tests/e2e/attacks-*.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createNodeSandbox, spawnNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import { SandboxHost, type RunJob, type SandboxEndpoint, type SandboxHostOptions } from './host';
import type { HostMessage } from '../protocol';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

function job(handler: string, extra: Partial<RunJob> = {}): RunJob {
  const bridge = createUpstreamBridge([], ['https://mock.test']);
  return { files: { 'handler.ts': handler }, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: bridge.resolve, timeLimitMs: 400, ...extra };
}

const LAB = 'labs/week-2/01-first-query-path';
const OK = `export async function queryData() { return { responses: { A: { frames: [{ fields: [{ name: 'v', values: [1, 2, 3] }] }] } } }; }`;

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

/** A host that counts the sandboxes it starts and destroys. */
function countingHost(options: SandboxHostOptions = {}) {
  const spawned: SandboxEndpoint[] = [];
  let destroyed = 0;
  const host = new SandboxHost(() => {
    const endpoint = spawnNodeSandbox();
    const counted = { ...endpoint, destroy: () => (destroyed++, endpoint.destroy()) };
    spawned.push(counted);
    return counted;
  }, options);
  return { host, spawned, destroyed: () => destroyed };
}

describe.each(['run', 'shared'] as const)('nothing survives a run (isolation: %s)', (isolation) => {
  const counting = () => countingHost({ isolation });
  /** A job that reports `expr` as its answer's error message. */
  const reporting = (before: string, expr: string) =>
    job(`export async function queryData() { ${before}\n return { responses: { A: { frames: [], error: { category: 'internal', message: String(${expr}) } } } }; }`, { timeLimitMs: 3000 });
  const messageOf = (run: { output: unknown }) => (run.output as { value?: { responses?: { A?: { error?: { message?: string } } } } }).value?.responses?.A?.error?.message;

  it.runIf(isolation === 'run')('runs each job in a sandbox of its own and destroys it afterwards', async () => {
    const { host, spawned, destroyed } = counting();
    try {
      for (let i = 0; i < 3; i++) expect((await host.run(job(OK))).output.ok).toBe(true);
      expect(spawned.length).toBeGreaterThanOrEqual(3);
      expect(destroyed()).toBeGreaterThanOrEqual(3);
    } finally {
      host.dispose();
    }
  });

  it.runIf(isolation === 'shared')('reuses a sandbox after ordinary runs of the lab solution (the tamper check does not flag them)', async () => {
    const { host, spawned } = counting();
    try {
      const files = { 'handler.ts': readFileSync(`${LAB}/solution/handler.ts`, 'utf8'), 'query.ts': readFileSync(`${LAB}/solution/query.ts`, 'utf8') };
      for (let i = 0; i < 5; i++) expect((await host.run({ ...job(''), files, timeLimitMs: 5000 })).output).toMatchObject({ ok: true });
      expect(spawned.length).toBeLessThanOrEqual(2); // the one serving, and the pool's spare
    } finally {
      host.dispose();
    }
  });

  it.each([
    ['a counter kept on Atomics', '(Atomics as any).seen = ((Atomics as any).seen ?? 0) + 1;', '(Atomics as any).seen'],
    ['a counter kept on globalThis', '(globalThis as any).seen = ((globalThis as any).seen ?? 0) + 1;', '(globalThis as any).seen'],
    [
      'a patched %ArrayIteratorPrototype%.next',
      'const proto: any = Object.getPrototypeOf([][Symbol.iterator]()); const next = proto.next; proto.seen = (proto.seen ?? 0) + 1; proto.next = function () { return next.call(this); };',
      'Object.getPrototypeOf([][Symbol.iterator]()).seen',
    ],
    ['a cache on Array.prototype', '(Array.prototype as any).seen = ((Array.prototype as any).seen ?? 0) + 1;', '([] as any).seen'],
    ['a counter on Math', '(Math as any).seen = ((Math as any).seen ?? 0) + 1;', '(Math as any).seen'],
  ])('%s does not reach the next run', async (_name, keep, read) => {
    const { host } = counting();
    try {
      const first = await host.run(reporting(keep, read));
      expect(messageOf(first)).toBe('1');
      const second = await host.run(reporting(keep, read));
      expect(messageOf(second)).toBe('1');
    } finally {
      host.dispose();
    }
  });

  it("zod's global configuration (z.config) does not carry from one run to the next", async () => {
    // The object z.config() changes is zod's own, reached through no global name.
    const counter = `import { z } from 'zod';
export async function queryData() {
  const seen = ((z.config() as any).seen ?? 0) + 1;
  z.config({ seen } as any);
  return { responses: { A: { frames: [], error: { category: 'internal', message: String(seen) } } } };
}`;
    const { host } = counting();
    try {
      expect(messageOf(await host.run(job(counter, { timeLimitMs: 3000 })))).toBe('1');
      expect(messageOf(await host.run(job(counter, { timeLimitMs: 3000 })))).toBe('1');
    } finally {
      host.dispose();
    }
  });

  it.each([
    ['a microtask flood started after the run returned', 'const c = new MessageChannel(); c.port1.onmessage = () => { const f = (): any => Promise.resolve().then(f); f(); }; c.port2.postMessage(0);'],
    ['a MessageChannel ping-pong that spins', 'const c = new MessageChannel(); c.port1.onmessage = () => { const end = Date.now() + 50; while (Date.now() < end); c.port2.postMessage(0); }; c.port2.postMessage(0);'],
    ['an AbortSignal.timeout listener that spins later', "AbortSignal.timeout(20).addEventListener('abort', () => { while (true) {} });"],
    ['a busy loop in a timer', 'setTimeout(() => { while (true) {} }, 0);'],
  ])('%s cannot poison the next run', async (_name, leftBehind) => {
    const { host } = counting();
    try {
      const first = await host.run(job(`export async function queryData() { ${leftBehind} return { responses: {} }; }`, { timeLimitMs: 3000 }));
      expect(first.output.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 100)); // the left-behind work has started by now
      const next = await host.run(job(`export async function queryData() { await new Promise((r) => setTimeout(r, 20)); ${OK.slice(OK.indexOf('return'))}`, { timeLimitMs: 3000 }));
      expect(next).toMatchObject({ killed: false, output: { ok: true } });
    } finally {
      host.dispose();
    }
  });

  it.each([
    ['Array.prototype.map', 'Array.prototype.map = function () { return []; };'],
    ['JSON.stringify', 'JSON.stringify = () => "{}";'],
    ['Object.keys', 'Object.keys = () => [];'],
    ['Promise.prototype.then', 'const then = Promise.prototype.then; Promise.prototype.then = function (a, b) { return then.call(this, a, b); };'],
    ['MessagePort.prototype.postMessage', '(globalThis as any).MessagePort && ((globalThis as any).MessagePort.prototype.postMessage = () => {});'],
  ])('a run that replaces %s leaves the next run untouched', async (_name, patch) => {
    const { host } = counting();
    try {
      const first = await host.run(job(`export async function queryData() { ${patch} return { responses: {} }; }`));
      expect(first).toMatchObject({ killed: false, output: { ok: true } });
      const next = await host.run(reporting('', `[1, 2].map((x) => x * 2) + JSON.stringify({ a: 1 }) + Object.keys({ k: 1 })`));
      expect(messageOf(next)).toBe('2,4{"a":1}k');
    } finally {
      host.dispose();
    }
  });

  it.each([
    ['a global', "(globalThis as any).leaked = 'yes';", 'typeof (globalThis as any).leaked', 'undefined'],
    ['Array.prototype.map', 'Array.prototype.map = function () { return []; };', '[1, 2].map((x) => x * 2)', '2,4'],
  ])('a run whose leftover microtasks change %s after it returned leaves the next run untouched', async (_name, patch, expr, untouched) => {
    const { host } = counting();
    try {
      // Still queued when the answer is sent: a promise chain longer than the runtime's own path to 'done'.
      const first = await host.run(job(`export async function queryData() { let p: Promise<unknown> = Promise.resolve(); for (let i = 0; i < 200; i++) p = p.then(() => undefined); p.then(() => { ${patch} }); return { responses: {} }; }`));
      expect(first).toMatchObject({ killed: false, output: { ok: true } });
      expect(messageOf(await host.run(reporting('', expr)))).toBe(untouched);
    } finally {
      host.dispose();
    }
  });

  // A task source the runtime does not track (here Node's setImmediate; in a browser,
  // e.g. a crypto.subtle promise or scheduler.postTask) can run after 'idle' was sent.
  it('a change made by work that ran after the sandbox said idle never reaches the next run', async () => {
    const { host } = counting();
    try {
      const late = `const later = (n: number): void => { if (n > 0) (globalThis as any).setImmediate(() => later(n - 1)); else (globalThis as any).late = 'yes'; }; later(50);`;
      expect((await host.run(job(`export async function queryData() { ${late} return { responses: {} }; }`))).output.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 200)); // the chain has ended by now
      expect(messageOf(await host.run(reporting('', 'typeof (globalThis as any).late')))).toBe('undefined');
    } finally {
      host.dispose();
    }
  });
});

describe('a Run\'s session: its sandboxes serve no other Run', () => {
  const counting = () => countingHost();
  // A performance mark lives in the realm's timeline, where no property leads: the tamper
  // check cannot see it, so only a new realm keeps it from the next Run.
  const marking = job(`export async function queryData() {
    performance.mark('seen');
    return { responses: { A: { frames: [], error: { category: 'internal', message: String(performance.getEntriesByName('seen').length) } } } };
  }`, { timeLimitMs: 3000 });
  const seen = (run: { output: unknown }) => (run.output as { value?: { responses?: { A?: { error?: { message?: string } } } } }).value?.responses?.A?.error?.message;

  it('state the tamper check cannot see survives direct reuse, but never reaches another session', async () => {
    const { host } = counting();
    try {
      // The gap sessions close: a shared sandbox keeps the mark from one run to the next.
      await host.run(marking);
      expect(seen(await host.run(marking))).toBe('2');
      const runA = host.session();
      expect(seen(await runA.run(marking))).toBe('1');
      runA.close();
      const runB = host.session();
      expect(seen(await runB.run(marking))).toBe('1');
      runB.close();
    } finally {
      host.dispose();
    }
  });

  it('reuses a clean sandbox within the session, and close() destroys every sandbox it used', async () => {
    const { host, spawned, destroyed } = counting();
    try {
      const run = host.session();
      for (let i = 0; i < 3; i++) expect((await run.run(job(OK))).output.ok).toBe(true);
      const before = destroyed();
      run.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(destroyed()).toBeGreaterThan(before);
      expect(spawned.length).toBeLessThanOrEqual(3); // one serving the session, the pool's spares
      expect((await run.run(job(OK))).output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    } finally {
      host.dispose();
    }
  });

  it('runs of one session that go at once (check lanes) each take a sandbox no one used, and no sandbox starts mid-Run', async () => {
    const { host, spawned } = countingHost({ isolation: 'run', poolSize: 2 });
    try {
      await host.warmUp();
      await new Promise((r) => setTimeout(r, 300)); // both pooled sandboxes started
      const startedBefore = spawned.length;
      const run = host.session();
      // Two at once: each sees a realm with no mark in it, so neither shares the other's.
      const lanes = await Promise.all([run.run(marking), run.run(marking)]);
      expect(lanes.map(seen)).toEqual(['1', '1']);
      // Later runs of the lanes reuse the Run's own sandboxes, however their runs interleave.
      const lane = async (runs: number) => {
        const marks: string[] = [];
        for (let i = 0; i < runs; i++) marks.push(seen(await run.run(marking))!);
        return marks;
      };
      const later = (await Promise.all([lane(4), lane(3)])).flat();
      expect(later).toHaveLength(7);
      expect(Math.max(...later.map(Number))).toBeLessThanOrEqual(1 + 7); // two realms served them all
      expect(spawned.length).toBe(startedBefore); // the pool refills when the Run is over, not during it
      run.close();
      expect(spawned.length).toBe(startedBefore); // not at once either: the page draws the Run's results first
      await expect.poll(() => spawned.length, { timeout: 5_000 }).toBe(startedBefore + 2);
    } finally {
      host.dispose();
    }
  });

  it('a Run begun just after another ends starts no sandbox until it is over', async () => {
    const { host, spawned } = countingHost({ isolation: 'run', poolSize: 2 });
    try {
      await host.warmUp();
      await new Promise((r) => setTimeout(r, 300)); // both pooled sandboxes started
      const first = host.session();
      await first.run(marking);
      first.close();
      const startedBefore = spawned.length;
      const second = host.session(); // pressed again before the first Run's refill was due
      for (let i = 0; i < 3; i++) {
        await second.run(marking);
        await new Promise((r) => setTimeout(r, 200)); // past the refill's delay, mid-Run
      }
      expect(spawned.length).toBe(startedBefore);
      second.close();
      await expect.poll(() => spawned.length, { timeout: 5_000 }).toBeGreaterThan(startedBefore);
    } finally {
      host.dispose();
    }
  });

  it('two sessions open at once never share a sandbox', async () => {
    const { host } = counting();
    try {
      const a = host.session();
      const b = host.session();
      await a.run(marking);
      expect(seen(await b.run(marking))).toBe('1');
      expect(seen(await a.run(marking))).toBe('2');
      a.close();
      b.close();
    } finally {
      host.dispose();
    }
  });
});

describe('an exercise\'s hidden script stays with the host', () => {
  it('code under test that watches every value it can (a setter on Object.prototype, a patched array iterator) sees no later step', async () => {
    // Captures every value assigned to an `args` key and every array element iterated,
    // then, when called, throws what it saw: the failure message a learner would read.
    const spy = `
      const seen: string[] = [];
      const note = (v: unknown) => { try { const j = JSON.stringify(v); if (j && /SECRET|public/.test(j)) seen.push(j.slice(0, 200)); } catch {} };
      Object.defineProperty(Object.prototype, 'args', { configurable: true, set(v) { note(v); Object.defineProperty(this, 'args', { value: v, writable: true, enumerable: true, configurable: true }); } });
      const proto: any = Object.getPrototypeOf([][Symbol.iterator]());
      const next = proto.next;
      proto.next = function (this: any) { const r = next.call(this); note(r.value); return r; };
      export function look(x: string) { throw new Error('seen: ' + JSON.stringify(seen)); }
    `;
    const ops = ['public-1', 'SECRET-2', 'SECRET-3'].map((arg) => ({ op: 'call', export: 'look', args: [arg] }));
    const run = await sandbox.run({ files: { 'index.ts': spy }, entry: 'index.ts', invocation: 'exercise', request: { ops }, upstream: job('').upstream, timeLimitMs: 5000 });
    expect(run.output.ok).toBe(true);
    const first = (run.output as { value?: { results?: { outcome?: { error?: { message?: string } } }[] } }).value?.results?.[0]?.outcome?.error?.message ?? '';
    expect(first).toMatch(/^seen: /);
    expect(first).not.toContain('SECRET');
    // The later steps did run, each when its turn came, and saw only what came before.
    const messages = (run.output as { value?: { results?: { outcome?: { error?: { message?: string } } }[] } }).value?.results?.map((r) => r.outcome?.error?.message ?? '');
    expect(messages).toHaveLength(3);
    expect(messages?.[1]).toContain('SECRET-2');
    expect(messages?.[1]).not.toContain('SECRET-3');
  });
});

describe('runs go at once, each in its own sandbox', () => {
  it('a second run starts while the first still waits for its upstream', async () => {
    const host = createNodeSandbox({ poolSize: 2, maxConcurrent: 2 });
    try {
      let secondArrived: () => void = () => {};
      const arrived = new Promise<void>((r) => (secondArrived = r));
      const answer = { status: 200, statusText: 'OK', headers: [] as [string, string][], body: '1' };
      const fetching = `export async function queryData() { await fetch('https://mock.test/x'); ${OK.slice(OK.indexOf('return'))}`;
      // The first run's upstream answers only once the second run's request came in: run one at a time, this would hang.
      const first = host.run(job(fetching, { timeLimitMs: 20_000, upstream: async () => (await arrived, answer) }));
      const second = host.run(job(fetching, { timeLimitMs: 20_000, upstream: async () => (secondArrived(), answer) }));
      const [a, b] = await Promise.all([first, second]);
      expect(a.output.ok).toBe(true);
      expect(b.output.ok).toBe(true);
    } finally {
      host.dispose();
    }
  });
});

describe('the private channel stays private', () => {
  it('a handler that redefines the getters the runtime reads sees neither the port nor the run id, and cannot post for the run', async () => {
    const handler = `export async function queryData() {
      const seen: string[] = [];
      const spy = (name: string) => function (this: any) {
        try { if (this && (this.runId !== undefined || this.target || this.ports)) seen.push(name + ': ' + JSON.stringify(Object.keys(this))); } catch {}
        return undefined;
      };
      const g: any = globalThis;
      if (g.MessageEvent) Object.defineProperty(g.MessageEvent.prototype, 'data', { get: spy('MessageEvent.data'), configurable: true });
      for (const key of ['response', 'error', 'data', 'runId', 'fetchId', 'type', 'files', 'request']) {
        Object.defineProperty(Object.prototype, key, { get: spy('Object.prototype.' + key), set() {}, configurable: true });
      }
      g.addEventListener?.('message', (e: any) => seen.push('self message: ' + JSON.stringify(e)));
      g.postMessage?.({ type: 'done', runId: 'run-1', output: { ok: true, value: { responses: {} } } });
      const body = await (await fetch('https://mock.test/ping')).text();
      for (const key of ['response', 'error', 'data', 'runId', 'fetchId', 'type', 'files', 'request']) delete (Object.prototype as any)[key];
      return { responses: { A: { frames: [], error: { category: 'internal', message: body + ' | ' + (seen.join('; ') || 'nothing seen') } } } };
    }`;
    const bridge = createUpstreamBridge([http.get('https://mock.test/ping', () => HttpResponse.text('pong'))], ['https://mock.test']);
    const run = await sandbox.run(job(handler, { upstream: bridge.resolve, timeLimitMs: 5000 }));
    expect(run.output).toMatchObject({ ok: true, value: { responses: { A: { error: { message: 'pong | nothing seen' } } } } });
    expect(bridge.calls).toHaveLength(1);
  });
});

describe('answers whose getters misbehave', () => {
  const withMeta = (meta: string) =>
    job(`export async function queryData() { return { responses: { A: { frames: [{ name: 'f', meta: ${meta}, fields: [{ name: 'v', values: [1, 2] }] }] } } }; }`, { timeLimitMs: 5000 });

  it('reports a getter that throws as what it is, not as a time limit', async () => {
    const run = await sandbox.run(withMeta(`{ get custom() { throw new Error('gotcha'); } }`));
    expect(run.killed).toBe(false);
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'runtime', message: expect.stringMatching(/^Reading responses\.A\.frames\[0\]\.schema\.meta\.custom of the handler's answer threw: Error: gotcha/) } });
  });

  it('sends what it measured when a getter grows after its first read', async () => {
    const run = await sandbox.run(withMeta(`(() => { let n = 0; return { get custom() { return ++n < 3 ? 'small' : 'x'.repeat(64 * 1024 * 1024); } }; })()`));
    expect(run.output.ok).toBe(true);
    expect(JSON.stringify(run.output).length).toBeLessThan(10_000);
  });

  it('refuses a Map in meta, naming where it is', async () => {
    const run = await sandbox.run(withMeta(`{ custom: new Map([['k', 'v']]) }`));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'output', message: expect.stringContaining('schema.meta.custom is a Map') } });
  });
});

describe('forged messages to the host', () => {
  /** Sandboxes whose "worker" is the test: it sees what the host posts and forges replies. */
  function fakeSandbox() {
    const posted: HostMessage[] = [];
    let deliver: (data: unknown) => void = () => {};
    let onRun: ((m: Extract<HostMessage, { type: 'run' }>) => void) | undefined;
    const host = new SandboxHost(() => {
      let listener: (data: unknown) => void = () => {};
      const endpoint: SandboxEndpoint = {
        post: (m) => {
          posted.push(m);
          if (m.type === 'run') {
            deliver = listener; // forged replies go to the sandbox that got the run
            queueMicrotask(() => onRun?.(m));
          }
        },
        onMessage: (l) => (listener = l),
        destroy: () => {},
      };
      queueMicrotask(() => listener({ type: 'ready' }));
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
      fake.send({ type: 'fetch', runId: m.runId, fetchId: 1, atMs: 0, request: { method: 'GET', url: 'https://x.test/'.repeat(1000), headers: [] } });
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

  it('answers at most 100 upstream requests a run, however many the run forges', async () => {
    const fake = fakeSandbox();
    let answered = 0;
    fake.setOnRun((m) => {
      for (let i = 0; i < 1000; i++) fake.send({ type: 'fetch', runId: m.runId, fetchId: i, atMs: 0, request: { method: 'GET', url: 'https://mock.test/x', headers: [] } });
      setTimeout(() => fake.send({ type: 'done', runId: m.runId, output: answer('done') }), 50);
    });
    const run = await fake.host.run(job('', { upstream: async () => (answered++, { status: 200, statusText: 'OK', headers: [], body: '' }) }));
    expect(run.output.ok).toBe(true);
    expect(answered).toBe(100);
    const refused = fake.posted.filter((m) => m.type === 'fetch-result' && m.error?.includes('at most 100'));
    expect(refused).toHaveLength(900);
    fake.host.dispose();
  });

  it('keeps at most 500 log lines a run, however many the run forges, and says so once', async () => {
    const fake = fakeSandbox();
    fake.setOnRun((m) => {
      for (let i = 0; i < 1500; i++) fake.send({ type: 'log', runId: m.runId, entry: { level: 'info', message: `forged ${i}`, source: 'logger', atMs: 0 } });
      fake.send({ type: 'done', runId: m.runId, output: answer('done') });
    });
    const run = await fake.host.run(job(''));
    expect(run.logs).toHaveLength(501);
    expect(run.logs.at(-1)?.message).toMatch(/^Log limit reached/);
    fake.host.dispose();
  });

  it('stops a run that floods the page with messages, and reads no more of them', async () => {
    const fake = fakeSandbox();
    let sent = 0;
    fake.setOnRun((m) => {
      for (let i = 0; i < 300_000; i++, sent++) fake.send({ type: 'log', runId: i % 2 ? m.runId : 'wrong', entry: { level: 'info', message: 'x', source: 'logger', atMs: 0 } });
      fake.send({ type: 'done', runId: m.runId, output: answer('done') });
    });
    const run = await fake.host.run(job(''));
    expect(sent).toBe(300_000);
    expect(run).toMatchObject({ killed: true, output: { ok: false, error: { kind: 'output', message: expect.stringContaining('more than 2,000 messages') } } });
    fake.host.dispose();
  });

  it('drops messages that carry another run id, even from the sandbox that got the run', async () => {
    const fake = fakeSandbox();
    let answered = 0;
    fake.setOnRun((m) => {
      fake.send({ type: 'fetch', runId: `${m.runId}-other`, fetchId: 1, atMs: 0, request: { method: 'GET', url: 'https://mock.test/x', headers: [] } });
      fake.send({ type: 'log', runId: 'run-1', entry: { level: 'info', message: 'forged', source: 'logger', atMs: 0 } });
      fake.send({ type: 'done', runId: m.runId, output: answer('real') });
    });
    const run = await fake.host.run(job('', { upstream: async () => (answered++, { status: 200, statusText: 'OK', headers: [], body: '' }) }));
    expect(run.output).toEqual(answer('real'));
    expect(run.logs).toEqual([]);
    expect(answered).toBe(0);
    fake.host.dispose();
  });
});

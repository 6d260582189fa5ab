import { afterEach, describe, expect, it } from 'vitest';
import { spawnNodeSandbox } from '../node/node-sandbox';
import type { HostMessage } from '../protocol';
import { SandboxHost, type RunJob, type SandboxEndpoint } from './host';

/** Node sandboxes whose host→worker messages and 'ready's are recorded, by sandbox. */
function recordingSpawn() {
  const sandboxes: { posted: HostMessage[]; ready: boolean }[] = [];
  const spawn = (): SandboxEndpoint => {
    const inner = spawnNodeSandbox();
    const record = { posted: [] as HostMessage[], ready: false };
    sandboxes.push(record);
    return {
      post: (message) => (record.posted.push(message), inner.post(message)),
      onMessage: (listener) =>
        inner.onMessage((data) => {
          if ((data as { type?: unknown }).type === 'ready') record.ready = true;
          listener(data);
        }),
      destroy: () => inner.destroy(),
    };
  };
  return { spawn, sandboxes };
}

const HANDLER = (n: number) => `export async function queryData() {\n  return { responses: { A: { frames: [], error: { category: 'internal', message: 'run ${n}' } } } };\n}`;
const job = (files: Record<string, string>): RunJob => ({ files, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: () => Promise.reject(new Error('no upstream')), timeLimitMs: 5_000 });
const primes = (posted: HostMessage[]) => posted.filter((m) => m.type === 'prime');

let host: SandboxHost | null = null;
afterEach(() => host?.dispose());

describe('SandboxHost primes its pool with the last run\'s files', () => {
  it('sends each unused, ready sandbox the files of the last Run once, never a sandbox that served', async () => {
    const { spawn, sandboxes } = recordingSpawn();
    host = new SandboxHost(spawn, { isolation: 'run', poolSize: 2 });
    await host.warmUp();
    await expect.poll(() => sandboxes.every((s) => s.ready), { timeout: 30_000 }).toBe(true);
    expect(sandboxes.flatMap((s) => primes(s.posted))).toEqual([]); // nothing has run yet: nothing to send

    const files = { 'handler.ts': HANDLER(1), 'README.md': '# notes' };
    const session = host.session();
    expect((await session.run(job(files))).output.ok).toBe(true);
    session.close();

    await expect.poll(() => sandboxes.filter((s) => s.ready).length, { timeout: 30_000 }).toBe(3); // the pool refilled
    const [served, ...unused] = sandboxes;
    await expect.poll(() => unused.map((s) => primes(s.posted).length), { timeout: 30_000 }).toEqual([1, 1]);
    for (const s of unused) expect(primes(s.posted)[0]).toEqual({ type: 'prime', files });
    expect(primes(served.posted)).toEqual([]);

    // The next Run runs in a primed sandbox, as it would have unprimed: same files, same answer;
    // a file that changed since is transpiled at run time, and a syntax error keeps its line.
    const next = host.session();
    expect((await next.run(job(files))).output).toMatchObject({ ok: true, value: { responses: { A: { error: { message: 'run 1' } } } } });
    expect((await next.run(job({ 'handler.ts': HANDLER(2) }))).output).toMatchObject({ ok: true, value: { responses: { A: { error: { message: 'run 2' } } } } });
    expect((await next.run(job({ 'handler.ts': 'export async function queryData() {\n  return ;;;)\n}' }))).output).toMatchObject({ ok: false, error: { kind: 'syntax', line: 2 } });
    next.close();
  });
});

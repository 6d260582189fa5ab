import { afterAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createNodeSandbox, spawnNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import type { HostMessage } from '../protocol';
import { SandboxHost, type RunJob } from './host';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const handlers = [http.get('https://mock.test/ping', () => HttpResponse.json({ pong: true }))];

function job(handler: string, extra: Partial<RunJob> = {}): RunJob {
  const bridge = createUpstreamBridge(handlers, ['https://mock.test']);
  return { files: { 'handler.ts': handler }, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, upstream: bridge.resolve, timeLimitMs: 500, ...extra };
}

const OK_HANDLER = `
import { createDataFrame, FieldType } from '@grafana/data';
export async function queryData() {
  const frame = createDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1, 2] }, { name: 'v', type: FieldType.number, values: [3, 4] }] });
  return { responses: { A: { frames: [frame] } } };
}`;

describe('SandboxHost in a worker thread', () => {
  it('runs a handler and returns its frames in wire format', async () => {
    const run = await sandbox.run(job(OK_HANDLER));
    expect(run.output).toEqual({
      ok: true,
      value: { responses: { A: { frames: [expect.objectContaining({ data: { values: [[1, 2], [3, 4]] } })] } } },
    });
  });

  it('stops a busy loop, reports a timeout, and runs the next job in a fresh sandbox', async () => {
    const stuck = await sandbox.run(job('export async function queryData() { while (true) {} }', { timeLimitMs: 200 }));
    expect(stuck.killed).toBe(true);
    expect(stuck.output).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    const next = await sandbox.run(job(OK_HANDLER));
    expect(next.output.ok).toBe(true);
  });

  it('reports a syntax error with the file and line', async () => {
    const run = await sandbox.run(job('export async function queryData() {\n  const x = ;\n}'));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'syntax', file: 'handler.ts', line: 2 } });
  });

  it('reports a thrown error at the learner line', async () => {
    const run = await sandbox.run(job('export async function queryData() {\n\n  throw new Error("boom");\n}'));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'runtime', file: 'handler.ts', line: 3, message: expect.stringContaining('boom') } });
  });

  it('refuses imports outside the allow-list, naming the import', async () => {
    const run = await sandbox.run(job("import fs from 'node:fs';\nexport async function queryData() { fs.readFileSync('x'); return { responses: {} }; }"));
    expect(run.output).toMatchObject({ ok: false, error: { kind: 'import', message: expect.stringContaining("'node:fs'") } });
  });

  it('answers fetch from the mocks and blocks every other address', async () => {
    const handler = `export async function queryData() {
      const ok = await (await fetch('https://mock.test/ping')).json();
      let blocked = '';
      try { await fetch('http://127.0.0.1:9/'); } catch (e) { blocked = String(e.message); }
      console.log('pong', ok.pong);
      return { responses: { A: { frames: [], error: { category: 'internal', message: blocked } } } };
    }`;
    const bridge = createUpstreamBridge(handlers, ['https://mock.test']);
    const run = await sandbox.run(job(handler, { upstream: bridge.resolve }));
    expect(run.output).toMatchObject({ ok: true, value: { responses: { A: { error: { message: expect.stringContaining('Blocked: GET http://127.0.0.1:9/') } } } } });
    expect(bridge.calls.map((c) => [c.url, c.status ?? c.error?.slice(0, 7)])).toEqual([
      ['https://mock.test/ping', 200],
      ['http://127.0.0.1:9/', 'Blocked'],
    ]);
    expect(run.logs).toMatchObject([{ level: 'info', source: 'console', message: 'pong true' }]);
  });

  it('aborts ctx.signal at the soft limit so a handler can report a timeout itself', async () => {
    const handler = `export async function queryData(req, ctx) {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return { responses: { A: { frames: [], error: { category: 'timeout', message: 'gave up' } } } };
    }`;
    const run = await sandbox.run(job(handler, { timeLimitMs: 100 }));
    expect(run.killed).toBe(false);
    expect(run.output).toMatchObject({ ok: true, value: { responses: { A: { error: { category: 'timeout' } } } } });
  });
});

describe('files cross once per sandbox while they stay the same', () => {
  /** A host of Node sandboxes, sharing sandboxes between runs, that records what it posts. */
  function recordingHost() {
    const runs: { endpoint: number; files: boolean; sameFiles: boolean }[] = [];
    let spawned = 0;
    const host = new SandboxHost(() => {
      const endpoint = spawnNodeSandbox();
      const id = spawned++;
      return {
        ...endpoint,
        post: (message: HostMessage) => {
          if (message.type === 'run') runs.push({ endpoint: id, files: message.files !== undefined, sameFiles: message.sameFiles === true });
          endpoint.post(message);
        },
      };
    }, { isolation: 'shared' });
    return { host, runs };
  }
  const says = (word: string) => `export async function queryData() { return { responses: { A: { frames: [], error: { category: 'internal', message: '${word}' } } } }; }`;
  const saidBy = (run: { output: unknown }) => (run.output as { value?: { responses?: { A?: { error?: { message?: string } } } } }).value?.responses?.A?.error?.message;

  it('runs each run\'s own files: sent with the first run, then only when they change', async () => {
    const { host, runs } = recordingHost();
    try {
      const session = host.session();
      const words = ['one', 'one', 'two', 'two', 'one'];
      // Equal files in new objects each time, as a check's runs may make them.
      for (const word of words) expect(saidBy(await session.run(job(says(word))))).toBe(word);
      session.close();
      expect(new Set(runs.map((r) => r.endpoint)).size).toBe(1); // one sandbox served them all
      expect(runs.map((r) => (r.files ? 'files' : r.sameFiles ? 'same' : 'none'))).toEqual(['files', 'same', 'files', 'same', 'files']);
    } finally {
      host.dispose();
    }
  });

  it('a fresh sandbox is sent the files, even when the last sandbox had them', async () => {
    const { host, runs } = recordingHost();
    try {
      const first = host.session();
      expect(saidBy(await first.run(job(says('a'))))).toBe('a');
      first.close();
      const second = host.session(); // a session never shares a sandbox with another
      expect(saidBy(await second.run(job(says('a'))))).toBe('a');
      second.close();
      expect(runs).toHaveLength(2);
      expect(runs[1]!.endpoint).not.toBe(runs[0]!.endpoint);
      expect(runs.every((r) => r.files && !r.sameFiles)).toBe(true);
    } finally {
      host.dispose();
    }
  });

  it('a worker asked to run files it was never sent says so instead of running anything', async () => {
    const endpoint = spawnNodeSandbox();
    try {
      const messages: { type?: string }[] = [];
      let wake = () => {};
      endpoint.onMessage((m) => (messages.push(m as { type?: string }), wake()));
      const next = async (type: string) => {
        while (!messages.some((m) => m.type === type)) await new Promise<void>((resolve) => (wake = resolve));
        return messages.find((m) => m.type === type);
      };
      await next('ready');
      endpoint.post({ type: 'run', runId: 'r1', sameFiles: true, entry: 'handler.ts', invocation: 'queryData', request: { queries: [] }, softLimitMs: 500, epochMs: 0 });
      expect(await next('done')).toMatchObject({ runId: 'r1', output: { ok: false, error: { kind: 'sandbox', message: expect.stringContaining('never sent') } } });
    } finally {
      endpoint.destroy();
    }
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createNodeSandbox } from '../node/node-sandbox';
import { createUpstreamBridge } from '../upstream-bridge';
import type { RunJob } from './host';

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

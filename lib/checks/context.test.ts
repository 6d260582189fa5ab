import { afterAll, describe, expect, it } from 'vitest';
import { labMetaSchema } from '../labs/schema';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import { createCheckContext } from './context';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const meta = labMetaSchema.parse({
  title: 'Context test',
  summary: 'A handler that calls the metrics upstream.',
  estimatedMinutes: 1,
  files: [{ path: 'handler.ts', language: 'typescript' }],
  entry: 'handler.ts',
  upstreams: ['metrics'],
  run: { timeLimitMs: 5000, queries: [{ refId: 'A', json: {} }] },
});

const URL = "'https://prometheus.lab.test/api/v1/query_range?query=up&start=0&end=60&step=15'";
const answer = "return { responses: { A: { frames: [] } } };";
/** Passes Grafana's signal to the call: a cancel reaches the upstream. */
const HONOURS = `export async function queryData(req, ctx) { await fetch(${URL}, { signal: ctx.signal }).catch(() => undefined); ${answer} }`;
/** Stops waiting when cancelled, but leaves the call open. */
const WALKS_AWAY = `export async function queryData(req, ctx) {
  const cancelled = new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
  await Promise.race([fetch(${URL}).catch(() => undefined), cancelled]);
  ${answer}
}`;
/** Ignores Grafana's signal and waits on its own 3 s timer: the sandbox has to stop it. */
const IGNORES = `export async function queryData() { await fetch(${URL}, { signal: AbortSignal.timeout(3000) }).catch(() => undefined); ${answer} }`;

const hang = { fault: 'hang' } as const;

describe('createCheckContext: cancelling a run early', () => {
  it('cancels once the upstream has the request; the call records that the handler aborted it, on the cancel’s clock', async () => {
    const ctx = createCheckContext(sandbox, meta, { 'handler.ts': HONOURS });
    const record = await ctx.query({ scenario: hang, cancel: { afterUpstreamRequests: 1 } });
    expect(record.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(record.killed).toBe(false);
    expect(record.upstream).toHaveLength(1);
    const [call] = record.upstream;
    expect(call.abortedBy).toBe('handler');
    expect(record.cancelledAtMs).toBeGreaterThanOrEqual(call.startedAtMs);
    expect(call.startedAtMs + call.durationMs).toBeGreaterThanOrEqual(record.cancelledAtMs!);
  });

  it('a handler that stops waiting but never aborts the call: the host closes it at the end, and the record says so', async () => {
    const ctx = createCheckContext(sandbox, meta, { 'handler.ts': WALKS_AWAY });
    const record = await ctx.query({ scenario: hang, cancel: { afterUpstreamRequests: 1 } });
    expect(record.killed).toBe(false);
    expect(record.upstream[0].abortedBy).toBe('run-end');
  });

  it('a handler that ignores the signal is stopped, and its call is closed by the host', async () => {
    const ctx = createCheckContext(sandbox, meta, { 'handler.ts': IGNORES });
    const record = await ctx.query({ scenario: hang, cancel: { afterUpstreamRequests: 1 } });
    expect(record.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(record.killed).toBe(true);
    expect(record.upstream[0].abortedBy).toBe('run-end');
  });

  it('without `cancel`, or with more requests than the handler sends, nothing is cancelled', async () => {
    const ctx = createCheckContext(sandbox, meta, { 'handler.ts': HONOURS });
    for (const options of [{}, { cancel: { afterUpstreamRequests: 2 } }]) {
      const record = await ctx.query(options);
      expect(record.cancelledAtMs).toBeUndefined();
      expect(record.output.ok).toBe(true);
    }
  });

  it('a run the caller cancels is still cancelled when a check asked for an early cancel too', async () => {
    const outer = new AbortController();
    outer.abort();
    const ctx = createCheckContext(sandbox, meta, { 'handler.ts': HONOURS }, outer.signal);
    const record = await ctx.query({ cancel: { afterUpstreamRequests: 1 } });
    expect(record.output).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(record.upstream).toEqual([]);
  });
});

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

describe('createCheckContext: a seeded Run', () => {
  /** Answers with the request it got, so the test sees exactly what crossed into the sandbox. */
  const ECHO = `export async function queryData(req) {
    const response = await fetch('https://prometheus.lab.test/api/v1/query_range?query=queue_depth&start=' + req.queries[0].timeRange.from / 1000 + '&end=' + req.queries[0].timeRange.to / 1000 + '&step=60', { headers: { Authorization: 'Bearer lab-metrics-key-7f3a9c21' } });
    const body = await response.json();
    return { responses: { A: { frames: [], error: { category: 'internal', message: JSON.stringify({ keys: Object.keys(req), queue: body.data.result[0].metric.queue }) } } } };
  }`;

  it('sends the Run’s clock and range, records the seed, and never sends the seed into the sandbox', async () => {
    const jobs: unknown[] = [];
    const spy = { run: (job: Parameters<typeof sandbox.run>[0]) => (jobs.push(job), sandbox.run(job)) } as typeof sandbox;
    const ctx = createCheckContext(spy, meta, { 'handler.ts': ECHO }, undefined, { seed: 4242 });
    const record = await ctx.query();
    expect(ctx.seed).toBe(4242);
    expect(record.seed).toBe(4242);
    expect(record.request.queries[0].timeRange).toEqual(ctx.timeRange);
    expect(ctx.timeRange!.to).toBe(ctx.now);
    // What the sandbox got: the job's own fields, with nothing carrying the seed.
    expect(Object.keys(jobs[0] as object).sort()).toEqual(['entry', 'epochMs', 'files', 'invocation', 'request', 'signal', 'timeLimitMs', 'upstream']);
    expect(JSON.stringify((jobs[0] as { request: unknown }).request)).not.toMatch(/seed|4242/);
    const seen = JSON.parse(record.output.ok ? record.output.value.responses.A.error!.message : '{}');
    expect(seen.keys.sort()).toEqual(['headers', 'pluginContext', 'queries']);
    expect(seen.queue).not.toBe('orders'); // the seeded world's queue, not the page's
  });

  it('draws a fresh seed, and so a fresh clock, for every Run when none is given', () => {
    const seeds = new Set(Array.from({ length: 5 }, () => createCheckContext(sandbox, meta, { 'handler.ts': HONOURS }).seed));
    expect(seeds.size).toBe(5);
  });

  it('refuses a seed that is not an unsigned 32-bit integer', () => {
    expect(() => createCheckContext(sandbox, meta, {}, undefined, { seed: -1 })).toThrow();
    expect(() => createCheckContext(sandbox, meta, {}, undefined, { seed: 1.5 })).toThrow();
  });
});

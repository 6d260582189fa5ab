/**
 * An operate run end to end in the Node sandbox: many requests served by one load of the
 * module on the virtual clock, upstream calls recorded by the host, answers summarised
 * by the sandbox, limits that hold.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../../runtime/node/node-sandbox';
import { seededNow } from '../../upstreams/seed';
import { loadProfile } from './load-profile';
import type { OperatePlan } from './plan';
import { samplesOf } from './exposition';
import { runOperate } from './run';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

/** A plain handler: one upstream call per query, no cache, no retries; counts module loads. */
const PLAIN = `
import { queryError, type QueryDataRequest, type HandlerContext } from '@lab/sdk';
let loads = 0;
loads++;
export async function queryData(req: QueryDataRequest, ctx: HandlerContext) {
  const settings = req.pluginContext.dataSourceInstanceSettings;
  const base = String(settings.jsonData.baseUrl);
  const responses: Record<string, unknown> = {};
  await Promise.all(req.queries.map(async (q) => {
    const model = JSON.parse(q.json);
    const params = new URLSearchParams({ query: model.aggregation + '(' + model.metric + ')', start: String(q.timeRange.from / 1000), end: String(q.timeRange.to / 1000), step: '60' });
    try {
      const r = await fetch(base + '/api/v1/query_range?' + params, { headers: { Authorization: 'Bearer ' + settings.decryptedSecureJsonData.apiKey }, signal: ctx.signal });
      if (!r.ok) { responses[q.refId] = queryError(r.status === 429 ? 'rate_limit' : r.status === 401 ? 'auth' : 'upstream', 'HTTP ' + r.status); return; }
      const body = await r.json();
      responses[q.refId] = { frames: body.data.result.map((s: any) => ({ fields: [
        { name: 'time', type: 'time', values: s.values.map((v: any) => v[0] * 1000) },
        { name: 'value', type: 'number', labels: (({ __name__, ...rest }) => rest)(s.metric), values: s.values.map((v: any) => Number(v[1])) },
      ] })) };
    } catch (err) {
      responses[q.refId] = queryError('timeout', String(err));
    }
  }));
  ctx.logger.info('served', { loads, deadline: ctx.deadline ?? null });
  return { responses };
}
`;

const SEED = 424242;
const epochMs = seededNow(SEED);
const cpu = { queryType: 'range', json: { metric: 'cpu_usage_percent', aggregation: 'avg' } };

function plan(partial: Partial<OperatePlan>): OperatePlan {
  return { requests: [], incidents: [], scrapeIntervalMs: 0, ...partial };
}

describe('runOperate', () => {
  it('serves every request of the schedule at its virtual instant with one module load', async () => {
    const requests = [0, 1_000, 1_000, 30_000].map((atMs) => ({ atMs, instanceUid: 'metrics-main', dashboard: 'd', queries: [cpu], range: { lastMs: 3_600_000 } }));
    const record = await runOperate(sandbox, { files: { 'handler.ts': PLAIN }, entry: 'handler.ts', plan: plan({ requests }), seed: SEED, epochMs });
    expect(record.error).toBeUndefined();
    expect(Object.keys(record.outcomes)).toHaveLength(4);
    expect(record.upstream.map((c) => c.startedAtMs)).toEqual([0, 1_000, 1_000, 30_000]);
    for (const entry of record.schedule) {
      const outcome = record.outcomes[entry.id];
      expect(outcome.status).toBe('answered');
      expect(outcome.endedAtMs).toBe(entry.atMs);
      expect(outcome.responses?.A.series).toBeGreaterThan(0);
    }
    // One load of the module for the whole schedule; ctx.deadline is the request's timeout on the run's clock.
    expect(record.logs.map((l) => l.fields.loads)).toEqual([1, 1, 1, 1]);
    expect(record.logs[0].fields.deadline).toBe(epochMs + 10_000);
    // The answer's data is the data the upstream served for that call.
    expect(record.outcomes[1].responses?.A.digest).toBe(record.served[1]);
  });

  it('answers each call in the scenario its incident gives at that virtual instant', async () => {
    const requests = [0, 10_000, 20_000].map((atMs) => ({ atMs, instanceUid: 'metrics-main', dashboard: 'd', queries: [cpu], range: { lastMs: 3_600_000 } }));
    const incidents = [{ kind: 'server_error' as const, fromMs: 5_000, toMs: 15_000 }];
    const record = await runOperate(sandbox, { files: { 'handler.ts': PLAIN }, entry: 'handler.ts', plan: plan({ requests, incidents }), seed: SEED, epochMs });
    expect(record.upstream.map((c) => c.status)).toEqual([200, 503, 200]);
    expect(record.outcomes[2].responses?.A.error?.category).toBe('upstream');
  });

  it('a hang ends at the request timeout; a handler that ignores it is recorded as giving no answer', async () => {
    const ignoring = `export async function queryData() { await new Promise(() => {}); return { responses: {} }; }`;
    const requests = [{ atMs: 0, instanceUid: 'metrics-ap', dashboard: 'd', queries: [cpu], range: { lastMs: 60_000 }, timeoutMs: 4_000 }];
    const record = await runOperate(sandbox, { files: { 'handler.ts': ignoring }, entry: 'handler.ts', plan: plan({ requests }), seed: SEED, epochMs });
    expect(record.outcomes[1]).toMatchObject({ status: 'no-answer', endedAtMs: 5_000 });

    const hung = await runOperate(sandbox, { files: { 'handler.ts': PLAIN }, entry: 'handler.ts', plan: plan({ requests, incidents: [{ kind: 'hang', fromMs: 0, toMs: 60_000 }] }), seed: SEED, epochMs });
    expect(hung.outcomes[1]).toMatchObject({ status: 'answered', endedAtMs: 4_000 });
    expect(hung.upstream[0]).toMatchObject({ abortedBy: 'handler', durationMs: 4_000 });
  });

  it('a syntax error is the run error, before any request', async () => {
    const record = await runOperate(sandbox, { files: { 'handler.ts': 'export const = ;' }, entry: 'handler.ts', plan: plan({ requests: [{ atMs: 0, instanceUid: 'metrics-main', dashboard: 'd', queries: [cpu], range: { lastMs: 60_000 } }] }), seed: SEED, epochMs });
    expect(record.error?.kind).toBe('syntax');
    expect(record.upstream).toEqual([]);
  });

  it('Math.random is seeded for the run: the same job draws the same numbers', async () => {
    const drawing = `export async function queryData(req: any, ctx: any) { ctx.logger.info(String(Math.random())); return { responses: {} }; }`;
    const requests = [{ atMs: 0, instanceUid: 'metrics-main', dashboard: 'd', queries: [cpu], range: { lastMs: 60_000 } }];
    const run = () => runOperate(sandbox, { files: { 'handler.ts': drawing }, entry: 'handler.ts', plan: plan({ requests }), seed: SEED, epochMs });
    const [a, b] = [await run(), await run()];
    expect(a.logs[0].message).toBe(b.logs[0].message);
  });

  it('serves the whole load profile within the scaled limits', async () => {
    const profile = loadProfile({ seed: SEED, epochMs });
    expect(profile.requests.length).toBeGreaterThan(200);
    const record = await runOperate(sandbox, { files: { 'handler.ts': PLAIN }, entry: 'handler.ts', plan: profile, seed: SEED, epochMs });
    expect(record.error).toBeUndefined();
    expect(Object.keys(record.outcomes)).toHaveLength(profile.requests.length);
    const statuses = new Set(record.upstream.map((c) => c.status ?? c.abortedBy));
    for (const status of [200, 503, 429, 401, 'handler']) expect(statuses).toContain(status);
  }, 60_000);

  const everySecond = (n: number, instanceUid = 'metrics-main') => Array.from({ length: n }, (_, i) => ({ atMs: i * 1_000, instanceUid, dashboard: 'd', queries: [cpu], range: { lastMs: 60_000 } }));
  const run = (source: string, partial: Partial<OperatePlan>) => runOperate(sandbox, { files: { 'handler.ts': source }, entry: 'handler.ts', plan: plan(partial), seed: SEED, epochMs });

  it("scrapes the entry's registry at the interval and once at the end, and the host parses it", async () => {
    const counting = `
      import { CounterVec, Registry } from '@lab/sdk';
      export const registry = new Registry();
      const served = new CounterVec({ name: 'lab_requests_total', help: 'Requests served.' }, ['dashboard']);
      registry.mustRegister(served);
      export async function queryData(req: any) { served.withLabelValues(req.headers['X-Dashboard-Uid']).inc(); return { responses: {} }; }`;
    const record = await run(counting, { requests: everySecond(40), scrapeIntervalMs: 15_000 });
    expect(record.scrapes.map((s) => s.atMs)).toEqual([15_000, 30_000, 39_000]);
    expect(record.scrapes.map((s) => samplesOf(s.families ?? [], 'lab_requests_total', { dashboard: 'd' })[0]?.value)).toEqual([15, 30, 40]);
    expect(record.lastScrapeText).toContain('# TYPE lab_requests_total counter');
  });

  it('bad input stays safe: a label per request, a registry that writes nonsense, a 10 MB log line, a fetch flood', async () => {
    const bomb = `
      import { CounterVec, Registry } from '@lab/sdk';
      export const registry = new Registry();
      const c = new CounterVec({ name: 'by_request_total', help: 'h' }, ['request']);
      registry.mustRegister(c);
      let n = 0;
      export async function queryData() { for (let i = 0; i < 2500; i++) c.withLabelValues(String(n++)).inc(); return { responses: {} }; }`;
    const bombed = await run(bomb, { requests: everySecond(3), scrapeIntervalMs: 15_000 });
    expect(bombed.scrapes.at(-1)?.error).toMatch(/more than 5,000 series in one scrape; by_request_total alone has 5,001: its label request has 5,001 different values/);

    const nonsense = `export const registry = { metrics: () => 'up{le="x"} one\\n' };\nexport async function queryData() { return { responses: {} }; }`;
    const read = await run(nonsense, { requests: everySecond(1) });
    expect(read.scrapes[0].error).toMatch(/could not be read: line 1: the value of up is "one", not a number/);

    const shouting = `export async function queryData(req: any, ctx: any) { ctx.logger.info('x'.repeat(10_000_000)); return { responses: {} }; }`;
    const logged = await run(shouting, { requests: everySecond(1) });
    expect(logged.logs[0].message).toMatch(/\[cut: this line had 10,000,000 characters; a log line keeps 10,000\]$/);
    expect(logged.logs[0].message.length).toBeLessThanOrEqual(10_000);

    const flooding = `export async function queryData(req: any, ctx: any) {
      const base = req.pluginContext.dataSourceInstanceSettings.jsonData.baseUrl;
      await Promise.allSettled(Array.from({ length: 6000 }, () => fetch(base + '/-/healthy', { signal: ctx.signal })));
      return { responses: {} };
    }`;
    const flooded = await run(flooding, { requests: everySecond(1) });
    expect(flooded.upstream.length).toBe(5_000);
    expect(flooded.outcomes[1].status).toBe('answered');
  }, 60_000);

  it('handlers that never settle and an interval left running still end the run when the schedule is over', async () => {
    const stuck = `export async function queryData(req: any, ctx: any) { await new Promise(() => {}); return { responses: {} }; }
      setInterval(() => {}, 1_000);`;
    const record = await run(stuck, { requests: everySecond(2) });
    expect(record.error).toBeUndefined();
    expect(Object.values(record.outcomes).map((o) => o.status)).toEqual(['no-answer', 'no-answer']);
  });
});

import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { labMetaSchema, labRunSchema } from '../labs/schema';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import { scenarioSchema } from '../upstreams/scenario';
import { seededNow } from '../upstreams/seed';
import { buildHealthRequest } from './request';
import { runHandlerInvocation, runOnce, UPSTREAM_BODY_PREVIEW_CHARS } from './run';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const ORIGIN = 'https://upstream.lab.test';
const EPOCH = Date.UTC(2026, 0, 15, 12, 0, 0);
const run = labRunSchema.parse({ queries: [{ refId: 'A', json: {} }] });

// Calls a long answer, an origin that gives no response, and an origin nobody mocks; reports its clock.
const HEALTH = `
export async function checkHealth() {
  const seen = [];
  for (const url of ['${ORIGIN}/long', '${ORIGIN}/down', 'https://elsewhere.test/x']) {
    try { seen.push((await (await fetch(url)).text()).length); } catch (err) { seen.push(String(err.message)); }
  }
  return { status: 'OK', message: JSON.stringify({ now: Date.now(), seen }) };
}`;

const upstreams = {
  origins: [ORIGIN],
  handlers: [
    http.get(`${ORIGIN}/long`, () => HttpResponse.text('x'.repeat(UPSTREAM_BODY_PREVIEW_CHARS + 5))),
    http.get(`${ORIGIN}/down`, () => {
      throw new Error('connection refused');
    }),
  ],
};

describe('runHandlerInvocation: one handler run against given upstreams', () => {
  it('records each call, the start of each delivered body, and runs on the given clock', async () => {
    const record = await runHandlerInvocation(sandbox, { files: { 'health.ts': HEALTH }, entry: 'health.ts', invocation: 'checkHealth', request: buildHealthRequest(run), timeLimitMs: 1500, epochMs: EPOCH, upstreams });
    expect(record.invocation).toBe('checkHealth');
    expect(record.output.ok).toBe(true);
    const said = JSON.parse(record.output.ok ? record.output.value.message : '{}');
    expect(said.now).toBe(EPOCH);
    expect(said.seen[0]).toBe(UPSTREAM_BODY_PREVIEW_CHARS + 5);
    expect(said.seen[1]).toContain('connection refused');

    const [long, down, blocked] = record.upstream;
    expect(long).toMatchObject({ seq: 1, status: 200 });
    // A throwing mock is a network error: no status, its message as the call's error.
    expect(down).toMatchObject({ seq: 2, error: 'connection refused', responseBytes: 0, responseHeaders: [] });
    expect(down.status).toBeUndefined();
    expect(blocked.error).toContain(`Blocked: GET https://elsewhere.test/x`);
    expect(blocked.error).toContain(ORIGIN);
    // Only the delivered body is kept, cut to the preview length.
    expect(record.upstreamBodies).toEqual([{ seq: 1, text: 'x'.repeat(UPSTREAM_BODY_PREVIEW_CHARS), truncated: true }]);

    expect(record.scenario).toEqual(scenarioSchema.parse({}));
    expect(record).not.toHaveProperty('seed');
    expect(record.killed).toBe(false);
    expect(record.timing?.sandboxStartMs).toBe(0);
    expect(record.timing!.doneMs).toBeGreaterThanOrEqual(record.durationMs);
  });

  it("is what runOnce runs: a lab's upstreams, its entry, and a seeded Run's clock and seed", async () => {
    const meta = labMetaSchema.parse({
      title: 'Engine test',
      summary: 'A health check that reports its clock.',
      estimatedMinutes: 5,
      files: [{ path: 'health.ts', language: 'typescript' }],
      entry: 'health.ts',
      upstreams: ['metrics'],
      run: { invocation: 'checkHealth', queries: [{ refId: 'A', json: {} }] },
    });
    const files = { 'health.ts': "export async function checkHealth() { return { status: 'OK', message: String(Date.now()) }; }" };
    const record = await runOnce(sandbox, { files, meta, request: buildHealthRequest(meta.run!), seed: 7 });
    expect(record.invocation).toBe('checkHealth');
    expect(record.seed).toBe(7);
    expect(record.output).toMatchObject({ ok: true, value: { message: String(seededNow(7)) } });
  });
});

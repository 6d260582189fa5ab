import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import { loadAllLabs } from '@/lib/labs/load';
import { runArtifactEngine } from '../engine';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { OUTPUT, week2ReferenceSource } from './build-week2-reference.mjs';
import { WEEK2_REFERENCE } from './generated/week2-reference';
import { MAX_PANELS, runComposePayoff, STAND_IN_KEY } from './payoff';
import type { ComposeResult } from './result';
import { pickWeek2Code } from './week2';
import { withComposePayoff, type ComposeRunRecord } from './page';
import { createProgressStore } from '@/lib/progress/store';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const lab = loadAllLabs().find((l) => l.meta.artifact?.simulation === 'compose')!;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const reference = { health: pickWeek2Code(WEEK2_REFERENCE.health, undefined), query: pickWeek2Code(WEEK2_REFERENCE.query, undefined) };

async function stack(files: Record<string, string> = lab.solution): Promise<ComposeResult> {
  const record = await runArtifactEngine({ artifact: lab.meta.artifact!, files });
  if (record.simulation?.simulation !== 'compose') throw new Error('no compose result');
  return record.simulation;
}

/** The stack's result with its stackApi changed. */
function withApi(result: ComposeResult, change: Partial<NonNullable<NonNullable<ComposeResult['grafana']>['stackApi']>>): ComposeResult {
  return { ...result, grafana: { ...result.grafana!, stackApi: { ...result.grafana!.stackApi!, ...change } } };
}

describe('the Week 2 reference the page carries', () => {
  it('is what build-week2-reference.mjs makes from labs/week-2 (npm run prepare:assets writes it)', () => {
    expect(readFileSync(OUTPUT, 'utf8') === week2ReferenceSource()).toBe(true);
  });
});

describe('which Week 2 code runs', () => {
  it("is the course's reference when nothing is saved, or a reset left no edited file", () => {
    expect(pickWeek2Code(WEEK2_REFERENCE.health, undefined).source).toEqual({ kind: 'reference' });
    expect(pickWeek2Code(WEEK2_REFERENCE.health, { files: {}, fileTimes: { 'health.ts': '2026-12-01T10:00:00.000Z' } }).files).toEqual(WEEK2_REFERENCE.health.solution);
  });
  it("is the learner's saved files over the starter, with when they were last saved", () => {
    const code = pickWeek2Code(WEEK2_REFERENCE.health, { files: { 'health.ts': 'export const x = 1;', 'notes.md': 'not a lab file' }, fileTimes: { 'health.ts': '2026-12-01T10:00:00.000Z' }, updatedAt: '2026-12-02T09:00:00.000Z' });
    expect(code.source).toEqual({ kind: 'saved', savedAt: '2026-12-01T10:00:00.000Z' });
    expect(code.files['health.ts']).toBe('export const x = 1;');
    expect(code.files['settings.ts']).toBe(WEEK2_REFERENCE.health.starter['settings.ts']);
    expect(code.files).not.toHaveProperty('notes.md');
  });
});

describe('the payoff: Week 2 code against the stack', () => {
  it("runs the reference health check and query handler on the solution's stack: Save & test OK, frames for the panel", async () => {
    const payoff = await runComposePayoff({ sandbox, result: await stack(), code: reference, now: NOW });
    expect(payoff.skipped).toBeUndefined();
    const health = payoff.health!.record;
    expect(health.output).toMatchObject({ ok: true, value: { status: 'OK' } });
    expect(health.output.ok && health.output.value.message).toContain('https://metrics-api:9443');
    expect(health.upstream.map((c) => new URL(c.url).pathname)).toEqual(['/-/healthy', '/api/v1/status/buildinfo']);
    expect(health.request.pluginContext.dataSourceInstanceSettings).toMatchObject({ uid: 'lab-metrics', jsonData: { baseUrl: 'https://metrics-api:9443' }, decryptedSecureJsonData: { apiKey: STAND_IN_KEY } });
    const panel = payoff.query!.panels[0];
    expect(panel.title).toBe('CPU usage');
    const frames = panel.record!.output.ok ? panel.record!.output.value.responses.A?.frames : undefined;
    expect(frames?.length).toBeGreaterThan(0);
    expect(JSON.parse(panel.record!.request.queries[0].json)).toMatchObject({ refId: 'A', metric: 'cpu_usage_percent' });
    expect(payoff.health!.code.source).toEqual({ kind: 'reference' });
  });

  it('answers as the stack did: a key the API refused, an address that does not answer', async () => {
    const result = await stack();
    const refused = await runComposePayoff({ sandbox, result: withApi(result, { keyAccepted: false }), code: reference, now: NOW });
    expect(refused.health!.record.output).toMatchObject({ ok: true, value: { status: 'ERROR', message: expect.stringContaining('rejected the API key') } });
    const down = await runComposePayoff({ sandbox, result: withApi(result, { answer: { kind: 'error', message: 'connection refused at metrics-api:9443: metrics-api is still starting' } }), code: reference, now: NOW });
    expect(down.health!.record.output).toMatchObject({ ok: true, value: { status: 'ERROR', message: expect.stringContaining('could not be reached') } });
    expect(down.health!.record.upstream[0].error).toContain('still starting');
  });

  it('runs nothing when Grafana did not start, and says why', async () => {
    const payoff = await runComposePayoff({ sandbox, result: await stack(lab.starter), code: reference, now: NOW });
    expect(payoff.skipped).toMatch(/Grafana never started|nothing called your Week 2 code/);
    expect(payoff.health).toBeUndefined();
  });

  it("keeps going when the learner's code loops, throws or floods, and says what happened", async () => {
    const looping = { ...reference.health, files: { ...reference.health.files, 'health.ts': 'export async function checkHealth() { while (true) {} }' }, source: { kind: 'saved' as const, savedAt: '2026-12-01T10:00:00.000Z' } };
    const throwing = { ...reference.query, files: { ...reference.query.files, 'handler.ts': "export async function queryData() { throw new Error('boom'); }" } };
    const payoff = await runComposePayoff({ sandbox, result: await stack(), code: { health: looping, query: throwing }, now: NOW });
    expect(payoff.health!.record.output).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(payoff.health!.code.source.kind).toBe('saved');
    expect(payoff.query!.panels[0].record!.output).toMatchObject({ ok: false, error: { message: expect.stringContaining('boom') } });

    const flooding = { ...reference.query, files: { ...reference.query.files, 'handler.ts': "export async function queryData(req) { for (let i = 0; i < 200; i++) await fetch(req.pluginContext.dataSourceInstanceSettings.jsonData.baseUrl + '/-/healthy'); return { responses: {} }; }" } };
    const flood = await runComposePayoff({ sandbox, result: await stack(), code: { health: reference.health, query: flooding }, now: NOW });
    const record = flood.query!.panels[0].record!;
    expect(record.upstream.length).toBeGreaterThan(0);
    expect(record.output.ok || record.output.error.kind !== undefined).toBe(true);
  });

  it(`runs at most ${MAX_PANELS} panels and counts the rest`, async () => {
    const result = await stack();
    const dashboard = result.grafana!.dashboards[0];
    const many = { ...result, grafana: { ...result.grafana!, dashboards: [{ ...dashboard, panels: Array.from({ length: MAX_PANELS + 2 }, () => dashboard.panels[0]) }] } };
    const payoff = await runComposePayoff({ sandbox, result: many, code: reference, now: NOW });
    expect(payoff.query!.panels).toHaveLength(MAX_PANELS);
    expect(payoff.panelsLeftOut).toBe(2);
  });
});

describe('a Compose Run in the page', () => {
  it("adds the payoff to the record, with the learner's saved Week 2 health check named as theirs", async () => {
    const store = createProgressStore();
    const mine = WEEK2_REFERENCE.health.solution['health.ts'].replace('The API key is accepted.', 'Key OK (mine).');
    store.getState().saveFile(WEEK2_REFERENCE.health.labId, 'health.ts', mine);
    const record = await runArtifactEngine({ artifact: lab.meta.artifact!, files: lab.solution });
    const out = (await withComposePayoff(record, sandbox, new AbortController().signal, store)) as ComposeRunRecord;
    expect(out.simulation).toBe(record.simulation);
    expect(out.payoff?.health?.code.source.kind).toBe('saved');
    expect(out.payoff?.health?.record.output).toMatchObject({ ok: true, value: { status: 'OK', message: expect.stringContaining('Key OK (mine).') } });
    expect(out.payoff?.query?.code.source).toEqual({ kind: 'reference' });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { REDACTED } from '@/lib/redact';
import { labMetaSchema } from '../labs/schema';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import { METRICS_API_KEY } from '../upstreams/metrics';
import { buildHealthRequest, buildQueryDataRequest, CHECK_NOW } from '../engine/request';
import { runOnce, type RunRecord } from '../engine/run';
import { toRunView } from './run-view';
import type { TraceOptions, TraceStage } from './trace';

const traceOf = (record: RunRecord, options?: TraceOptions) => toRunView(record, options).trace;

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const meta = labMetaSchema.parse({
  title: 'Trace test',
  summary: 'A handler that calls the metrics upstream once per query.',
  estimatedMinutes: 5,
  files: [{ path: 'handler.ts', language: 'typescript' }],
  entry: 'handler.ts',
  upstreams: ['metrics'],
  run: {
    url: 'https://prometheus.lab.test',
    secureJsonData: { apiKey: METRICS_API_KEY },
    queries: [{ refId: 'A', json: { metric: 'cpu_usage_percent', legend: 'CPU' } }],
    intervalMs: 60_000,
  },
});

// Leaks the key into the URL and a frame name on purpose: the trace must hide both.
const HANDLER = `
import { createDataFrame, FieldType } from '@grafana/data';
export async function queryData(req, ctx) {
  const s = req.pluginContext.dataSourceInstanceSettings;
  const responses = {};
  for (const q of req.queries) {
    const model = JSON.parse(q.json);
    const params = new URLSearchParams({ query: 'avg(' + model.metric + ')', start: String(q.timeRange.from / 1000), end: String(q.timeRange.to / 1000), step: '60', leak: s.decryptedSecureJsonData.apiKey });
    const res = await fetch(s.url + '/api/v1/query_range?' + params, { headers: { Authorization: 'Bearer ' + s.decryptedSecureJsonData.apiKey }, signal: ctx.signal });
    const body = await res.json();
    responses[q.refId] = { frames: body.data.result.map((r) => createDataFrame({
      name: model.metric + ' ' + s.decryptedSecureJsonData.apiKey,
      meta: { type: 'timeseries-multi' },
      fields: [
        { name: 'time', type: FieldType.time, values: r.values.map((v) => v[0] * 1000) },
        { name: 'value', type: FieldType.number, values: r.values.map((v) => Number(v[1])), config: { displayName: model.legend } },
      ],
    })) };
  }
  return { responses };
}`;

function query(overrides: Parameters<typeof buildQueryDataRequest>[2] = {}, files: Record<string, string> = { 'handler.ts': HANDLER }) {
  return runOnce(sandbox, { files, meta, request: buildQueryDataRequest(meta.run!, CHECK_NOW, overrides) });
}

function stage(stages: TraceStage[], id: TraceStage['id']): TraceStage {
  const found = stages.find((s) => s.id === id);
  if (!found) throw new Error(`no stage ${id}`);
  return found;
}

const allText = (stages: TraceStage[]) => JSON.stringify(stages);

describe('deriveTrace on a real run', () => {
  it('lists the seven stages in lifecycle order, on one clock', async () => {
    const record = await query();
    const trace = traceOf(record);
    expect(trace.stages.map((s) => s.id)).toEqual(['editor', 'query-model', 'request', 'upstream-request', 'upstream-response', 'frames', 'panel']);
    expect(trace.totalMs).toBeGreaterThan(0);
    const timed = trace.stages.filter((s) => s.startMs !== undefined && s.durationMs !== undefined);
    // Each timed stage starts no earlier than the one before it and ends within the run.
    for (let i = 1; i < timed.length; i++) expect(timed[i].startMs!).toBeGreaterThanOrEqual(timed[i - 1].startMs!);
    for (const s of timed) expect(s.startMs! + s.durationMs!).toBeLessThanOrEqual(trace.totalMs + 1);
    const frames = stage(trace.stages, 'frames');
    expect(frames.startMs! + frames.durationMs!).toBeCloseTo(trace.totalMs, 0);
    expect(stage(trace.stages, 'upstream-response').spans).toHaveLength(1);
  });

  it('shows the query model as the request carried it, and the form labels in the editor stage', async () => {
    const record = await query({ queries: [{ json: { metric: 'queue_depth', legend: 'Depth' }, maxDataPoints: 120 }] });
    const trace = traceOf(record, { editorFields: [{ key: 'metric', label: 'Metric' }, { key: 'step', label: 'Step' }] });
    const model = stage(trace.stages, 'query-model');
    expect(model.status).toBe('ok');
    expect(model.summary).toContain('"legend":"Depth"');
    expect(model.details[0].text).toContain('maxDataPoints: 120');
    const editor = stage(trace.stages, 'editor');
    expect(editor.details[0].text).toContain('Metric: "queue_depth"');
    expect(editor.details[0].text).toContain('Step: (not set)');
  });

  it('hides the secret everywhere: request settings, URL, headers and frames', async () => {
    const record = await query();
    const trace = traceOf(record);
    expect(allText(trace.stages)).not.toContain(METRICS_API_KEY);
    expect(stage(trace.stages, 'request').details[0].text).toContain(`"apiKey": "${REDACTED}"`);
    expect(stage(trace.stages, 'upstream-request').details[0].text).toContain(`Bearer ${REDACTED}`);
    expect(stage(trace.stages, 'upstream-request').details[0].text).toContain(`leak = ${REDACTED}`);
  });

  it('shows the upstream answer and the frames built from it', async () => {
    const record = await query();
    const trace = traceOf(record);
    const response = stage(trace.stages, 'upstream-response');
    expect(response.status).toBe('ok');
    expect(response.details[0].text).toMatch(/^HTTP 200/);
    expect(response.details[0].text).toContain('"resultType": "matrix"');
    const frames = stage(trace.stages, 'frames');
    expect(frames.summary).toBe('1 frame for A (1)');
    expect(frames.details[0].text).toContain('meta.type timeseries-multi');
    expect(frames.details[0].text).toContain('displayName "CPU"');
  });

  it('counts what the panel draws, and says when maxDataPoints cut a series', async () => {
    const wide = traceOf(await query());
    expect(stage(wide.stages, 'panel').summary).toBe('Time series: 1 series, 61 points drawn');
    expect(stage(wide.stages, 'panel').details[0].text).toBe('CPU: 61 points');
    const narrow = traceOf(await query({ queries: [{ json: { metric: 'cpu_usage_percent', legend: 'CPU' }, maxDataPoints: 20 }] }));
    expect(stage(narrow.stages, 'panel').summary).toBe('Time series: 1 series, 20 points drawn; 1 series cut to maxDataPoints 20');
  });

  it('marks a query model that is not JSON, and a run that crashed', async () => {
    const record = await query({ queries: [{ json: '{"metric": ' }] });
    const trace = traceOf(record);
    expect(stage(trace.stages, 'query-model').status).toBe('error');
    expect(stage(trace.stages, 'query-model').summary).toContain('Not valid JSON for A');
    expect(stage(trace.stages, 'frames').status).toBe('error');
    expect(stage(trace.stages, 'frames').summary).toContain('did not complete');
    expect(stage(trace.stages, 'panel').status).toBe('skipped');
    expect(stage(trace.stages, 'upstream-request').status).toBe('skipped');
  });

  it('follows a health check without a query editor or panel', async () => {
    const files = { 'handler.ts': "export async function checkHealth() { return { status: 'OK', message: 'Data source is working' }; }" };
    const record = await runOnce(sandbox, { files, meta, invocation: 'checkHealth', request: buildHealthRequest(meta.run!) });
    const trace = traceOf(record);
    expect(stage(trace.stages, 'editor').status).toBe('skipped');
    expect(stage(trace.stages, 'request').title).toBe('CheckHealth request');
    expect(stage(trace.stages, 'frames').summary).toBe('OK: Data source is working');
    expect(stage(trace.stages, 'panel').status).toBe('skipped');
  });
});

describe('deriveTrace on a record without timing stamps', () => {
  it('still places every stage, starting the handler at 0', () => {
    const record: RunRecord = {
      invocation: 'queryData',
      request: buildQueryDataRequest(meta.run!, CHECK_NOW),
      scenario: { fault: 'none', latencyMs: 0 } as RunRecord['scenario'],
      output: { ok: true, value: { responses: { A: { frames: [] } } } },
      upstream: [],
      logs: [],
      durationMs: 12.34,
      killed: false,
    };
    const trace = traceOf(record);
    expect(trace.totalMs).toBe(12.3);
    expect(stage(trace.stages, 'request').durationMs).toBe(0);
    expect(stage(trace.stages, 'frames')).toMatchObject({ startMs: 0, durationMs: 12.3 });
    expect(stage(trace.stages, 'panel').summary).toMatch(/^Nothing to draw/);
  });
});

import { applyFieldOverrides, createDataFrame, createTheme, dataFrameToJSON, FieldType, getFieldDisplayName, type DataFrameJSON } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../engine/run';
import { FIELD_CONFIG_SOURCE } from '../frames/field-defaults';
import { findLeaks } from '../checks/secrets';
import { REDACTED } from '../redact';
import { toRunView, type RunView } from './run-view';

const KEY = 'lab-metrics-key-7f3a9c21';
const T0 = Date.UTC(2026, 0, 15, 12);
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g;

function record(parts: Partial<RunRecord> & { output: RunRecord['output'] }, queries = [{ refId: 'A', maxDataPoints: 500 }]): RunRecord {
  return {
    invocation: 'queryData',
    request: {
      pluginContext: {
        orgId: 1,
        pluginId: 'lab',
        dataSourceInstanceSettings: { uid: 'u', name: 'Metrics', url: '', jsonData: {}, decryptedSecureJsonData: { apiKey: KEY } },
      },
      headers: {},
      queries: queries.map((q) => ({ json: '{}', queryType: '', intervalMs: 60_000, timeRange: { from: T0, to: T0 + 3_600_000 }, ...q })),
    },
    scenario: { latencyMs: 0, fault: 'none', retryAfterSeconds: 2, disorder: false },
    upstream: [],
    logs: [],
    durationMs: 1,
    killed: false,
    ...parts,
  } as RunRecord;
}

/** Every string in a value, object keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

describe('toRunView masks the secret once, for everything displayed', () => {
  // Each form written by an encoder independent of lib/redact, and how to find it in text.
  const forms: Record<string, { encode: (s: string) => string; found: (text: string, enc: string) => boolean }> = {
    raw: { encode: (s) => s, found: (t, e) => t.includes(e) },
    'URL-encoded': { encode: (s) => encodeURIComponent(`k/${s}`), found: (t) => t.includes(encodeURIComponent(`k/${KEY}`).slice(5)) },
    base64: { encode: (s) => Buffer.from(`admin:${s}`).toString('base64'), found: (t) => t.includes(Buffer.from(`admin:${KEY}`).toString('base64').slice(10, 30)) },
    base64url: { encode: (s) => Buffer.from(`>>?${s}`).toString('base64url'), found: (t) => t.includes(Buffer.from(`>>?${KEY}`).toString('base64url').slice(6, 30)) },
    hex: { encode: (s) => Buffer.from(s).toString('hex'), found: (t, e) => t.toLowerCase().includes(e) },
    reversed: { encode: (s) => [...s].reverse().join(''), found: (t, e) => t.includes(e) },
    'upper-cased': { encode: (s) => s.toUpperCase(), found: (t) => t.toLowerCase().includes(KEY) },
    'zero-width': { encode: (s) => [...s].join('\u200B'), found: (t) => t.replace(ZERO_WIDTH, '').includes(KEY) },
    'upper-cased with invisible operators': { encode: (s) => [...s.toUpperCase()].join('\u2062'), found: (t) => t.replace(/\p{Cf}/gu, '').toLowerCase().includes(KEY) },
    'full-width': {
      encode: (s) => [...s].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join(''),
      found: (t) => t.normalize('NFKC').toLowerCase().includes(KEY),
    },
  };

  function leakyRecord(enc: string): RunRecord {
    const frame: DataFrameJSON = dataFrameToJSON(
      createDataFrame({
        name: `cpu ${enc}`,
        refId: 'A',
        meta: { type: 'timeseries-multi' as never, executedQueryString: `avg(cpu) key=${enc}`, notices: [{ severity: 'info', text: `used ${enc}` }], custom: { [enc]: enc } },
        fields: [
          { name: 'time', type: FieldType.time, values: [T0, T0 + 60_000] },
          {
            name: `value ${enc}`,
            type: FieldType.number,
            values: [1.5, 2.5],
            labels: { host: enc, [enc]: 'x' },
            config: { displayNameFromDS: `CPU ${enc}`, description: enc, unit: `suffix:${enc}`, links: [{ title: enc, url: `https://x.test/?k=${enc}` }] },
          },
          { name: 'note', type: FieldType.string, values: [`said ${enc}`, 'fine'] },
        ],
      }),
    );
    return record({
      output: { ok: true, value: { responses: { A: { frames: [frame as never] }, B: { frames: [], error: { category: 'auth', message: `key ${enc} refused` } } } } },
      upstream: [
        {
          seq: 1,
          method: 'GET',
          url: `https://prometheus.lab.test/api/v1/query?key=${enc}`,
          requestHeaders: [['Authorization', `Bearer ${KEY}`], ['X-Debug', enc]],
          responseHeaders: [['X-Echo', enc]],
          status: 200,
          responseBytes: 10,
          startedAtMs: 1,
          durationMs: 2,
        },
      ],
      upstreamBodies: [{ seq: 1, text: `{"echo":"${enc}"}`, truncated: false }],
      logs: [{ level: 'info', message: `calling with ${enc}`, fields: { key: enc, [enc]: 1 }, source: 'logger', atMs: 1 }],
    }, [{ refId: 'A', maxDataPoints: 500 }, { refId: 'B', maxDataPoints: 500 }]);
  }

  for (const [name, { encode, found }] of Object.entries(forms)) {
    it(`leaves no string with the key ${name} anywhere in the view`, () => {
      const enc = encode(KEY);
      const rec = leakyRecord(enc);
      expect(strings(rec).some((t) => found(t, enc)), 'the record itself leaks').toBe(true);
      const view = toRunView(rec, { now: T0 });
      const leaking = strings(view).filter((t) => found(t, enc));
      expect(leaking).toEqual([]);
      expect(strings(view).join('\n')).toContain(REDACTED);
      // The secret check still reports the leak in the record.
      expect(findLeaks(rec, { upstreamUrls: true }).length).toBeGreaterThan(0);
    });
  }

  it('keeps number columns numeric and the frames readable', () => {
    const view = toRunView(leakyRecord(KEY), { now: T0 });
    const [parsed] = view.frames.parsed.frames;
    expect(parsed.frame.fields.map((f) => f.type)).toEqual([FieldType.time, FieldType.number, FieldType.string]);
    expect(parsed.frame.fields[1].values).toEqual([1.5, 2.5]);
    expect(parsed.frame.fields[2].values).toEqual([`said ${REDACTED}`, 'fine']);
    expect(parsed.frame.name).toBe(`cpu ${REDACTED}`);
    expect(view.frames.results[1].error?.message).toBe(`key ${REDACTED} refused`);
    expect(view.upstream[0].requestHeaders[0]).toEqual(['Authorization', `Bearer ${REDACTED}`]);
  });

  it('prepares the panel plan, its range and the lifecycle trace when first read, once', () => {
    const view = toRunView(leakyRecord(KEY), { now: T0 });
    const panel = view.frames.panel;
    expect(panel.series.length).toBeGreaterThan(0);
    expect(view.frames.panel).toBe(panel);
    expect(view.frames.range).toBe(view.frames.range);
    expect(view.trace).toBe(view.trace);
    expect(view.trace.stages.map((s) => s.id)).toContain('panel');
  });

  it('passes a packed number column through untouched', () => {
    const column = new Float64Array([1, 2, 3]);
    const frame = { schema: { name: KEY, fields: [{ name: 'time', type: 'time' }, { name: 'v', type: 'number' }] }, data: { values: [[T0, T0 + 1, T0 + 2], column] } };
    const view = toRunView(record({ output: { ok: true, value: { responses: { A: { frames: [frame as never] } } } } }), { now: T0 });
    expect(view.frames.results[0].frames[0].data?.values[1]).toBe(column);
    expect(view.frames.results[0].frames[0].schema?.name).toBe(REDACTED);
  });

  it('masks the health message and details, and a run error', () => {
    const health = toRunView({ ...record({ output: { ok: true, value: { status: 'ERROR', message: `bad key ${KEY}`, details: { key: Buffer.from(KEY).toString('base64') } } } }), invocation: 'checkHealth' } as unknown as RunRecord);
    expect(health.health).toEqual({ ok: false, message: `bad key ${REDACTED}`, details: [`key: ${REDACTED}`] });
    const failed = toRunView(record({ output: { ok: false, error: { kind: 'runtime', message: `threw ${KEY}`, stack: `at ${KEY}` } } }));
    expect(failed.runError).toMatchObject({ message: `threw ${REDACTED}`, stack: `at ${REDACTED}` });
    expect(strings(failed).some((t) => t.includes(KEY))).toBe(false);
  });
});

describe('toRunView per refId', () => {
  it('lists requested refIds in order, and reports one the handler did not answer', () => {
    const view = toRunView(record({ output: { ok: true, value: { responses: { Z: { frames: [] }, A: { frames: [] } } } } }, [{ refId: 'A' }, { refId: 'B' }] as never), { now: T0 });
    expect(view.frames.results.map((r) => r.refId)).toEqual(['A', 'B', 'Z']);
    expect(view.frames.results[1].error?.message).toMatch(/no response for refId B/);
  });
});

describe('one name per series in every tab', () => {
  const theme = createTheme({ colors: { mode: 'dark' } });
  const multi = (host: string, config = {}, rows = 3): never =>
    dataFrameToJSON(
      createDataFrame({
        name: 'cpu',
        refId: 'A',
        meta: { type: 'timeseries-multi' as never, typeVersion: [0, 1] },
        fields: [
          { name: 'time', type: FieldType.time, values: Array.from({ length: rows }, (_, i) => T0 + i * 60_000) },
          { name: 'Value', type: FieldType.number, values: Array.from({ length: rows }, (_, i) => (i * 7) % 5), labels: { host }, config },
        ],
      }),
    ) as never;

  /** What each tab calls the series: the trace's panel stage, the plan's legend, Grafana's legend after its overrides, and getFieldDisplayName fresh. */
  function names(view: RunView) {
    const panelStage = view.trace.stages.find((s) => s.id === 'panel')!;
    const lifecycle = panelStage.details[0].text.split('\n').map((line) => line.replace(/: \d+ points.*$/, ''));
    const plan = view.frames.panel.legend.map((s) => s.name);
    const drawn = applyFieldOverrides({ data: view.frames.panel.series, fieldConfig: FIELD_CONFIG_SOURCE, theme, replaceVariables: (v) => v, timeZone: 'utc' });
    // As @grafana/ui's PlotLegend labels each series: getFieldDisplayName over the frames TimeSeries gets.
    const legend = drawn.flatMap((frame) => frame.fields.filter((f) => f.type === FieldType.number).map((f) => getFieldDisplayName(f, frame, drawn)));
    const grafana = view.frames.panel.series.flatMap((frame, _i, all) =>
      frame.fields.filter((f) => f.type === FieldType.number).map((f) => getFieldDisplayName({ ...f, state: undefined }, frame, all)),
    );
    return { lifecycle, plan, legend, grafana };
  }

  it('names a labelled multi-series answer the same in the Lifecycle trace, the Panel legend and getFieldDisplayName', () => {
    const view = toRunView(record({ output: { ok: true, value: { responses: { A: { frames: [multi('a'), multi('b')] } } } } }), { now: T0 });
    const { lifecycle, plan, legend, grafana } = names(view);
    // Grafana names a lone-label Value series by its label value, not "cpu {host="a"}".
    expect(grafana).toEqual(['a', 'b']);
    expect(lifecycle).toEqual(grafana);
    expect(plan).toEqual(grafana);
    expect(legend).toEqual(grafana);
  });

  it('uses the handler’s displayNameFromDS in every tab', () => {
    const view = toRunView(
      record({ output: { ok: true, value: { responses: { A: { frames: [multi('a', { displayNameFromDS: 'CPU web-a' }), multi('b', { displayNameFromDS: 'CPU web-b' })] } } } } }),
      { now: T0 },
    );
    const { lifecycle, plan, legend, grafana } = names(view);
    expect(grafana).toEqual(['CPU web-a', 'CPU web-b']);
    expect(lifecycle).toEqual(grafana);
    expect(plan).toEqual(grafana);
    expect(legend).toEqual(grafana);
  });

  it('keeps the names when maxDataPoints cuts the series', () => {
    const view = toRunView(record({ output: { ok: true, value: { responses: { A: { frames: [multi('a', {}, 50), multi('b', {}, 50)] } } } } }, [{ refId: 'A', maxDataPoints: 10 } as never]), { now: T0 });
    const { lifecycle, plan, legend, grafana } = names(view);
    expect(view.frames.panel.legend.map((s) => [s.points, s.drawn])).toEqual([[50, 10], [50, 10]]);
    expect(lifecycle).toEqual(grafana);
    expect(plan).toEqual(grafana);
    expect(legend).toEqual(grafana);
  });
});

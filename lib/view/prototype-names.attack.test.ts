/**
 * Attack: refIds (from saved or imported queries, or added by the handler) and other
 * keys named like Object.prototype members. Looked up in a plain object, `toString`
 * finds a function and `__proto__` the prototype: the JSON tab crashed on them. Every
 * view keeps them as ordinary names.
 */
import { describe, expect, it } from 'vitest';
import { FieldType, type DataFrameJSON } from '@grafana/data';
import type { RunRecord } from '../engine/run';
import { listForDataTab, stringifyJSON, toQueryDataResponse } from '../frames';
import { maskDeep } from './mask';
import { toRunView } from './run-view';

const T0 = Date.UTC(2026, 0, 15, 12);
const NAMES = ['toString', 'isPrototypeOf', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__'];

const frame = (name: string): DataFrameJSON => ({
  schema: { name, fields: [{ name: 'time', type: FieldType.time }, { name, type: FieldType.number, labels: { [name]: name } }] },
  data: { values: [[T0, T0 + 60_000], [1, 2]] },
});

/** Responses keyed by the names, built from JSON as a structured clone would give them: `__proto__` an own entry. */
function responses(names: readonly string[]): Record<string, unknown> {
  return JSON.parse(`{${names.map((n) => `${JSON.stringify(n)}: ${JSON.stringify({ frames: [frame(n)] })}`).join(',')}}`);
}

function record(asked: readonly string[], answered: readonly string[]): RunRecord {
  return {
    invocation: 'queryData',
    request: {
      pluginContext: { orgId: 1, pluginId: 'lab', dataSourceInstanceSettings: { uid: 'u', name: 'M', url: '', jsonData: {}, decryptedSecureJsonData: { apiKey: 'lab-key-123456' } } },
      headers: {},
      queries: asked.map((refId) => ({ refId, json: '{}', queryType: '', intervalMs: 60_000, maxDataPoints: 500, timeRange: { from: T0, to: T0 + 3_600_000 } })),
    },
    scenario: { latencyMs: 0, fault: 'none', retryAfterSeconds: 2, disorder: false },
    output: { ok: true, value: { responses: responses(answered) } },
    upstream: [],
    logs: [],
    durationMs: 1,
    killed: false,
  } as unknown as RunRecord;
}

describe('refIds named like Object.prototype members', () => {
  it('are answered, decoded, summarised and checked like any other refId', () => {
    const view = toRunView(record(NAMES, NAMES), { now: T0 });
    const { results, parsed, summaries, contracts, panel } = view.frames;
    expect(results.map((r) => r.refId)).toEqual(NAMES);
    expect(results.every((r) => r.error === undefined && r.frames.length === 1)).toBe(true);
    expect(parsed.frames.map((p) => p.refId)).toEqual(NAMES);
    expect(NAMES.map((n) => summaries.get(`${n}-0`)?.name)).toEqual(NAMES);
    expect(NAMES.map((n) => contracts.get(n)?.frames.length)).toEqual(NAMES.map(() => 1));
    expect(panel.legend).toHaveLength(NAMES.length);
    expect(listForDataTab(results, parsed, 100).sections.map((s) => s.result.refId)).toEqual(NAMES);
  });

  it('are reported missing when asked for and not answered, instead of finding a prototype member', () => {
    const view = toRunView(record(NAMES, ['A']), { now: T0 });
    const missing = view.frames.results.filter((r) => r.error);
    expect(missing.map((r) => r.refId)).toEqual(NAMES);
    expect(missing.every((r) => /no response for refId/.test(r.error!.message))).toBe(true);
  });

  it('come out of the JSON tab as ordinary keys', () => {
    const view = toRunView(record(NAMES, NAMES), { now: T0 });
    const json = stringifyJSON(toQueryDataResponse(view.frames.results));
    expect('text' in json).toBe(true);
    const parsed = JSON.parse((json as { text: string }).text);
    expect(Object.keys(parsed.results)).toEqual(NAMES);
    expect(NAMES.map((n) => parsed.results[n].frames[0].schema.name)).toEqual(NAMES);
  });

  it('survive masking as own entries, without changing any prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "toString": "lab-key-123456"}');
    const masked = maskDeep(value, (t) => t.replace('lab-key-123456', '••••'));
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.keys(masked)).toEqual(['__proto__', 'toString']);
    expect((masked as { polluted?: boolean }).polluted).toBeUndefined();
    expect(masked.toString).toBe('••••');
  });

  it('appear in the Lifecycle trace by name', () => {
    const view = toRunView(record(NAMES, NAMES), { now: T0 });
    const frames = view.trace.stages.find((s) => s.id === 'frames')!;
    expect(frames.details.map((d) => d.label)).toEqual(NAMES.map((n) => `Response ${n}`));
  });
});

import { describe, expect, it } from 'vitest';
import { applyFieldOverrides, createTheme, FieldType, type DataFrameJSON } from '@grafana/data';
import { FIELD_CONFIG_SOURCE, displaySafeConfig, forGrafanaDisplay, displaySafeFrame, parseResults, safeValueMappings, withFieldDefaults } from './index';

/** A pattern that backtracks exponentially on `a…a!`: run by Grafana, it froze the page for seconds. */
const EVIL = { type: 'regex', options: { pattern: '^(a+)+$', result: { text: 'matched' } } };
const SLOW_INPUT = `${'a'.repeat(30)}!`;

function frameWith(config: Record<string, unknown>, values: unknown[] = [SLOW_INPUT, 'ok']): DataFrameJSON {
  return { schema: { fields: [{ name: 'status', type: FieldType.string, config }] }, data: { values: [values] } } as DataFrameJSON;
}

/** Runs frames through Grafana's display processor, as the Panel and Data tabs do. */
function display(json: DataFrameJSON) {
  const { frames } = parseResults([{ refId: 'A', frames: [json] }]);
  const [frame] = applyFieldOverrides({
    data: frames.map((p) => forGrafanaDisplay(displaySafeFrame(withFieldDefaults(p.frame)))),
    fieldConfig: FIELD_CONFIG_SOURCE,
    theme: createTheme(),
    replaceVariables: (v) => v,
  });
  return { field: frame.fields[0], notes: frames[0].notes ?? [] };
}

describe('value mappings from handler code (attack: a regex mapping that freezes the page)', () => {
  it('leaves regex mappings out of decoded frames and says so, naming the field and the pattern', () => {
    const { field, notes } = display(frameWith({ mappings: [EVIL, { type: 'value', options: { ok: { text: 'fine' } } }] }));
    expect(field.config.mappings?.map((m) => m.type)).toEqual(['value']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/Field "status": the regex value mapping "\^\(a\+\)\+\$" was not applied/);
    // Evaluated without the regex: the slow input is shown as it is, and value mappings still apply.
    expect(field.display!(SLOW_INPUT).text).toBe(SLOW_INPUT);
    expect(field.display!('ok').text).toBe('fine');
  });

  it('drops regex mappings at the last gate too, for frames that did not come through decode', () => {
    expect(displaySafeConfig({ mappings: [EVIL] } as never).mappings).toBeUndefined();
    expect(displaySafeConfig({ mappings: [EVIL, { type: 'range', options: { from: 0, to: 1, result: { text: 'low' } } }] } as never).mappings?.map((m) => m.type)).toEqual(['range']);
  });

  it('does not let a case variant, a missing type or a non-list through', () => {
    for (const mappings of [[{ ...EVIL, type: 'Regex' }], [{ options: EVIL.options }], [null], 'regex', { 0: EVIL, length: 1 }]) {
      const { mappings: kept, dropped } = safeValueMappings(mappings, 'v');
      expect(kept, JSON.stringify(mappings)).toBeUndefined();
      expect(dropped.length, JSON.stringify(mappings)).toBeGreaterThan(0);
    }
  });

  it('does not let a mapping in through an own __proto__ entry of the config', () => {
    const config = JSON.parse(`{"unit":"short","__proto__":{"mappings":[${JSON.stringify(EVIL)}]}}`);
    const { field } = display(frameWith(config));
    expect(field.config.mappings).toBeUndefined();
    expect(field.config.unit).toBe('short');
    expect(Object.getPrototypeOf(displaySafeConfig(config))).toBe(Object.prototype);
    expect((displaySafeConfig(config) as { mappings?: unknown }).mappings).toBeUndefined();
  });

  it('maps values named like Object.prototype members only when the mapping names them', () => {
    const values = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'up'];
    const { field } = display(frameWith({ mappings: [{ type: 'value', options: { up: { text: 'UP' }, constructor: { text: 'ctor' } } }] }, values));
    expect(values.map((v) => field.display!(v).text)).toEqual(['toString', 'ctor', '__proto__', 'hasOwnProperty', 'UP']);
  });

  it('keeps a config without mappings as it is', () => {
    const config = { unit: 'ms' };
    const { frames } = parseResults([{ refId: 'A', frames: [frameWith(config)] }]);
    expect(frames[0].frame.fields[0].config).toEqual(config);
    expect(frames[0].notes).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { labMetaSchema, queryEditorSchema, type QueryEditorField } from '@/lib/labs/schema';
import { applyField, readForm, selectOptions } from './query-form-model';

const metric: QueryEditorField = { key: 'metric', label: 'Metric', kind: 'select', options: [{ value: 'cpu' }, { value: 'mem', label: 'Memory' }], description: 'what to read' };
const legend: QueryEditorField = { key: 'legend', label: 'Legend', kind: 'text', description: 'series name' };
const step: QueryEditorField = { key: 'step', label: 'Step', kind: 'number', description: 'seconds between points' };
const FIELDS = [metric, legend, step];

describe('readForm', () => {
  it('reads each key as control text, missing keys as empty', () => {
    expect(readForm('{"metric":"cpu","step":30,"other":true}', FIELDS)).toEqual({ ok: true, values: { metric: 'cpu', legend: '', step: '30' } });
  });

  it('explains why it cannot show text that is not a JSON object', () => {
    expect(readForm('{"metric":', FIELDS)).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
    expect(readForm('[1,2]', FIELDS)).toMatchObject({ ok: false, reason: expect.stringContaining('not a JSON object') });
  });
});

describe('applyField', () => {
  const json = '{"metric":"cpu","groupBy":["instance"]}';

  it('writes strings and numbers, keeping the keys it does not control', () => {
    const next = applyField(applyField(json, legend, 'CPU {{instance}}'), step, '30');
    expect(JSON.parse(next)).toEqual({ metric: 'cpu', groupBy: ['instance'], legend: 'CPU {{instance}}', step: 30 });
  });

  it('removes the key when the control is emptied', () => {
    expect(JSON.parse(applyField('{"metric":"cpu","step":30}', step, ''))).toEqual({ metric: 'cpu' });
    expect(JSON.parse(applyField('{"metric":"cpu","legend":"x"}', legend, ''))).toEqual({ metric: 'cpu' });
  });

  it('leaves the JSON alone when it cannot be edited safely', () => {
    expect(applyField('{"metric":', legend, 'x')).toBe('{"metric":');
    expect(applyField('"text"', legend, 'x')).toBe('"text"');
    expect(applyField(json, step, 'abc')).toBe(json);
  });

  it('round-trips through readForm', () => {
    const next = applyField(json, metric, 'mem');
    expect(readForm(next, FIELDS)).toEqual({ ok: true, values: { metric: 'mem', legend: '', step: '' } });
  });
});

describe('selectOptions', () => {
  it('labels options and keeps a current value that is not listed', () => {
    expect(selectOptions(metric, 'mem').map((o) => o.label)).toEqual(['cpu', 'Memory']);
    expect(selectOptions(metric, 'disk').at(-1)).toEqual({ value: 'disk', label: 'disk (not in the list)', description: undefined });
  });
});

describe('queryEditorSchema', () => {
  it('accepts a form and lab.json with one', () => {
    expect(queryEditorSchema.parse({ fields: FIELDS }).fields).toHaveLength(3);
    const meta = labMetaSchema.parse({ title: 'A lab', summary: 'Ten characters at least.', estimatedMinutes: 5, files: [{ path: 'a.ts', language: 'typescript' }], queryEditor: { fields: [legend] } });
    expect(meta.queryEditor?.fields[0].key).toBe('legend');
  });

  it('rejects a select without options, options on a text field, and two controls for one key', () => {
    const problems = (input: unknown) => queryEditorSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(problems({ fields: [{ ...metric, options: undefined }] })).toEqual(['a select needs options, and only a select has them']);
    expect(problems({ fields: [{ ...legend, options: [{ value: 'x' }] }] })).toEqual(['a select needs options, and only a select has them']);
    expect(problems({ fields: [legend, { ...legend }] })).toEqual(['each key may have only one control']);
    expect(problems({ fields: [{ ...step, kind: 'date' }] }).length).toBeGreaterThan(0);
    expect(problems({ fields: [] }).length).toBeGreaterThan(0);
  });
});

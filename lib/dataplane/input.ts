/**
 * One input form for the rules. Checks hold frames in Grafana's wire JSON (parsed by
 * zod after they left the sandbox); the UI and unit tests hold `@grafana/data`
 * DataFrames. Both reduce to `InspectFrame`.
 *
 * Wire JSON is read directly instead of through `dataFrameFromJSON`, because that
 * function pads short columns with `undefined` to the longest one, which would hide
 * exactly the "fields of different lengths" mistake the checker must report.
 */
import { guessFieldTypeForField, type Field } from '@grafana/data';
import type { InspectField, InspectFrame } from './types';

/** A frame the checker cannot read, with the reason. */
export interface Unreadable {
  problem: string;
}

/** The values frame JSON lists in `data.entities` because JSON cannot spell them. */
const ENTITY_VALUES = { NaN: Number.NaN, Inf: Infinity, NegInf: -Infinity, Undef: undefined } as const;

/** Reduces a DataFrame or a frame's wire JSON to what the rules read; never throws. */
export function toInspectable(frame: unknown): InspectFrame | Unreadable {
  if (!isRecord(frame)) return { problem: `the frame is ${describe(frame)}, not a data frame object.` };
  if ('schema' in frame || 'data' in frame) return fromWire(frame);
  if (Array.isArray(frame.fields)) return fromDataFrame(frame);
  return { problem: 'the frame has neither fields (a DataFrame) nor schema and data (frame JSON).' };
}

export function isUnreadable(value: InspectFrame | Unreadable): value is Unreadable {
  return 'problem' in value;
}

function fromDataFrame(frame: Record<string, unknown>): InspectFrame | Unreadable {
  const fields: InspectField[] = [];
  for (const [i, f] of (frame.fields as unknown[]).entries()) {
    if (!isRecord(f)) return { problem: `fields[${i}] is ${describe(f)}, not a field object.` };
    const values = toArray(f.values);
    if (!values) return { problem: `fields[${i}].values is ${describe(f.values)}, not an array.` };
    fields.push(field(f, values, i));
  }
  return frameOf(frame, fields);
}

function fromWire(json: Record<string, unknown>): InspectFrame | Unreadable {
  const { schema, data } = json;
  if (!isRecord(schema) || !Array.isArray(schema.fields)) return { problem: 'the frame JSON has no schema.fields array.' };
  const columns = isRecord(data) && Array.isArray(data.values) ? data.values : data == null ? [] : undefined;
  if (!columns) return { problem: 'data.values is missing or not an array of columns.' };
  // `values: []` beside listed fields is how the contract's examples write an empty frame.
  const shorthand = data != null && columns.length === 0 && schema.fields.length > 0;
  if (data != null && !shorthand && columns.length !== schema.fields.length) {
    return { problem: `schema.fields lists ${schema.fields.length} field(s) but data.values has ${columns.length} column(s).` };
  }
  const entities = isRecord(data) && Array.isArray(data.entities) ? data.entities : [];
  const fields: InspectField[] = [];
  for (const [i, f] of schema.fields.entries()) {
    if (!isRecord(f)) return { problem: `schema.fields[${i}] is ${describe(f)}, not a field object.` };
    const values = columns.length === 0 ? [] : toArray(columns[i]);
    if (!values) return { problem: `data.values[${i}] is ${describe(columns[i])}, not an array of values.` };
    fields.push(field(f, decodeEntities(values, entities[i]), i));
  }
  const frame = frameOf(schema, fields);
  return shorthand ? { ...frame, valuesShorthand: true } : frame;
}

function frameOf(source: Record<string, unknown>, fields: InspectField[]): InspectFrame {
  return {
    name: typeof source.name === 'string' ? source.name : undefined,
    refId: typeof source.refId === 'string' ? source.refId : undefined,
    meta: isRecord(source.meta) ? { type: source.meta.type, typeVersion: source.meta.typeVersion } : undefined,
    fields,
  };
}

function field(f: Record<string, unknown>, values: unknown[], index: number): InspectField {
  const name = typeof f.name === 'string' ? f.name : '';
  const declared = typeof f.type === 'string' && f.type !== '' ? f.type : undefined;
  const labels = isRecord(f.labels) ? Object.fromEntries(Object.entries(f.labels).map(([k, v]) => [k, String(v)])) : undefined;
  return {
    name: name || `Field ${index + 1}`,
    type: declared ?? String(guessFieldTypeForField({ name, values } as unknown as Field) ?? 'other'),
    ...(declared ? {} : { typeGuessed: true }),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    config: isRecord(f.config) ? f.config : {},
    values,
  };
}

/** Wire JSON cannot hold NaN or ±Infinity: they travel as null plus an index list per field. */
function decodeEntities(values: unknown[], entities: unknown): unknown[] {
  if (!isRecord(entities)) return values;
  const out = [...values];
  for (const [key, replacement] of Object.entries(ENTITY_VALUES)) {
    const rows = entities[key];
    if (!Array.isArray(rows)) continue;
    for (const row of rows) if (Number.isInteger(row) && row >= 0 && row < out.length) out[row] = replacement;
  }
  return out;
}

function toArray(values: unknown): unknown[] | undefined {
  if (Array.isArray(values)) return values;
  // Long number columns cross from the sandbox as Float64Array. Typed arrays index,
  // iterate and search like arrays, so the rules read them in place: copying a
  // million-row column would cost more than checking it.
  if (isNumberArray(values)) return values as unknown as unknown[];
  return undefined;
}

/** A typed array of numbers (not a DataView, not BigInt64Array). */
export function isNumberArray(values: unknown): boolean {
  return ArrayBuffer.isView(values) && !(values instanceof DataView) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Step 1 of frame preparation: Grafana's frame wire JSON → `DataFrame`, with learner
 * mistakes (bad shapes, ISO time strings) turned into clear problems or fixed for
 * drawing. Uses `dataFrameFromJSON` from @grafana/data; never mutates its input (a frame
 * may share a number column with it, which nothing changes).
 */
import { type DataFrame, type DataFrameJSON, type Field, FieldType, dataFrameFromJSON } from '@grafana/data';
import type { FrameProblem, ParsedFrame, QueryResultView } from './types';
import { safeValueMappings } from './value-mappings';
import { isNumberColumn } from '../runtime/frame-transfer';

/**
 * Frames decoded for the Panel and Data tabs, counted over all refIds in order. A
 * handler may answer with tens of thousands of tiny frames (each a few values, well
 * inside the output budget); decoding, summarising and drawing them all stalled the
 * page for seconds, and no view shows that many. The JSON tab still has every frame.
 */
export const DECODED_FRAME_LIMIT = 200;

/**
 * Fields decoded per frame. One frame can hold hundreds of thousands of two-value fields
 * inside the output budget, and decoding, summarising and checking them all took seconds;
 * the views show far fewer (the panel 100 series, the Data tab 100 columns).
 */
export const DECODED_FIELD_LIMIT = 1000;

const WIRE_HINT = 'Grafana expects { schema: { fields: [...] }, data: { values: [[...], ...] } }, as dataFrameToJSON(frame) returns.';

/**
 * Decodes one frame of wire JSON. Throws an Error saying what is wrong when the shape is
 * not a frame. Copies the value arrays first where `dataFrameFromJSON` would change them
 * (it pads and decodes them in place), since the same JSON is also shown verbatim by the
 * JSON view.
 */
export function frameFromWire(json: unknown, refId?: string): DataFrame {
  return decodeFrame(json, refId).frame;
}

/**
 * `frameFromWire`, plus a note for each setting of the handler's field config that was
 * left out because the page cannot evaluate it safely (value-mappings.ts).
 */
export function decodeFrame(json: unknown, refId?: string): { frame: DataFrame; notes: string[] } {
  const notes: string[] = [];
  if (!isRecord(json)) throw new Error(`The frame is ${describe(json)}, not an object. ${WIRE_HINT}`);
  const { schema, data } = json;
  if (!isRecord(schema) || !Array.isArray(schema.fields)) {
    throw new Error(`The frame has no schema.fields array. ${WIRE_HINT}`);
  }
  const total = schema.fields.length;
  if (isRecord(data) && Array.isArray(data.values) && data.values.length !== total) {
    throw new Error(`schema.fields lists ${total} field(s) but data.values has ${data.values.length} column(s); they must match one to one.`);
  }
  if (total > DECODED_FIELD_LIMIT) {
    notes.push(`Only the first ${DECODED_FIELD_LIMIT.toLocaleString('en')} of its ${total.toLocaleString('en')} fields are read here: more would stall the page. Every field is in the JSON tab.`);
  }
  const fields = schema.fields.slice(0, DECODED_FIELD_LIMIT).map((f, i) => {
    if (!isRecord(f)) throw new Error(`schema.fields[${i}] is ${describe(f)}, not a field object like { name, type }.`);
    // Learner JSON: keep only shapes @grafana/data can digest, so a stray string config
    // or labels value doesn't turn into nonsense further down.
    const name = typeof f.name === 'string' ? f.name : String(f.name ?? '');
    return {
      ...f,
      name,
      type: typeof f.type === 'string' ? f.type : undefined,
      config: isRecord(f.config) ? safeConfig(f.config, name, notes) : {},
      labels: isRecord(f.labels) ? f.labels : undefined,
    };
  });
  let values: unknown[][] = fields.map(() => []);
  if (data !== undefined && data !== null) {
    if (!isRecord(data) || !Array.isArray(data.values)) throw new Error(`data.values is missing or not an array. ${WIRE_HINT}`);
    const columns = data.values.slice(0, fields.length);
    const rows = columns.reduce<number>((most, column) => Math.max(most, lengthOf(column)), 0);
    values = columns.map((column, i) => {
      if (!Array.isArray(column) && !ArrayBuffer.isView(column)) throw new Error(`data.values[${i}] is ${describe(column)}, not an array of values.`);
      // dataFrameFromJSON changes a column only to pad it to the frame's length or to decode
      // its entities or enums. A column the page unpacked from numbers (frame-transfer.ts)
      // that needs none of that is shared, not copied: copying a million-point answer's
      // columns was most of the page's longest task when it arrived (about 100 ms, profiled).
      if (isNumberColumn(column) && lengthOf(column) === rows && !entryAt(data.entities, i) && !entryAt(data.enums, i)) return column as unknown[];
      return Array.from(column as ArrayLike<unknown>);
    });
  }
  const frame = dataFrameFromJSON({
    schema: { ...(schema as object), meta: isRecord(schema.meta) ? schema.meta : undefined, fields } as DataFrameJSON['schema'],
    data: { ...(isRecord(data) ? data : {}), values } as DataFrameJSON['data'],
  });
  return { frame: { ...frame, refId: frame.refId ?? refId, fields: frame.fields.map(normalizeTimeField) }, notes };
}

/** The length of an array or typed array; 0 for anything else. */
function lengthOf(column: unknown): number {
  return Array.isArray(column) || ArrayBuffer.isView(column) ? (column as ArrayLike<unknown>).length : 0;
}

/** `list[i]` when `list` is an array and that entry is set; undefined otherwise. */
function entryAt(list: unknown, i: number): unknown {
  return Array.isArray(list) ? list[i] : undefined;
}

/**
 * The frame wire JSON with only its first `limit` fields (the same JSON when it has no
 * more), for checks that read wire JSON, such as the data-plane report.
 */
export function withFirstFields<T>(json: T, limit = DECODED_FIELD_LIMIT): T {
  if (!isRecord(json) || !isRecord(json.schema) || !Array.isArray(json.schema.fields) || json.schema.fields.length <= limit) return json;
  const data = isRecord(json.data) && Array.isArray(json.data.values) ? { ...json.data, values: json.data.values.slice(0, limit) } : json.data;
  return { ...json, schema: { ...json.schema, fields: json.schema.fields.slice(0, limit) }, data } as T;
}

/** What `parseResults` decoded, and how many frames there were in all. */
export interface ParsedResults {
  /** The frames decoded, in request order. */
  frames: ParsedFrame[];
  /** The frames that could not be read, with the reason. */
  problems: FrameProblem[];
  /** Every frame of every result, decoded or not. */
  total: number;
  /** Frames looked at (decoded or refused): the first `limit`; the rest were left as they are. */
  decoded: number;
}

/**
 * Decodes the first `limit` frames of the results, in request order (default
 * `DECODED_FRAME_LIMIT`); bad frames become problems instead of throwing.
 */
export function parseResults(results: readonly QueryResultView[], limit = DECODED_FRAME_LIMIT): ParsedResults {
  const frames: ParsedFrame[] = [];
  const problems: FrameProblem[] = [];
  let total = 0;
  let decoded = 0;
  for (const result of results) {
    const list = Array.isArray(result.frames) ? result.frames : [];
    total += list.length;
    for (let index = 0; index < list.length && decoded < limit; index++, decoded++) {
      const key = `${result.refId}-${index}`;
      try {
        const { frame, notes } = decodeFrame(list[index], result.refId);
        frames.push({ key, refId: result.refId, index, frame, ...(notes.length ? { notes } : {}) });
      } catch (e) {
        problems.push({ key, refId: result.refId, index, message: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { frames, problems, total, decoded };
}

/**
 * The field's config with its value mappings made safe (value-mappings.ts); notes say
 * what was left out. An own `__proto__` entry (JSON can hold one) means nothing to
 * Grafana and would become the prototype of a copy made by assignment, so it goes too.
 */
function safeConfig(config: Record<string, unknown>, fieldName: string, notes: string[]): Record<string, unknown> {
  const hasProto = Object.hasOwn(config, '__proto__');
  if (!Object.hasOwn(config, 'mappings') && !hasProto) return config;
  const { mappings, dropped } = safeValueMappings(Object.hasOwn(config, 'mappings') ? config.mappings : undefined, fieldName);
  notes.push(...dropped);
  const rest: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(config)) if (key !== 'mappings' && key !== '__proto__') rest[key] = config[key];
  return { ...rest, ...(mappings ? { mappings } : {}) };
}

/**
 * Frame-valued field types (`frame`, `nestedFrames`) exist only in Grafana's frontend;
 * `applyFieldOverrides` recurses into their values and crashes on anything that is not a
 * frame. For drawing, such fields become `other` (shown as JSON); summaries keep the
 * declared type.
 */
export function forGrafanaDisplay(frame: DataFrame): DataFrame {
  if (!frame.fields.some((f) => f.type === FieldType.frame || f.type === FieldType.nestedFrames)) return frame;
  return {
    ...frame,
    fields: frame.fields.map((f) => (f.type === FieldType.frame || f.type === FieldType.nestedFrames ? { ...f, type: FieldType.other } : f)),
  };
}

/**
 * Time values on the wire are epoch milliseconds; learners sometimes send ISO strings or
 * Dates. Grafana's panels would not draw those, so we convert and let the summary show it.
 */
function normalizeTimeField(field: Field): Field {
  if (field.type !== FieldType.time || field.values.every((v) => typeof v === 'number' || v == null)) return field;
  const values = field.values.map((v) => {
    if (typeof v === 'number' || v == null) return v;
    const ms = v instanceof Date ? v.getTime() : Date.parse(String(v));
    return Number.isFinite(ms) ? ms : null;
  });
  return { ...field, values };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

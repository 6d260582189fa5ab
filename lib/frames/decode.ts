/**
 * Step 1 of frame preparation: Grafana's frame wire JSON → `DataFrame`, with learner
 * mistakes (bad shapes, ISO time strings) turned into clear problems or fixed for
 * drawing. Uses `dataFrameFromJSON` from @grafana/data; never mutates its input.
 */
import { type DataFrame, type DataFrameJSON, type Field, FieldType, dataFrameFromJSON } from '@grafana/data';
import type { FrameProblem, ParsedFrame, QueryResultView } from './types';

const WIRE_HINT = 'Grafana expects { schema: { fields: [...] }, data: { values: [[...], ...] } }, as dataFrameToJSON(frame) returns.';

/**
 * Decodes one frame of wire JSON. Throws an Error saying what is wrong when the shape is
 * not a frame. Copies the value arrays first: `dataFrameFromJSON` fills and decodes them
 * in place, and the same JSON is also shown verbatim by the JSON view.
 */
export function frameFromWire(json: unknown, refId?: string): DataFrame {
  if (!isRecord(json)) throw new Error(`The frame is ${describe(json)}, not an object. ${WIRE_HINT}`);
  const { schema, data } = json;
  if (!isRecord(schema) || !Array.isArray(schema.fields)) {
    throw new Error(`The frame has no schema.fields array. ${WIRE_HINT}`);
  }
  const fields = schema.fields.map((f, i) => {
    if (!isRecord(f)) throw new Error(`schema.fields[${i}] is ${describe(f)}, not a field object like { name, type }.`);
    // Learner JSON: keep only shapes @grafana/data can digest, so a stray string config
    // or labels value doesn't turn into nonsense further down.
    return {
      ...f,
      name: typeof f.name === 'string' ? f.name : String(f.name ?? ''),
      type: typeof f.type === 'string' ? f.type : undefined,
      config: isRecord(f.config) ? f.config : {},
      labels: isRecord(f.labels) ? f.labels : undefined,
    };
  });
  let values: unknown[][] = fields.map(() => []);
  if (data !== undefined && data !== null) {
    if (!isRecord(data) || !Array.isArray(data.values)) throw new Error(`data.values is missing or not an array. ${WIRE_HINT}`);
    if (data.values.length !== fields.length) {
      throw new Error(`schema.fields lists ${fields.length} field(s) but data.values has ${data.values.length} column(s); they must match one to one.`);
    }
    values = data.values.map((column, i) => {
      if (!Array.isArray(column) && !ArrayBuffer.isView(column)) throw new Error(`data.values[${i}] is ${describe(column)}, not an array of values.`);
      return Array.from(column as ArrayLike<unknown>);
    });
  }
  const frame = dataFrameFromJSON({
    schema: { ...(schema as object), meta: isRecord(schema.meta) ? schema.meta : undefined, fields } as DataFrameJSON['schema'],
    data: { ...(isRecord(data) ? data : {}), values } as DataFrameJSON['data'],
  });
  return { ...frame, refId: frame.refId ?? refId, fields: frame.fields.map(normalizeTimeField) };
}

/** Decodes every frame of every result; bad frames become problems instead of throwing. */
export function parseResults(results: readonly QueryResultView[]): { frames: ParsedFrame[]; problems: FrameProblem[] } {
  const frames: ParsedFrame[] = [];
  const problems: FrameProblem[] = [];
  for (const result of results) {
    const list = Array.isArray(result.frames) ? result.frames : [];
    list.forEach((json, index) => {
      const key = `${result.refId}-${index}`;
      try {
        frames.push({ key, refId: result.refId, index, frame: frameFromWire(json, result.refId) });
      } catch (e) {
        problems.push({ key, refId: result.refId, index, message: e instanceof Error ? e.message : String(e) });
      }
    });
  }
  return { frames, problems };
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

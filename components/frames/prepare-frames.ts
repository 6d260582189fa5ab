/**
 * Pure helpers behind the frame views: Grafana's frame JSON → `DataFrame`, the field
 * config defaults a real time series panel applies, downsampling, summaries, and the
 * `/api/ds/query` response shape. No React and no `@grafana/ui` here, so all of it runs
 * in Node unit tests. Nothing mutates its input: learner frames are shared by all views.
 */
import {
  type DataFrame,
  type DataFrameJSON,
  type Field,
  type FieldConfig,
  type FieldConfigSource,
  type Labels,
  FieldColorModeId,
  FieldType,
  dataFrameFromJSON,
  getFieldDisplayName,
} from '@grafana/data';

/** An error one query reported, as the lab runtime passes it on. */
export interface QueryErrorView {
  /** Failure class, e.g. `upstream`, `validation`. */
  category: string;
  /** The handler's user-facing message. Untrusted text: render as text only. */
  message: string;
  /** HTTP-like status the handler set, e.g. 502. */
  status?: number;
}

/** The outcome of one query (one refId), in request order. */
export interface QueryResultView {
  /** The query's refId, e.g. `A`. */
  refId: string;
  /** Frames in Grafana's wire format (`{ schema, data }`), as `dataFrameToJSON` produces. */
  frames: DataFrameJSON[];
  /** Set when the query failed; frames may still hold partial data. */
  error?: QueryErrorView;
}

/** Props shared by FramesPanel, FramesData and FramesJson. */
export interface FramesViewProps {
  /** One entry per refId, in request order. */
  results: QueryResultView[];
  /** Most points drawn per series (the panel's width in Grafana). Default: no limit. */
  maxDataPoints?: number;
  /** The range the queries asked for, epoch ms. Default: the data's own extent. */
  timeRange?: { from: number; to: number };
}

/** A decoded frame and where it came from. */
export interface ParsedFrame {
  /** `<refId>-<index>`, e.g. `A-0`: a stable key and the frame's name in the UI. */
  key: string;
  refId: string;
  /** Position of the frame within its query's `frames`. */
  index: number;
  frame: DataFrame;
}

/** A frame that could not be decoded, with the reason in learner terms. */
export interface FrameProblem {
  key: string;
  refId: string;
  index: number;
  message: string;
}

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

/**
 * Field config a Grafana time series panel starts from. Grafana fills these in from its
 * panel plugin's option registry; `@grafana/data` alone ships that registry empty, so
 * `applyFieldOverrides` ignores `fieldConfig.defaults` here and every series would be
 * grey. `withFieldDefaults` applies them to each field before `applyFieldOverrides`.
 */
export const FIELD_CONFIG_DEFAULTS: FieldConfig = {
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: {
    drawStyle: 'line',
    lineInterpolation: 'linear',
    lineWidth: 1,
    fillOpacity: 0,
    gradientMode: 'none',
    showPoints: 'auto',
    pointSize: 5,
    spanNulls: false,
    axisPlacement: 'auto',
    axisColorMode: 'text',
    scaleDistribution: { type: 'linear' },
    stacking: { mode: 'none', group: 'A' },
    thresholdsStyle: { mode: 'off' },
    hideFrom: { legend: false, tooltip: false, viz: false },
  },
};

/** The `fieldConfig` passed to `applyFieldOverrides` (defaults are also applied per field). */
export const FIELD_CONFIG_SOURCE: FieldConfigSource = { defaults: FIELD_CONFIG_DEFAULTS, overrides: [] };

/** Returns a copy of the frame whose fields have the defaults wherever the learner set nothing. */
export function withFieldDefaults(frame: DataFrame, defaults: FieldConfig = FIELD_CONFIG_DEFAULTS): DataFrame {
  const fields = frame.fields.map((field) => {
    const own: FieldConfig = field.config ?? {};
    const config: FieldConfig = {
      ...defaults,
      ...own,
      color: own.color?.mode ? own.color : defaults.color,
      custom: { ...defaults.custom, ...own.custom },
    };
    return { ...field, config };
  });
  return { ...frame, fields };
}

/** How one frame of data will be drawn and what the panel should tell the learner about it. */
export interface PanelPlan {
  /** Frames for `TimeSeries`: a time field plus number fields, sorted and downsampled. */
  series: DataFrame[];
  /** Frames without a time field (or without numbers), shown in a table instead. */
  tables: ParsedFrame[];
  /** One-line notes on what was changed or left out, e.g. downsampling. */
  notes: string[];
  /** Set when nothing at all can be shown: why, in one line. */
  empty?: string;
}

/**
 * Splits decoded frames into what a time series panel draws and what goes to tables,
 * the way Grafana's time series panel does: it draws number fields against the first
 * time field, ignores the rest, and needs time in ascending order.
 */
export function planPanel(results: readonly QueryResultView[], parsed: readonly ParsedFrame[], maxDataPoints?: number): PanelPlan {
  const series: DataFrame[] = [];
  const tables: ParsedFrame[] = [];
  const notes: string[] = [];
  for (const p of parsed) {
    const time = p.frame.fields.find((f) => f.type === FieldType.time);
    const numbers = p.frame.fields.filter((f) => f.type === FieldType.number);
    if (!time) {
      if (p.frame.fields.length > 0) tables.push(p);
      continue;
    }
    if (numbers.length === 0) {
      notes.push(`Frame ${p.key} has a time field but no number field, so it is shown as a table.`);
      tables.push(p);
      continue;
    }
    if (p.frame.length === 0) {
      notes.push(`Frame ${p.key} has no rows.`);
      continue;
    }
    const skipped = p.frame.fields.filter((f) => f !== time && f.type !== FieldType.number).map((f) => `"${f.name}"`);
    if (skipped.length > 0) {
      notes.push(`Frame ${p.key}: ${skipped.join(', ')} not drawn (the time series panel draws number fields; labels belong in field labels, not columns).`);
    }
    let frame: DataFrame = { ...p.frame, fields: [time, ...numbers.map(finiteOrNull)] };
    if (!isAscending(time.values)) {
      frame = sortByTime(frame);
      notes.push(`Frame ${p.key}: time values were not in ascending order; sorted for drawing. Grafana expects them sorted.`);
    }
    if (maxDataPoints && maxDataPoints >= 3 && frame.length > maxDataPoints) {
      notes.push(`Frame ${p.key} has ${frame.length} points per series; drawn as ${maxDataPoints} (maxDataPoints), like a panel that is ${maxDataPoints} px wide.`);
      series.push(...downsampleFrame(frame, maxDataPoints));
    } else {
      series.push(frame);
    }
  }
  const plan: PanelPlan = { series: series.map((f) => withFieldDefaults(f)), tables, notes };
  if (series.length === 0 && tables.length === 0) plan.empty = emptyReason(results, parsed);
  return plan;
}

/** Why a panel has nothing to draw, in one line. */
export function emptyReason(results: readonly QueryResultView[], parsed: readonly ParsedFrame[]): string {
  if (results.length === 0) return 'No query results yet: the request had no queries.';
  const frameCount = results.reduce((n, r) => n + (Array.isArray(r.frames) ? r.frames.length : 0), 0);
  if (frameCount === 0) {
    return results.every((r) => r.error) ? 'Every query failed and returned no frames.' : 'The handler returned no frames.';
  }
  if (parsed.length === 0) return 'None of the frames could be read; see the problems listed above.';
  if (parsed.every((p) => p.frame.fields.length === 0)) return 'The frames have no fields.';
  if (parsed.every((p) => p.frame.length === 0)) return 'The frames have no rows.';
  return 'The frames have no time field with number fields to draw.';
}

function finiteOrNull(field: Field): Field {
  if (field.values.every((v) => v == null || Number.isFinite(v))) return field;
  // Grafana draws NaN and ±Infinity as gaps.
  return { ...field, values: field.values.map((v) => (v == null || Number.isFinite(v) ? v : null)) };
}

function isAscending(values: readonly unknown[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if ((values[i] as number) < (values[i - 1] as number)) return false;
  }
  return true;
}

function sortByTime(frame: DataFrame): DataFrame {
  const order = frame.fields[0].values.map((_, i) => i).sort((a, b) => (frame.fields[0].values[a] as number) - (frame.fields[0].values[b] as number));
  return { ...frame, fields: frame.fields.map((f) => pick(f, order)) };
}

function pick(field: Field, indices: readonly number[]): Field {
  return { ...field, values: indices.map((i) => field.values[i]) };
}

/**
 * Largest-Triangle-Three-Buckets: picks `threshold` indices that keep a line's visual
 * shape (peaks survive, unlike every-nth sampling). Always keeps the first and last
 * point. A bucket that is mostly nulls keeps a null, so gaps in the data stay visible.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<unknown>, threshold: number): number[] {
  const n = xs.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      const y = ys[j];
      if (typeof y === 'number' && Number.isFinite(y)) {
        avgX += xs[j];
        avgY += y;
        count++;
      }
    }
    const ya = ys[a];
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = xs[Math.min(avgStart, n - 1)];
      avgY = typeof ya === 'number' && Number.isFinite(ya) ? ya : 0;
    }
    const ax = xs[a];
    const ay = typeof ya === 'number' && Number.isFinite(ya) ? ya : avgY;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = -1;
    let bestArea = -1;
    let firstNull = -1;
    let nulls = 0;
    for (let j = start; j < end; j++) {
      const y = ys[j];
      if (typeof y !== 'number' || !Number.isFinite(y)) {
        if (firstNull < 0) firstNull = j;
        nulls++;
        continue;
      }
      const area = Math.abs((ax - avgX) * (y - ay) - (ax - xs[j]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    if (best < 0 || (nulls > 0 && nulls * 2 >= end - start)) best = firstNull >= 0 ? firstNull : start;
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/**
 * Downsamples a time series frame (time field first, then number fields) so no series
 * has more than `maxPoints` points. Each series picks its own points, so a frame with
 * several series becomes one frame per series; the panel joins them on time again.
 */
export function downsampleFrame(frame: DataFrame, maxPoints: number): DataFrame[] {
  const [time, ...values] = frame.fields;
  if (!time || frame.length <= maxPoints || maxPoints < 3) return [frame];
  const xs = time.values as number[];
  return values.map((field) => {
    const idx = lttbIndices(xs, field.values, maxPoints);
    return { ...frame, fields: [pick(time, idx), pick(field, idx)], length: idx.length };
  });
}

/** Names the legend shows for each number field (what series visibility is keyed by). */
export function seriesNames(frames: readonly DataFrame[]): string[] {
  return frames.flatMap((frame) =>
    frame.fields.filter((f) => f.type === FieldType.number).map((f) => getFieldDisplayName(f, frame, frames as DataFrame[])),
  );
}

/**
 * Grafana's legend clicks: a click isolates a series (or shows all again if it already
 * was the only one); ctrl/cmd-click (`append`) toggles one; `setExactly` shows exactly
 * the given names (null: all). Returns the set of hidden series names.
 */
export function nextHiddenSeries(all: readonly string[], hidden: ReadonlySet<string>, label: string | string[] | null, mode: string): Set<string> {
  if (mode === 'setExactly') {
    if (label == null) return new Set();
    const visible = new Set(([] as string[]).concat(label));
    return new Set(all.filter((n) => !visible.has(n)));
  }
  const name = String(label);
  if (mode === 'append') {
    const next = new Set(hidden);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    return next;
  }
  const onlyThis = all.every((n) => (n === name ? !hidden.has(n) : hidden.has(n)));
  return onlyThis ? new Set() : new Set(all.filter((n) => n !== name));
}

/** Copies of the frames with hidden series marked `hideFrom.viz`, as Grafana's override does. */
export function hideSeries(frames: DataFrame[], hidden: ReadonlySet<string>): DataFrame[] {
  if (hidden.size === 0) return frames;
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      if (field.type !== FieldType.number || !hidden.has(getFieldDisplayName(field, frame, frames))) return field;
      const custom = { ...field.config.custom, hideFrom: { ...field.config.custom?.hideFrom, viz: true, tooltip: true, legend: false } };
      return { ...field, config: { ...field.config, custom } };
    }),
  }));
}

/** Smallest and largest time value across frames (epoch ms), or undefined if none. */
export function timeExtent(frames: readonly DataFrame[]): { from: number; to: number } | undefined {
  let from = Infinity;
  let to = -Infinity;
  for (const frame of frames) {
    for (const field of frame.fields) {
      if (field.type !== FieldType.time) continue;
      for (const v of field.values) {
        if (typeof v === 'number' && Number.isFinite(v)) {
          if (v < from) from = v;
          if (v > to) to = v;
        }
      }
    }
  }
  return from <= to ? { from, to } : undefined;
}

/**
 * The x range to draw: the requested range, unless no data falls inside it (then the
 * data's extent, with a note, like Grafana's "Data outside time range" + zoom to data).
 * A single instant is widened by a minute each side so the axis has a width.
 */
export function drawRange(requested: { from: number; to: number } | undefined, data: { from: number; to: number } | undefined): { from: number; to: number; note?: string } {
  if (requested && (!data || (data.to >= requested.from && data.from <= requested.to))) return requested;
  if (!data) return { from: Date.now() - 3_600_000, to: Date.now() };
  const widen = data.from === data.to ? 60_000 : 0;
  const range = { from: data.from - widen, to: data.to + widen };
  return requested ? { ...range, note: 'Data outside time range: no point falls in the requested range, so the panel shows the data’s own range.' } : range;
}

/** Grafana's way of writing labels: `{host="a", region="eu"}`, or `` when there are none. */
export function formatLabels(labels: Labels | undefined): string {
  if (!labels || typeof labels !== 'object') return '';
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`);
  return parts.length ? `{${parts.join(', ')}}` : '';
}

/** One field as the data view lists it. */
export interface FieldSummary {
  name: string;
  /** `time`, `number`, `string`, `boolean`, `other`, … */
  type: string;
  /** `{k="v"}` or empty. */
  labels: string;
  /** `config.unit`, e.g. `ms`. */
  unit?: string;
  /** `config.displayName`, else the data source's `config.displayNameFromDS` (which a user's displayName overrides). */
  displayName?: string;
}

/** What the data view's header says about a frame. */
export interface FrameSummary {
  key: string;
  refId: string;
  /** `frame.name`, or undefined when the frame has none. */
  name?: string;
  /** `meta.type` (data plane type, e.g. `timeseries-wide`), or undefined when not declared. */
  dataplaneType?: string;
  /** `meta.typeVersion` as `0.1`, when declared. */
  typeVersion?: string;
  rows: number;
  fields: FieldSummary[];
}

export function summarizeFrame(p: ParsedFrame): FrameSummary {
  const { frame } = p;
  const meta = frame.meta;
  return {
    key: p.key,
    refId: p.refId,
    name: typeof frame.name === 'string' && frame.name !== '' ? frame.name : undefined,
    dataplaneType: meta?.type ? String(meta.type) : undefined,
    typeVersion: Array.isArray(meta?.typeVersion) ? meta.typeVersion.join('.') : undefined,
    rows: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: String(f.type),
      labels: formatLabels(f.labels),
      unit: optionalText(f.config?.unit),
      displayName: optionalText(f.config?.displayName) ?? optionalText(f.config?.displayNameFromDS),
    })),
  };
}

/** One query's entry in `/api/ds/query`'s response. */
export interface DataResponseJSON {
  /** HTTP-like status: 200 on success, the handler's status (or 500) on error. */
  status: number;
  frames: DataFrameJSON[];
  /** The error message, as Grafana sends it (a plain string). */
  error?: string;
}

/** The body Grafana's `POST /api/ds/query` returns: `{ results: { [refId]: DataResponseJSON } }`. */
export interface QueryDataResponseJSON {
  results: Record<string, DataResponseJSON>;
}

/**
 * Builds the `/api/ds/query` response for the results. JSON has no NaN or ±Infinity,
 * so like Grafana's encoder those values become `null` and are listed in
 * `data.entities` per field.
 */
export function toQueryDataResponse(results: readonly QueryResultView[]): QueryDataResponseJSON {
  // No prototype: a query's refId comes from saved or imported progress, and `toString` is a valid one.
  const out: Record<string, DataResponseJSON> = Object.create(null);
  for (const r of results) {
    const frames = (Array.isArray(r.frames) ? r.frames : []).map(encodeEntities);
    const entry: DataResponseJSON = out[r.refId] ?? { status: 200, frames: [] };
    entry.frames = [...entry.frames, ...frames];
    if (r.error && entry.error === undefined) {
      entry.error = String(r.error.message);
      entry.status = typeof r.error.status === 'number' ? r.error.status : 500;
    }
    out[r.refId] = entry;
  }
  return { results: out };
}

type Entities = { NaN?: number[]; Inf?: number[]; NegInf?: number[] };

/** Replaces NaN/±Infinity by null and records where they were, as Grafana's wire format does. */
export function encodeEntities(frame: DataFrameJSON): DataFrameJSON {
  const values = frame?.data?.values;
  if (!Array.isArray(values)) return frame;
  let any = false;
  const entities: Array<Entities | null> = [];
  const encoded = values.map((column) => {
    if (!Array.isArray(column) || column.every((v) => typeof v !== 'number' || Number.isFinite(v))) {
      entities.push(null);
      return column;
    }
    const e: Entities = {};
    const mark = (key: keyof Entities, i: number) => (e[key] ??= []).push(i);
    const next = column.map((v, i) => {
      if (typeof v !== 'number' || Number.isFinite(v)) return v;
      mark(Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : 'NegInf', i);
      return null;
    });
    any = true;
    entities.push(e);
    return next;
  });
  return any ? { ...frame, data: { ...frame.data, values: encoded, entities } } : frame;
}

/**
 * Pretty-prints JSON that came from learner code: bigint becomes a number (or a string
 * when too large), and a cycle gives a readable error instead of a crash.
 */
export function stringifyJSON(value: unknown): { text: string } | { error: string } {
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v), 2);
    return { text: text ?? 'undefined' };
  } catch (e) {
    return { error: `The results cannot be written as JSON: ${e instanceof Error ? e.message : String(e)}. Frames must hold plain values (no cycles).` };
  }
}

/** Cuts text to at most `maxChars` characters for display, saying whether it did. */
export function capText(text: string, maxChars: number): { shown: string; truncated: boolean } {
  return text.length <= maxChars ? { shown: text, truncated: false } : { shown: text.slice(0, maxChars), truncated: true };
}

export { formatBytes } from '@/lib/format';

function optionalText(v: unknown): string | undefined {
  return v == null || v === '' ? undefined : String(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

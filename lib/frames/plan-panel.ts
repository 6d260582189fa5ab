/**
 * Step 3: what a Grafana time series panel draws from decoded frames and what goes to
 * tables: number fields against the first time field, time ascending (sorted with
 * @grafana/data's `sortDataFrame`), NaN/±Infinity as gaps, decimated to maxDataPoints.
 * The legend names come from `getFieldDisplayName`, the function Grafana's legend uses.
 */
import { type DataFrame, type Field, FieldType, getFieldDisplayName, sortDataFrame } from '@grafana/data';
import { downsampleFrame } from './downsample';
import { withFieldDefaults } from './field-defaults';
import type { ParsedFrame, QueryResultView } from './types';

/**
 * Frames the panel draws (time series frames and tables together). Thousands of tiny
 * frames froze the page for seconds (6,000 two-point frames: 4 s; the legend names
 * alone grow with the square of the series), and a legend that long is unreadable in
 * Grafana too. The rest are counted in a note; every frame is in the JSON tab.
 */
export const PANEL_FRAME_LIMIT = 50;
/** Number fields (series) drawn over all frames, for the same reason: one wide frame can hold thousands. */
export const PANEL_SERIES_LIMIT = 100;
/** Notes listed one by one (a note per frame would be thousands of lines); the rest are counted. */
export const PANEL_NOTE_LIMIT = 20;

/** One series the panel draws, under its legend name. */
export interface PanelSeries {
  /** The legend name: `getFieldDisplayName(field, frame, allSeriesFrames)`. */
  name: string;
  /** Key of the frame it came from, e.g. `A-0`. */
  frameKey: string;
  /** Points the handler sent for it. */
  points: number;
  /** Points drawn (fewer when decimated to maxDataPoints). */
  drawn: number;
}

/** How the frames will be drawn and what the panel should tell the learner about it. */
export interface PanelPlan {
  /** Frames for `TimeSeries`: a time field plus number fields, sorted and downsampled, with defaults. */
  series: DataFrame[];
  /** Every number field of `series`, in order, with its legend name. */
  legend: PanelSeries[];
  /** Frames without a time field (or without numbers), shown in a table instead. */
  tables: ParsedFrame[];
  /** One-line notes on what was changed or left out, e.g. downsampling. */
  notes: string[];
  /** Set when nothing at all can be shown: why, in one line. */
  empty?: string;
  /** Frames in all the results, and how many of them (the first) the plan looked at; the rest are left out (PANEL_FRAME_LIMIT). */
  frames: { total: number; shown: number };
}

/**
 * Splits decoded frames into what a time series panel draws and what goes to tables,
 * the way Grafana's time series panel does: it draws number fields against the first
 * time field, ignores the rest, and needs time in ascending order.
 */
export function planPanel(results: readonly QueryResultView[], parsed: readonly ParsedFrame[], maxDataPoints?: number, decoded = frameCount(results)): PanelPlan {
  const drawn: { frame: DataFrame; key: string; points: number }[] = [];
  const tables: ParsedFrame[] = [];
  const notes: string[] = [];
  const total = frameCount(results);
  let shown = 0; // frames drawn, as series or as tables
  let firstLeftOut: ParsedFrame | undefined;
  let seriesLeft = PANEL_SERIES_LIMIT;
  let seriesCut = false;
  for (const p of parsed) {
    if (shown >= PANEL_FRAME_LIMIT || seriesLeft === 0) {
      firstLeftOut = p;
      break;
    }
    if (p.notes) notes.push(...p.notes.map((n) => `Frame ${p.key}: ${n}`));
    const time = p.frame.fields.find((f) => f.type === FieldType.time);
    let numbers = p.frame.fields.filter((f) => f.type === FieldType.number);
    if (!time) {
      if (p.frame.fields.length > 0) {
        tables.push(p);
        shown++;
      }
      continue;
    }
    if (numbers.length === 0) {
      notes.push(`Frame ${p.key} has a time field but no number field, so it is shown as a table.`);
      tables.push(p);
      shown++;
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
    if (numbers.length > seriesLeft) {
      numbers = numbers.slice(0, seriesLeft);
      seriesCut = true;
    }
    seriesLeft -= numbers.length;
    shown++;
    let frame: DataFrame = { ...p.frame, fields: [time, ...numbers.map(finiteOrNull)] };
    if (!isAscending(time.values)) {
      frame = sortDataFrame(frame, 0);
      notes.push(`Frame ${p.key}: time values were not in ascending order; sorted for drawing. Grafana expects them sorted.`);
    }
    if (maxDataPoints && maxDataPoints >= 3 && frame.length > maxDataPoints) {
      notes.push(`Frame ${p.key} has ${frame.length} points per series; drawn as ${maxDataPoints} (maxDataPoints), like a panel that is ${maxDataPoints} px wide.`);
      for (const part of downsampleFrame(frame, maxDataPoints)) drawn.push({ frame: part, key: p.key, points: frame.length });
    } else {
      drawn.push({ frame, key: p.key, points: frame.length });
    }
  }
  const limits: string[] = [];
  // Frames before the first one left out were all looked at (drawn, noted, or refused as problems).
  const looked = firstLeftOut ? positionOf(results, firstLeftOut) : Math.min(decoded, total);
  if (looked < total) {
    limits.push(
      `Showing the first ${looked.toLocaleString('en')} of ${total.toLocaleString('en')} frames: the panel draws at most ${PANEL_FRAME_LIMIT} frames and ${PANEL_SERIES_LIMIT} series, ` +
        'as more would stall this page (and make a legend nobody can read in Grafana either). Every frame is in the JSON tab.',
    );
  } else if (seriesCut) {
    limits.push(`Showing the first ${PANEL_SERIES_LIMIT} series: more would stall this page. Every field is in the Data and JSON tabs.`);
  }
  const series = drawn.map((d) => withFieldDefaults(d.frame));
  const legend = drawn.flatMap((d, i) =>
    series[i].fields.filter((f) => f.type === FieldType.number).map((f) => ({ name: getFieldDisplayName(f, series[i], series), frameKey: d.key, points: d.points, drawn: d.frame.length })),
  );
  const plan: PanelPlan = { series, legend, tables, notes: [...limits, ...capNotes(notes)], frames: { total, shown: looked } };
  if (series.length === 0 && tables.length === 0) plan.empty = emptyReason(results, parsed);
  return plan;
}

/** Every frame of every result. */
export function frameCount(results: readonly QueryResultView[]): number {
  return results.reduce((n, r) => n + (Array.isArray(r.frames) ? r.frames.length : 0), 0);
}

/** Where a frame stands among all the results' frames, counting from 0. */
function positionOf(results: readonly QueryResultView[], p: ParsedFrame): number {
  let before = 0;
  for (const r of results) {
    if (r.refId === p.refId) return before + p.index;
    before += Array.isArray(r.frames) ? r.frames.length : 0;
  }
  return before;
}

function capNotes(notes: string[]): string[] {
  if (notes.length <= PANEL_NOTE_LIMIT) return notes;
  return [...notes.slice(0, PANEL_NOTE_LIMIT), `… and ${(notes.length - PANEL_NOTE_LIMIT).toLocaleString('en')} more notes like these.`];
}

/** Why a panel has nothing to draw, in one line. */
export function emptyReason(results: readonly QueryResultView[], parsed: readonly ParsedFrame[]): string {
  if (results.length === 0) return 'No query results yet: the request had no queries.';
  if (frameCount(results) === 0) {
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

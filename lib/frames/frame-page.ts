import type { DataFrame } from '@grafana/data';

/** Rows [start, end) of a frame, for one page of a table. The frame itself when it all fits. */
export function framePage(frame: DataFrame, start: number, end: number): DataFrame {
  if (start <= 0 && end >= frame.length) return frame;
  const from = Math.max(0, start);
  const to = Math.min(end, frame.length);
  return { ...frame, length: Math.max(0, to - from), fields: frame.fields.map((f) => ({ ...f, values: f.values.slice(from, to) })) };
}

/**
 * Fields (columns) the Data tab lays out per frame: Grafana's Table draws every column
 * it is given, and a frame of thousands of fields stalled the page like thousands of frames.
 */
export const FIELD_COLUMN_LIMIT = 100;

/** The first `max` fields of a frame; the frame itself when it has no more. */
export function frameColumns(frame: DataFrame, max: number): DataFrame {
  return frame.fields.length <= max ? frame : { ...frame, fields: frame.fields.slice(0, max) };
}

import type { DataFrame } from '@grafana/data';

/** Rows [start, end) of a frame, for one page of a table. The frame itself when it all fits. */
export function framePage(frame: DataFrame, start: number, end: number): DataFrame {
  if (start <= 0 && end >= frame.length) return frame;
  const from = Math.max(0, start);
  const to = Math.min(end, frame.length);
  return { ...frame, length: Math.max(0, to - from), fields: frame.fields.map((f) => ({ ...f, values: f.values.slice(from, to) })) };
}

/** The x range a time series panel draws: the requested range, or the data's own. Pure. */
import { type DataFrame, FieldType } from '@grafana/data';

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
 * A single instant is widened by a minute each side so the axis has a width. With
 * neither, the hour before `now` (epoch ms).
 */
export function drawRange(
  requested: { from: number; to: number } | undefined,
  data: { from: number; to: number } | undefined,
  now: number = Date.now(),
): { from: number; to: number; note?: string } {
  if (requested && (!data || (data.to >= requested.from && data.from <= requested.to))) return requested;
  if (!data) return { from: now - 3_600_000, to: now };
  const widen = data.from === data.to ? 60_000 : 0;
  const range = { from: data.from - widen, to: data.to + widen };
  return requested ? { ...range, note: 'Data outside time range: no point falls in the requested range, so the panel shows the data’s own range.' } : range;
}

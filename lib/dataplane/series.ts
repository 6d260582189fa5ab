/**
 * Reads the time series out of frames of any time series format, as a consumer of the
 * contract would: multi (a series per frame), wide (a series per value field) and long
 * (a series per value field and combination of string values). Checks use it to compare
 * what a handler built with what the upstream holds, whatever format was asked for.
 */
import { inspectFrames } from './inspect';
import { isUnreadable, toInspectable } from './input';
import { seriesKey } from './format';
import { isValueField, timeField } from './rules-fields';
import type { InspectFrame } from './types';

/** One series as the frames hold it, points in the order of the frame's rows. */
export interface TimeSeriesData {
  /** The value field's name: the series name. */
  name: string;
  /** Field labels (wide, multi) or string-field values (long). */
  labels: Record<string, string>;
  /** The time field's values for the series' rows. */
  times: unknown[];
  /** The value field's values for the same rows. */
  values: unknown[];
}

/**
 * The series of a response, in the order they first appear. Frames the checker gives no
 * time series type (declared or read from the shape) and frames without a time field are skipped.
 */
export function readTimeSeries(input: readonly unknown[]): TimeSeriesData[] {
  const report = inspectFrames(input);
  const out: TimeSeriesData[] = [];
  input.forEach((raw, index) => {
    const type = report.frames[index]?.type;
    const frame = toInspectable(raw);
    if (!type?.startsWith('timeseries') || isUnreadable(frame)) return;
    const time = timeField(frame);
    if (!time) return;
    if (type === 'timeseries-long') out.push(...longSeries(frame, time.values));
    else {
      const values = frame.fields.filter(isValueField);
      for (const field of type === 'timeseries-multi' ? values.slice(0, 1) : values) {
        out.push({ name: field.name, labels: { ...field.labels }, times: [...time.values], values: [...field.values] });
      }
    }
  });
  return out;
}

function longSeries(frame: InspectFrame, times: readonly unknown[]): TimeSeriesData[] {
  const dims = frame.fields.filter((f) => f.type === 'string');
  const series = new Map<string, TimeSeriesData>();
  for (const field of frame.fields.filter(isValueField)) {
    times.forEach((t, row) => {
      const labels = Object.fromEntries(dims.map((d) => [d.name, String(d.values[row] ?? '')]));
      const key = seriesKey(field.name, labels);
      const entry = series.get(key) ?? { name: field.name, labels, times: [], values: [] };
      entry.times.push(t);
      entry.values.push(field.values[row]);
      series.set(key, entry);
    });
  }
  return [...series.values()];
}

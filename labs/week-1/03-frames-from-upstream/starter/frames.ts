import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import type { MatrixSeries } from './metrics';

/**
 * format "multi": one frame per series (tasks 1 to 3).
 * Run it, then open the Data tab: the checker under each frame says what is off.
 */
export function toMultiFrames(metric: string, series: MatrixSeries[], refId: string): DataFrame[] {
  return series.map((s) =>
    createDataFrame({
      name: metric,
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: s.values.map(([t]) => t) },
        { name: 'value', values: s.values.map(([, v]) => v) },
      ],
    }),
  );
}

/**
 * format "long": every series in one frame, a row per series and time (task 4).
 */
export function toLongFrame(metric: string, series: MatrixSeries[], refId: string): DataFrame {
  // TODO (task 4): a time field, a string field per label name, one number field named after the metric.
  return createDataFrame({ name: metric, refId, fields: [] });
}

/**
 * Converts a timeseries-long frame to timeseries-wide (task 5).
 */
export function longToWide(long: DataFrame): DataFrame {
  // TODO (task 5): one time field without repeats, one number field per series.
  return long;
}

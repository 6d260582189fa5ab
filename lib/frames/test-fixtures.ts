/** Frames shared by the frame-preparation tests. */
import { createDataFrame, dataFrameToJSON, FieldType, type DataFrameJSON } from '@grafana/data';

export const T0 = 1_700_000_000_000;

export function wideJSON(rows = 3, series = ['a', 'b']): DataFrameJSON {
  return dataFrameToJSON(
    createDataFrame({
      name: 'cpu',
      meta: { type: 'timeseries-wide' as never, typeVersion: [0, 1] },
      fields: [
        { name: 'time', type: FieldType.time, values: Array.from({ length: rows }, (_, i) => T0 + i * 1000) },
        ...series.map((s, k) => ({
          name: 'value',
          type: FieldType.number,
          labels: { host: s },
          config: { unit: 'percent' },
          values: Array.from({ length: rows }, (_, i) => i * (k + 1)),
        })),
      ],
    }),
  );
}

export const tableJSON = (): DataFrameJSON =>
  dataFrameToJSON(createDataFrame({ fields: [{ name: 'host', type: FieldType.string, values: ['a', 'b'] }] }));


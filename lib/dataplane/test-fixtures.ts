/**
 * Valid frames of every checked type, built with `@grafana/data` as a handler would.
 * Tests derive invalid frames from these by changing one thing at a time.
 */
import { createDataFrame, FieldType, type DataFrame, type DataFrameType, type FieldDTO } from '@grafana/data';
import type { DataplaneType } from './types';

export const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
export const MINUTE = 60_000;
export const times = (n: number) => Array.from({ length: n }, (_, i) => T0 + i * MINUTE);

const meta = (type: DataplaneType) => ({ type: type as unknown as DataFrameType, typeVersion: [0, 1] as [number, number] });

export function frame(type: DataplaneType, fields: FieldDTO[], name = 'cpu'): DataFrame {
  return createDataFrame({ name, meta: meta(type), fields });
}

/** One valid response per type. */
export const VALID: Record<DataplaneType, () => DataFrame[]> = {
  'timeseries-multi': () => [
    frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(4) },
      { name: 'cpu', type: FieldType.number, values: [1, 4, 2, 3], labels: { host: 'a' } },
    ]),
    frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: times(3) },
      { name: 'cpu', type: FieldType.number, values: [6, 8, 5], labels: { host: 'b' } },
    ]),
  ],
  'timeseries-wide': () => [
    frame('timeseries-wide', [
      { name: 'time', type: FieldType.time, values: times(4) },
      { name: 'cpu', type: FieldType.number, values: [1, 4, 2, 3], labels: { host: 'a' } },
      { name: 'cpu', type: FieldType.number, values: [6, 8, null, 9], labels: { host: 'b' } },
    ]),
  ],
  'timeseries-long': () => [
    frame('timeseries-long', [
      { name: 'time', type: FieldType.time, values: [T0, T0, T0 + MINUTE, T0 + MINUTE] },
      { name: 'host', type: FieldType.string, values: ['a', 'b', 'a', 'b'] },
      { name: 'cpu', type: FieldType.number, values: [1, 6, 4, 8] },
    ]),
  ],
  'numeric-multi': () => [
    frame('numeric-multi', [{ name: 'cpu', type: FieldType.number, values: [1], labels: { host: 'a' } }]),
    frame('numeric-multi', [{ name: 'cpu', type: FieldType.number, values: [6], labels: { host: 'b' } }]),
  ],
  'numeric-wide': () => [
    frame('numeric-wide', [
      { name: 'cpu', type: FieldType.number, values: [1], labels: { host: 'a' } },
      { name: 'cpu', type: FieldType.number, values: [6], labels: { host: 'b' } },
    ]),
  ],
  'numeric-long': () => [
    frame('numeric-long', [
      { name: 'cpu', type: FieldType.number, values: [1, 6] },
      { name: 'host', type: FieldType.string, values: ['a', 'b'] },
    ]),
  ],
};

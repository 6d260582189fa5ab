import { createDataFrame, dataFrameToJSON, DataFrameType, FieldType, type DataFrameJSON } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { inspectResults, summarizeContract } from './contract-summary';

const T0 = Date.UTC(2026, 0, 15, 12);
const json = (meta: object | undefined, times: number[], values: unknown[]): DataFrameJSON =>
  dataFrameToJSON(
    createDataFrame({
      meta,
      fields: [
        { name: 'time', type: FieldType.time, values: times },
        { name: 'cpu', type: FieldType.number, values },
      ],
    }),
  );

describe('the Data tab’s contract summary', () => {
  it('a declared, valid frame follows the contract', () => {
    const reports = inspectResults([{ refId: 'A', frames: [json({ type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] }, [T0], [1])] }]);
    expect(summarizeContract(reports.get('A')!.frames[0])).toEqual({ status: 'ok', type: 'timeseries-multi', source: 'declared in meta.type', violations: [] });
  });

  it('an undeclared frame shows the type read from its shape, and its problems with errors first', () => {
    const reports = inspectResults([{ refId: 'B', frames: [json(undefined, [T0 + 60_000, T0], [1, 2])] }]);
    const summary = summarizeContract(reports.get('B')!.frames[0])!;
    expect(summary).toMatchObject({ status: 'problems', type: 'timeseries-multi', source: 'read from the frame’s shape: meta.type is not set' });
    expect(summary.violations.map((v) => [v.severity, v.rule])).toEqual([
      ['error', 'time-not-sorted'],
      ['warning', 'type-missing'],
    ]);
  });

  it('reads the wire frames as sent, so short fields are not hidden by padding', () => {
    const frame = json({ type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] }, [T0, T0 + 60_000], [1, 2]);
    const short = { ...frame, data: { values: [frame.data!.values[0], [1]] } };
    const summary = summarizeContract(inspectResults([{ refId: 'A', frames: [short] }]).get('A')!.frames[0])!;
    expect(summary.violations.map((v) => v.message)).toEqual(["field 'cpu' has 1 value but 'time' has 2: every field of a frame needs one value per row."]);
  });

  it('nothing to say about a frame the checker has no report for', () => {
    expect(summarizeContract(undefined)).toBeUndefined();
  });
});

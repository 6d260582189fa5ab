import { dataFrameToJSON, FieldType } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { readTimeSeries } from './series';
import { frame, MINUTE, T0, VALID } from './test-fixtures';

const byKey = (series: ReturnType<typeof readTimeSeries>) =>
  Object.fromEntries(series.map((s) => [`${s.name}${JSON.stringify(s.labels)}`, s.times.map((t, i) => [t, s.values[i]])]));

describe('readTimeSeries', () => {
  it('reads the same two series from multi, wide and long frames (and from their wire JSON)', () => {
    const want = {
      'cpu{"host":"a"}': [[T0, 1], [T0 + MINUTE, 4]],
      'cpu{"host":"b"}': [[T0, 6], [T0 + MINUTE, 8]],
    };
    const time = { name: 'time', type: FieldType.time, values: [T0, T0 + MINUTE] };
    const multi = [
      frame('timeseries-multi', [time, { name: 'cpu', type: FieldType.number, values: [1, 4], labels: { host: 'a' } }]),
      frame('timeseries-multi', [time, { name: 'cpu', type: FieldType.number, values: [6, 8], labels: { host: 'b' } }]),
    ];
    const wide = [
      frame('timeseries-wide', [
        time,
        { name: 'cpu', type: FieldType.number, values: [1, 4], labels: { host: 'a' } },
        { name: 'cpu', type: FieldType.number, values: [6, 8], labels: { host: 'b' } },
      ]),
    ];
    const long = VALID['timeseries-long']();
    for (const frames of [multi, wide, long]) {
      expect(byKey(readTimeSeries(frames))).toEqual(want);
      expect(byKey(readTimeSeries(frames.map((f) => dataFrameToJSON(f))))).toEqual(want);
    }
  });

  it('skips frames that are not time series', () => {
    expect(readTimeSeries([...VALID['numeric-wide'](), 'not a frame'])).toEqual([]);
  });

  it('takes only the first value field of a multi frame (the rest is remainder data)', () => {
    const f = frame('timeseries-multi', [
      { name: 'time', type: FieldType.time, values: [T0] },
      { name: 'a', type: FieldType.number, values: [1] },
      { name: 'b', type: FieldType.number, values: [2] },
    ]);
    expect(readTimeSeries([f]).map((s) => s.name)).toEqual(['a']);
  });
});

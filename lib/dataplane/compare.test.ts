import { FieldType } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { diffSeries, sameNumber, type ExpectedSeries } from './compare';
import { readTimeSeries } from './series';
import { frame, MINUTE, T0, times } from './test-fixtures';

const series = (host: string, values: number[], at = times(values.length)): ExpectedSeries => ({ name: 'cpu', labels: { host }, times: at, values });
const multi = (...list: ExpectedSeries[]) =>
  readTimeSeries(
    list.map((s) =>
      frame('timeseries-multi', [
        { name: 'time', type: FieldType.time, values: [...s.times] },
        { name: s.name, type: FieldType.number, values: [...s.values], labels: { ...s.labels } },
      ]),
    ),
  );

describe('sameNumber', () => {
  it('matches NaN with NaN, tells Infinity from NaN and null, and text from numbers', () => {
    expect(sameNumber(NaN, NaN)).toBe(true);
    expect(sameNumber(0, -0)).toBe(true);
    expect(sameNumber(Infinity, NaN)).toBe(false);
    expect(sameNumber(null, NaN)).toBe(false);
    expect(sameNumber('1', 1)).toBe(false);
  });
});

describe('diffSeries', () => {
  it('finds nothing when every point matches, special values included', () => {
    const want = [series('a', [1, Infinity, NaN, -Infinity]), series('b', [2, 3])];
    expect(diffSeries(multi(...want), want)).toBeUndefined();
  });

  it('compares in full: a difference in the last point of a long series is found', () => {
    const values = Array.from({ length: 500 }, (_, i) => i * 1.5);
    const wrong = [...values];
    wrong[499] = 0;
    expect(diffSeries(multi(series('a', wrong)), [series('a', values)])).toBe(
      `cpu{host="a"}: at 2026-11-22 18:19:00Z the value should be 748.5 but it is 0.`,
    );
  });

  it('"+Inf" read as NaN is a difference, and the message quotes what the upstream sent', () => {
    const want = { ...series('a', [1, Infinity, 3]), sent: ['1', '+Inf', '3'] };
    expect(diffSeries(multi(series('a', [1, NaN, 3])), [want])).toBe(
      'cpu{host="a"}: at 2026-11-22 10:01:00Z the value should be Infinity (the upstream sent "+Inf") but it is NaN.',
    );
  });

  it('names missing and unexpected series, by name and labels or by labels alone', () => {
    const got = multi(series('a', [1]), series('c', [1]));
    expect(diffSeries(got, [series('a', [1]), series('b', [1])])).toBe(
      'the frames hold 2 series (by name and labels), missing cpu{host="b"} and holding cpu{host="c"}, which the upstream did not send.',
    );
    const renamed = multi({ ...series('a', [1]), name: 'value' });
    expect(diffSeries(renamed, [series('a', [1])], { identity: 'labels' })).toBeUndefined();
    expect(diffSeries(renamed, [series('a', [1])])).toMatch(/missing cpu\{host="a"\} and holding value\{host="a"\}/);
  });

  it('counts the other differences of the series and of other series', () => {
    const got = multi(series('a', [9, 9, 9]), series('b', [0, 1]));
    expect(diffSeries(got, [series('a', [1, 2, 3]), series('b', [0, 2])])).toBe(
      'cpu{host="a"}: at 2026-11-22 10:00:00Z the value should be 1 but it is 9 (2 more points of it differ; 1 other series differs too).',
    );
  });

  it('missing points, extra points, and a null where a value belongs', () => {
    const want = series('a', [1, 2, 3], [T0, T0 + 30_000, T0 + 90_000]);
    expect(diffSeries(multi(series('a', [1, 3], [T0, T0 + 90_000])), [want])).toMatch(/the point at 2026-11-22 10:00:30Z should be 2 but there is none\.$/);
    expect(diffSeries(multi(series('a', [1, 2, 5, 3], [T0, T0 + 30_000, T0 + MINUTE, T0 + 90_000])), [want])).toMatch(
      /there is a point at 2026-11-22 10:01:00Z \(5\) where the upstream sent none\.$/,
    );
    const withNull = readTimeSeries([
      frame('timeseries-wide', [
        { name: 'time', type: FieldType.time, values: [T0, T0 + 30_000, T0 + 90_000] },
        { name: 'cpu', type: FieldType.number, values: [1, null, 3], labels: { host: 'a' } },
      ]),
    ]);
    expect(diffSeries(withNull, [want])).toMatch(/the point at 2026-11-22 10:00:30Z should be 2 but it is null\.$/);
  });

  it('a null at a time the series has no point is a wide frame\'s gap filler, not a point', () => {
    const wide = readTimeSeries([
      frame('timeseries-wide', [
        { name: 'time', type: FieldType.time, values: [T0, T0 + 30_000, T0 + MINUTE] },
        { name: 'cpu', type: FieldType.number, values: [1, null, 2], labels: { host: 'a' } },
        { name: 'cpu', type: FieldType.number, values: [null, 5, null], labels: { host: 'b' } },
      ]),
    ]);
    expect(diffSeries(wide, [series('a', [1, 2], [T0, T0 + MINUTE]), series('b', [5], [T0 + 30_000])])).toBeUndefined();
  });

  it('times match to the millisecond, so seconds × 1000 with floating-point dust still matches', () => {
    const want = series('a', [1], [1_768_478_400_123]);
    expect(diffSeries(multi(series('a', [1], [1_768_478_400.123 * 1000])), [want])).toBeUndefined();
  });

  it('a series twice, or a time twice, is reported', () => {
    expect(diffSeries(multi(series('a', [1]), series('a', [1])), [series('a', [1])])).toBe('series cpu{host="a"} appears twice: each series should appear once.');
    expect(diffSeries(multi(series('a', [1, 1], [T0, T0])), [series('a', [1], [T0])])).toMatch(/there are 2 points at 2026-11-22 10:00:00Z; there should be one/);
  });
});

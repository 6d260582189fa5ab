import { describe, expect, it } from 'vitest';
import { evaluateRange } from './evaluate';
import { shapeMatrix, SPECIAL_SAMPLE_VALUES, unalign, vectorWithSpecialValues, withSpecialValues } from './sample-faults';
import type { PromMatrixSeries } from './types';

const START = 1_700_000_000;
const RANGE = { query: 'http_requests_per_second', start: START, end: START + 1800, step: 60 };
const msTimes = (s: PromMatrixSeries) => s.values.map(([t]) => Math.round(t * 1000));
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);

describe('unalign', () => {
  const aligned = evaluateRange(RANGE);
  const shaped = unalign(aligned, 60_000, (START + 1800) * 1000);

  it('shifts odd-numbered series between the steps, each by its own offset, and keeps them in order inside the range', () => {
    const offsets = new Set<number>();
    for (const i of [1, 3, 5]) {
      const times = msTimes(shaped[i]);
      const grid = msTimes(aligned[i]);
      const offset = times[0] - grid[0];
      expect(offset, `series ${i}`).toBeGreaterThanOrEqual(15_000);
      expect(offset, `series ${i}`).toBeLessThan(45_000);
      expect(times).toEqual(grid.map((t) => t + offset).filter((t) => t <= (START + 1800) * 1000));
      expect(shaped[i].values.map(([, v]) => v)).toEqual(aligned[i].values.slice(0, times.length).map(([, v]) => v));
      offsets.add(offset);
    }
    expect(offsets.size).toBeGreaterThan(1);
  });

  it('takes a run of samples out of even-numbered series, keeping the first and the last', () => {
    for (const i of [0, 2, 4]) {
      const times = msTimes(shaped[i]);
      const grid = msTimes(aligned[i]);
      const missing = grid.filter((t) => !times.includes(t));
      expect(missing.length, `series ${i}`).toBe(Math.floor(grid.length / 6));
      expect(times[0]).toBe(grid[0]);
      expect(times.at(-1)).toBe(grid.at(-1));
      expect(ascending(times)).toBe(true);
      // One contiguous run: the missing times are consecutive steps.
      expect(missing.every((t, k) => k === 0 || t - missing[k - 1] === 60_000)).toBe(true);
    }
  });

  it('leaves one series with at least one gap, so an aggregation is unaligned too', () => {
    const [avg] = evaluateRange({ ...RANGE, query: 'avg(cpu_usage_percent)' }, { unaligned: true });
    expect(avg.values.length).toBeLessThan(evaluateRange({ ...RANGE, query: 'avg(cpu_usage_percent)' })[0].values.length);
  });

  it('is deterministic and leaves short series and tiny steps alone', () => {
    expect(unalign(aligned, 60_000, (START + 1800) * 1000)).toEqual(shaped);
    const short = evaluateRange({ ...RANGE, end: START + 60 });
    expect(unalign(short, 60_000, (START + 60) * 1000)).toEqual(short);
    expect(unalign(aligned, 1, (START + 1800) * 1000)).toEqual(aligned);
  });
});

describe('withSpecialValues', () => {
  it('gives every series one "+Inf", one "-Inf" and one "NaN", at different rows for different series', () => {
    const shaped = withSpecialValues(evaluateRange(RANGE));
    const rows = shaped.map((s) => SPECIAL_SAMPLE_VALUES.map((special) => s.values.findIndex(([, v]) => v === special)));
    for (const [i, found] of rows.entries()) {
      expect(found.every((row) => row >= 0), `series ${i}: ${JSON.stringify(found)}`).toBe(true);
      expect(shaped[i].values.filter(([, v]) => (SPECIAL_SAMPLE_VALUES as readonly string[]).includes(v))).toHaveLength(3);
    }
    expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBe(rows.length);
  });

  it('keeps the times and the other values, and fits what it can in short series', () => {
    const aligned = evaluateRange(RANGE);
    const shaped = withSpecialValues(aligned);
    expect(shaped.map(msTimes)).toEqual(aligned.map(msTimes));
    const two = withSpecialValues(evaluateRange({ ...RANGE, end: START + 60 }));
    expect(two[0].values.map(([, v]) => v).sort()).toEqual(['+Inf', 'NaN']);
    expect(withSpecialValues([{ metric: {}, values: [[START, '1']] }])[0].values).toEqual([[START, '+Inf']]);
  });

  it('spells them as Prometheus does, which Number() misreads', () => {
    expect(SPECIAL_SAMPLE_VALUES.map((v) => Number(v))).toEqual([NaN, NaN, NaN]);
  });
});

describe('vectorWithSpecialValues', () => {
  it('turns every second sample into the next special value', () => {
    const samples = [0, 1, 2, 3, 4, 5].map((i) => ({ metric: { i: String(i) }, value: [START, String(i)] as [number, string] }));
    expect(vectorWithSpecialValues(samples).map((s) => s.value[1])).toEqual(['+Inf', '1', '-Inf', '3', 'NaN', '5']);
  });
});

describe('shapeMatrix and evaluateRange with a scenario', () => {
  it('changes nothing without data options', () => {
    const aligned = evaluateRange(RANGE);
    expect(shapeMatrix(aligned, { disorder: true, fault: 'malformed' }, { stepMs: 60_000, endMs: 0 })).toBe(aligned);
    expect(evaluateRange(RANGE, {})).toEqual(aligned);
  });

  it('applies unaligned, then special values, and always returns samples in time order', () => {
    const both = evaluateRange(RANGE, { unaligned: true, specialValues: true, disorder: true });
    expect(both).toEqual(withSpecialValues(unalign(evaluateRange(RANGE), 60_000, (START + 1800) * 1000)));
    expect(both.every((s) => ascending(msTimes(s)))).toBe(true);
  });
});

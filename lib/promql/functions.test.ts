import { describe, expect, it } from 'vitest';
import { avgOverTime, extrapolatedRate, extremeOverTime, goPow, irate, kahanInc, roundTo, sumOverTime } from './functions';
import type { Sample } from './storage';

const at = (pairs: [number, number][]): Sample[] => pairs.map(([s, v]) => [s * 1000, v]);
const S = 1000;

// Every expected value below is worked out by hand from Prometheus' extrapolatedRate rules;
// the arithmetic is in the comment beside it.
describe('extrapolatedRate (rate, increase, delta)', () => {
  it('extrapolates to both ends when the gaps are under 1.1× the average interval', () => {
    // Window (0s, 60s], samples 15..60s: sampled 45s, average 15s, threshold 16.5s.
    // To start 15s (< 16.5: kept); counter zero point 45 × 170/30 = 255s, further. To end 0s.
    // increase = 30 × (45 + 15 + 0) / 45 = 40; rate = 40 / 60.
    const samples = at([[15, 170], [30, 180], [45, 190], [60, 200]]);
    expect(extrapolatedRate(samples, 0, 60 * S, 60 * S, true, false)).toBeCloseTo(40, 12);
    expect(extrapolatedRate(samples, 0, 60 * S, 60 * S, true, true)).toBeCloseTo(40 / 60, 12);
  });

  it('extrapolates only half an interval when the series starts well inside the window', () => {
    // Samples 30..60s: to start 30s ≥ 16.5 → 7.5s. Zero point 30 × 10/20 = 15s, further.
    // increase = 20 × (30 + 7.5) / 30 = 25.
    expect(extrapolatedRate(at([[30, 10], [45, 20], [60, 30]]), 0, 60 * S, 60 * S, true, false)).toBeCloseTo(25, 12);
  });

  it('does the same at the end of the window', () => {
    // Window (0s, 120s], samples 15..60s: to end 60s ≥ 16.5 → 7.5s. Counter from 0 at 15s:
    // zero point 45 × 0/30 = 0s, so nothing on the left. increase = 30 × (45 + 0 + 7.5) / 45 = 35.
    expect(extrapolatedRate(at([[15, 0], [30, 10], [45, 20], [60, 30]]), 0, 120 * S, 120 * S, true, false)).toBeCloseTo(35, 12);
  });

  it('never extrapolates a counter below zero', () => {
    // To start 15s, but the line through (15s, 1) and (60s, 31) reaches 0 at 45 × 1/30 = 1.5s before.
    // increase = 30 × (45 + 1.5) / 45 = 31.
    expect(extrapolatedRate(at([[15, 1], [30, 11], [45, 21], [60, 31]]), 0, 60 * S, 60 * S, true, false)).toBeCloseTo(31, 12);
  });

  it('adds back the value before a counter reset', () => {
    // 5 → 10 → 2 (reset: +10) → 6: raw 6 - 5 + 10 = 11. Zero point 45 × 5/11 ≈ 20.5s > 15s.
    // increase = 11 × 60 / 45 = 14.666…; rate over 60s = 0.2444….
    const samples = at([[15, 5], [30, 10], [45, 2], [60, 6]]);
    expect(extrapolatedRate(samples, 0, 60 * S, 60 * S, true, false)).toBeCloseTo(44 / 3, 12);
    expect(extrapolatedRate(samples, 0, 60 * S, 60 * S, true, true)).toBeCloseTo(44 / 180, 12);
  });

  it('treats a gauge (delta) without resets or the zero limit', () => {
    // 10 → 5 → 8 → 4: -6 × 60 / 45 = -8.
    expect(extrapolatedRate(at([[15, 10], [30, 5], [45, 8], [60, 4]]), 0, 60 * S, 60 * S, false, false)).toBeCloseTo(-8, 12);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate(at([[30, 10]]), 0, 60 * S, 60 * S, true, true)).toBeUndefined();
    expect(extrapolatedRate([], 0, 60 * S, 60 * S, true, true)).toBeUndefined();
  });
});

describe('irate', () => {
  it('is the per-second rate of the last two samples', () => {
    expect(irate(at([[15, 10], [30, 20], [45, 26]]))).toBeCloseTo(6 / 15, 12);
  });

  it('after a reset takes the last value as the increase', () => {
    expect(irate(at([[30, 20], [45, 5]]))).toBeCloseTo(5 / 15, 12);
  });

  it('needs two samples', () => {
    expect(irate(at([[30, 20]]))).toBeUndefined();
  });
});

describe('the *_over_time functions', () => {
  const samples = at([[1, 3], [2, NaN], [3, 1], [4, 8]]);

  it('max and min skip a leading NaN but not a later one', () => {
    expect(extremeOverTime(at([[1, NaN], [2, 4], [3, 2]]), true)).toBe(4);
    expect(extremeOverTime(at([[1, NaN], [2, 4], [3, 2]]), false)).toBe(2);
    expect(extremeOverTime(samples, true)).toBe(8);
    expect(extremeOverTime([], true)).toBeUndefined();
  });

  it('sum and avg are compensated: no float dust, no catastrophic cancellation', () => {
    // Plain addition loses the 1 entirely: 1e100 + 1 - 1e100 = 0.
    expect(sumOverTime(at([[1, 1e100], [2, 1], [3, -1e100]]))).toBe(1);
    expect(avgOverTime(at([[1, 1], [2, 2], [3, 4]]))).toBeCloseTo(7 / 3, 15);
    expect(avgOverTime([])).toBeUndefined();
  });

  it('avg survives a sum that would overflow', () => {
    expect(avgOverTime(at([[1, 1.5e308], [2, 1.5e308]]))).toBe(1.5e308);
  });

  it('keeps Inf in a sum', () => {
    expect(sumOverTime(at([[1, Infinity], [2, 1]]))).toBe(Infinity);
    expect(kahanInc(Infinity, 1, 0.5)).toEqual([Infinity, 0]);
  });
});

describe('operators with Go semantics', () => {
  it('pow follows Go where JavaScript differs', () => {
    expect(goPow(NaN, 0)).toBe(1);
    expect(goPow(1, NaN)).toBe(1);
    expect(goPow(-1, Infinity)).toBe(1);
    expect(goPow(2, 10)).toBe(1024);
  });

  it('round sends ties up and rounds to a multiple', () => {
    expect(roundTo(2.5, 1)).toBe(3);
    expect(roundTo(-2.5, 1)).toBe(-2);
    expect(roundTo(7, 5)).toBe(5);
    expect(roundTo(0.26, 0.1)).toBeCloseTo(0.3, 12);
  });
});

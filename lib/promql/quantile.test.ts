import { describe, expect, it } from 'vitest';
import { bucketQuantile, quantile } from './quantile';

const h = (pairs: [number, number][]) => pairs.map(([upperBound, count]) => ({ upperBound, count }));
const q = (phi: number, pairs: [number, number][]) => bucketQuantile(phi, h(pairs)).value;

// Cumulative buckets: 10 observations ≤ 0.1, 40 ≤ 0.5, 90 ≤ 1, 100 in all.
const LATENCY: [number, number][] = [[0.1, 10], [0.5, 40], [1, 90], [Infinity, 100]];

describe('bucketQuantile (histogram_quantile over classic buckets)', () => {
  it('interpolates linearly inside the bucket where the rank falls', () => {
    // φ 0.5: rank 50 falls in (0.5, 1] holding 50; 10 into it → 0.5 + 0.5 × 10/50 = 0.6.
    expect(q(0.5, LATENCY)).toBeCloseTo(0.6, 12);
    // φ 0.9: rank 90 is the top of (0.5, 1] → 1.
    expect(q(0.9, LATENCY)).toBeCloseTo(1, 12);
    // φ 0.25: rank 25 in (0.1, 0.5] holding 30; 15 into it → 0.1 + 0.4 × 15/30 = 0.3.
    expect(q(0.25, LATENCY)).toBeCloseTo(0.3, 12);
  });

  it('starts the lowest bucket at 0', () => {
    // φ 0.05: rank 5 of 10 in (0, 0.1] → 0.05.
    expect(q(0.05, LATENCY)).toBeCloseTo(0.05, 12);
  });

  it('answers the highest finite bound when the rank falls in +Inf', () => {
    expect(q(0.95, LATENCY)).toBe(1);
    expect(q(1, [[0.1, 10], [Infinity, 20]])).toBe(0.1);
  });

  it('returns the lowest bound when it is ≤ 0 and the rank falls there', () => {
    expect(q(0.2, [[-1, 5], [0, 10], [Infinity, 10]])).toBe(-1);
  });

  it('does not care about the order buckets come in, and merges equal bounds', () => {
    expect(q(0.5, [[Infinity, 100], [1, 90], [0.1, 10], [0.5, 40]])).toBeCloseTo(0.6, 12);
    expect(q(0.5, [[0.1, 5], [0.1, 5], [0.5, 40], [1, 90], [Infinity, 100]])).toBeCloseTo(0.6, 12);
  });

  it('raises a count that falls, so the buckets stay cumulative, and says so', () => {
    // 0.5 counts 8 < 10: raised to 10 → buckets 10, 10, 20, 20. φ 0.75: rank 15 in (0.5, 1]
    // holding 10 → 0.5 + 0.5 × 5/10 = 0.75 (unfixed it would be 0.5 + 0.5 × 7/12).
    const result = bucketQuantile(0.75, h([[0.1, 10], [0.5, 8], [1, 20], [Infinity, 20]]));
    expect(result.value).toBeCloseTo(0.75, 12);
    expect(result.forcedMonotonic).toBe(true);
    expect(bucketQuantile(0.75, h(LATENCY)).forcedMonotonic).toBe(false);
  });

  it('ignores float noise between neighbours without calling it a fault', () => {
    const result = bucketQuantile(0.5, h([[0.1, 10], [0.5, 10 - 1e-14], [1, 20], [Infinity, 20]]));
    expect(result.forcedMonotonic).toBe(false);
    // The second bucket is taken as 10: rank 10 is reached in the first bucket → 0.1 × 10/10.
    expect(result.value).toBeCloseTo(0.1, 12);
  });

  it.each([
    ['no +Inf bucket', [[0.1, 10], [1, 20]] as [number, number][], 0.5],
    ['a single bucket', [[Infinity, 10]] as [number, number][], 0.5],
    ['no observations', [[0.1, 0], [Infinity, 0]] as [number, number][], 0.5],
    ['no buckets', [] as [number, number][], 0.5],
  ])('is NaN with %s', (_, pairs, phi) => {
    expect(q(phi, pairs)).toBeNaN();
  });

  it('gives -Inf below 0, +Inf above 1 and NaN for NaN', () => {
    expect(q(-0.1, LATENCY)).toBe(-Infinity);
    expect(q(1.1, LATENCY)).toBe(Infinity);
    expect(q(NaN, LATENCY)).toBeNaN();
  });
});

describe('quantile (the aggregation)', () => {
  it('weights the two neighbours of rank φ·(n-1)', () => {
    // Sorted 1, 2, 4, 8: φ 0.5 → rank 1.5 → 2 × 0.5 + 4 × 0.5 = 3.
    expect(quantile(0.5, [8, 1, 4, 2])).toBe(3);
    expect(quantile(0, [8, 1, 4, 2])).toBe(1);
    expect(quantile(1, [8, 1, 4, 2])).toBe(8);
    // φ 0.9 → rank 2.7 → 4 × 0.3 + 8 × 0.7 = 6.8.
    expect(quantile(0.9, [8, 1, 4, 2])).toBeCloseTo(6.8, 12);
  });

  it('handles the edges', () => {
    expect(quantile(0.5, [])).toBeNaN();
    expect(quantile(-1, [1])).toBe(-Infinity);
    expect(quantile(2, [1])).toBe(Infinity);
  });
});

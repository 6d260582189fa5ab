/**
 * The numeric heart of the range vector functions, written from Prometheus'
 * promql/functions.go (github.com/prometheus/prometheus, read at d15adb9): `extrapolatedRate`
 * (rate, increase, delta), `instantValue` (irate), the `*_over_time` aggregations, and the
 * Kahan-compensated sums they use (util/kahansum). Float samples only: native histograms,
 * start timestamps and the anchored/smoothed modifiers are not modelled.
 */
import type { Sample } from './storage';

/** One step of Kahan-Babuška (Neumaier) summation: returns the new sum and compensation. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) return [t, 0];
  // The compensation keeps what the larger operand's precision lost.
  if (Math.abs(sum) >= Math.abs(inc)) return [t, c + ((sum - t) + inc)];
  return [t, c + ((inc - t) + sum)];
}

/**
 * rate(), increase() and delta() over the samples of one window (Prometheus'
 * `extrapolatedRate`). `rangeStart`/`rangeEnd` are the window's bounds in ms
 * (t - offset - range, t - offset). Returns undefined with fewer than two samples.
 *
 * - Counters (`isCounter`): a drop between two samples is a reset, and the value before
 *   it is added back.
 * - The difference between the first and last sample is extrapolated towards each end
 *   of the window, all the way when the gap is under 1.1× the average sample interval,
 *   otherwise by half an interval (the series probably starts or ends inside the window).
 *   A counter is never extrapolated below zero on the left.
 * - `isRate` divides by the window's length in seconds (not by the sampled interval).
 */
export function extrapolatedRate(
  samples: readonly Sample[],
  rangeStart: number,
  rangeEnd: number,
  rangeMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const n = samples.length;
  if (n < 2) return undefined;
  const [firstT, firstV] = samples[0];
  const [lastT, lastV] = samples[n - 1];
  let result = lastV - firstV;
  if (isCounter) {
    for (let i = 1; i < n; i++) if (samples[i][1] < samples[i - 1][1]) result += samples[i - 1][1];
  }
  let toStart = (firstT - rangeStart) / 1000;
  let toEnd = (rangeEnd - lastT) / 1000;
  const sampled = (lastT - firstT) / 1000;
  const average = sampled / (n - 1);
  const threshold = average * 1.1;
  if (toStart >= threshold) toStart = average / 2;
  if (isCounter) {
    // Where a straight line through the samples would reach zero: the counter cannot start before that.
    const toZero = result > 0 && firstV >= 0 ? sampled * (firstV / result) : toStart;
    if (toZero < toStart) toStart = toZero;
  }
  if (toEnd >= threshold) toEnd = average / 2;
  let factor = sampled !== 0 ? (sampled + toStart + toEnd) / sampled : 1;
  if (isRate) factor /= rangeMs / 1000;
  return result * factor;
}

/**
 * irate(): the per-second rate between the last two samples of the window (Prometheus'
 * `instantValue` with isRate). After a counter reset the rate is the last value over
 * the interval. undefined with fewer than two samples or two at the same time.
 */
export function irate(samples: readonly Sample[]): number | undefined {
  const n = samples.length;
  if (n < 2) return undefined;
  const [t0, v0] = samples[n - 2];
  const [t1, v1] = samples[n - 1];
  const interval = t1 - t0;
  if (interval === 0) return undefined;
  const diff = v1 < v0 ? v1 : v1 - v0;
  return diff / (interval / 1000);
}

/** sum_over_time: Kahan-compensated, as Prometheus sums. */
export function sumOverTime(samples: readonly Sample[]): number | undefined {
  if (samples.length === 0) return undefined;
  let sum = 0;
  let c = 0;
  for (const [, v] of samples) [sum, c] = kahanInc(v, sum, c);
  return Number.isFinite(sum) ? sum + c : sum;
}

/**
 * avg_over_time: the compensated sum divided by the count, switching to an incremental
 * mean only if the sum would overflow (as Prometheus' funcAvgOverTime does).
 */
export function avgOverTime(samples: readonly Sample[]): number | undefined {
  return mean(samples.map(([, v]) => v));
}

/** The mean of `values` as Prometheus' avg and avg_over_time compute it; undefined when empty. */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = values[0];
  let c = 0;
  let m = 0;
  let incremental = false;
  for (let i = 1; i < values.length; i++) {
    const count = i + 1;
    if (!incremental) {
      const [next, nextC] = kahanInc(values[i], sum, c);
      if (Number.isFinite(next) || Number.isNaN(next)) {
        [sum, c] = [next, nextC];
        continue;
      }
      incremental = true;
      m = sum / (count - 1);
      c /= count - 1;
    }
    const q = (count - 1) / count;
    [m, c] = kahanInc(values[i] / count, q * m, q * c);
  }
  return incremental ? m + c : sum / values.length + c / values.length;
}

/** max_over_time / min_over_time: a NaN is replaced by any later value, as in Prometheus. */
export function extremeOverTime(samples: readonly Sample[], wantMax: boolean): number | undefined {
  if (samples.length === 0) return undefined;
  let best = samples[0][1];
  for (const [, v] of samples) if ((wantMax ? v > best : v < best) || Number.isNaN(best)) best = v;
  return best;
}

/** Go's math.Pow, where JavaScript's `**` differs: x^0 = 1 and 1^y = 1 for any x, y (NaN too); (-1)^±Inf = 1. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** round(v, to_nearest) as Prometheus rounds: ties go up (floor(v / n + 0.5) * n, computed through 1 / n as Prometheus does). */
export function roundTo(value: number, toNearest: number): number {
  const inverse = 1 / toNearest;
  return Math.floor(value * inverse + 0.5) / inverse;
}

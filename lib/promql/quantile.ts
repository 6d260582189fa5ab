/**
 * Quantiles as Prometheus computes them (promql/quantile.go, read at d15adb9):
 * `bucketQuantile` for histogram_quantile over classic `_bucket` series, and `quantile`
 * for the quantile aggregation.
 */

/** One classic histogram bucket: observations ≤ `upperBound` (the `le` label), cumulative. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/** Relative differences below this between neighbouring buckets are float noise (quantile.go smallDeltaTolerance). */
const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Whether a and b differ by less than `epsilon` relative to their size (Prometheus' util/almost.Equal). */
function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** What bucketQuantile found besides the value, for warnings. */
export interface BucketQuantileResult {
  value: number;
  /** Some bucket counted fewer observations than a lower one; the counts were raised to keep them cumulative. */
  forcedMonotonic: boolean;
}

/**
 * The φ-quantile (`q`) of a classic histogram, interpolating linearly inside the bucket
 * where the rank falls:
 * - q < 0 gives -Inf, q > 1 gives +Inf, NaN gives NaN;
 * - buckets are sorted by upper bound and those with the same bound merged; without a
 *   `+Inf` bucket, with fewer than two buckets or with no observations the result is NaN;
 * - counts that fall from one bucket to the next are raised to the previous count
 *   (differences below 1e-12 relative are treated as equal), so the search stays sound;
 * - in the `+Inf` bucket the result is the highest finite bound; the lowest bucket starts
 *   at 0, unless its bound is ≤ 0, which is then the result.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): BucketQuantileResult {
  if (Number.isNaN(q)) return { value: NaN, forcedMonotonic: false };
  if (q < 0) return { value: -Infinity, forcedMonotonic: false };
  if (q > 1) return { value: Infinity, forcedMonotonic: false };
  if (input.length === 0) return { value: NaN, forcedMonotonic: false };
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1].upperBound !== Infinity) return { value: NaN, forcedMonotonic: false };

  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }

  let forcedMonotonic = false;
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i].count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE) || curr < prev) {
      // `prev` stays: the next bucket is compared with the highest count seen so far.
      forcedMonotonic ||= curr < prev && !almostEqual(prev, curr, SMALL_DELTA_TOLERANCE);
      buckets[i].count = prev;
      continue;
    }
    prev = curr;
  }

  if (buckets.length < 2) return { value: NaN, forcedMonotonic };
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return { value: NaN, forcedMonotonic };
  let rank = q * observations;
  // The first bucket (the +Inf one excluded) whose cumulative count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b].count >= rank)) b++;

  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2].upperBound, forcedMonotonic };
  if (b === 0 && buckets[0].upperBound <= 0) return { value: buckets[0].upperBound, forcedMonotonic };
  let start = 0;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: start + (buckets[b].upperBound - start) * (rank / count), forcedMonotonic };
}

/**
 * The φ-quantile of `values` for the quantile aggregation: sorted (NaN first), then a
 * weighted average of the two neighbours of rank q·(n-1). NaN for no values or q NaN,
 * -Inf for q < 0, +Inf for q > 1.
 */
export function quantile(q: number, values: readonly number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? -1 : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

// Summary statistics for repeated measurements: the bench reports min, median and p95,
// never a single sample, because the machines it runs on are shared and noisy.

/** @param {number[]} values */
export function summarize(values) {
  if (values.length === 0) return { n: 0, min: null, median: null, p95: null };
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank percentile: an observed value, never an interpolation.
  const rank = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, min: round(sorted[0]), median: round(rank(0.5)), p95: round(rank(0.95)) };
}

export const round = (n) => Math.round(n * 10) / 10;

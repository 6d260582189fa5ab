import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;

/**
 * How long one upstream call may take before we give up on it (Week 2: one number for
 * every query).
 * TODO (stage 1): one timeout per query type. Instant queries give up after 2 s, range
 * queries after 6 s; an empty queryType runs as a range query.
 */
export const UPSTREAM_TIMEOUT_MS = 1000;

/**
 * The step in whole seconds: the panel's interval, widened so a series never has more
 * points than the panel can draw (maxDataPoints) or than MAX_POINTS.
 */
export function stepSeconds(query: DataQuery): number {
  const points = Math.max(1, Math.min(query.maxDataPoints, MAX_POINTS));
  const rangeSeconds = (query.timeRange.to - query.timeRange.from) / 1000;
  return Math.max(1, Math.ceil(query.intervalMs / 1000), Math.ceil(rangeSeconds / points));
}

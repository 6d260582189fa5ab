import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;
/** How long one upstream call may take before we give up on it. */
export const UPSTREAM_TIMEOUT_MS = 1000;

const HOUR_MS = 60 * 60 * 1000;

/** Why the query's time range is refused, or undefined when it is fine. */
export function rangeProblem({ timeRange }: DataQuery): string | undefined {
  const length = timeRange.to - timeRange.from;
  if (length <= 0) return 'The time range ends before it starts, or has no length. Choose a range whose end is after its start.';
  if (length <= MAX_RANGE_MS) return undefined;
  const maxDays = MAX_RANGE_MS / (24 * HOUR_MS);
  return `Queries may cover at most ${maxDays} days, and this one covers ${Math.ceil(length / HOUR_MS)} hours. Narrow the time range.`;
}

/**
 * The step in whole seconds: the panel's interval, unless that would give a series
 * more points than it may have (the smaller of maxDataPoints and MAX_POINTS).
 */
export function stepSeconds(query: DataQuery): number {
  const budget = Math.min(query.maxDataPoints, MAX_POINTS);
  const rangeSeconds = (query.timeRange.to - query.timeRange.from) / 1000;
  const intervalStep = Math.max(1, Math.ceil(query.intervalMs / 1000));
  return rangeSeconds / intervalStep <= budget ? intervalStep : Math.ceil(rangeSeconds / budget);
}

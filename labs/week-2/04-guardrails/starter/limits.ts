import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;
/** How long one upstream call may take before we give up on it. */
export const UPSTREAM_TIMEOUT_MS = 1000;

/**
 * Why the query's time range is refused, or undefined when it is fine.
 * TODO (task 2): refuse an empty or reversed range, and one longer than MAX_RANGE_MS,
 * with a message that says the limit.
 */
export function rangeProblem(query: DataQuery): string | undefined {
  return undefined;
}

/**
 * The step in whole seconds.
 * TODO (task 2): widen it so a series never has more points than maxDataPoints, nor MAX_POINTS.
 */
export function stepSeconds(query: DataQuery): number {
  return Math.max(1, Math.ceil(query.intervalMs / 1000));
}

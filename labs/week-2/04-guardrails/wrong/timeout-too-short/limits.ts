import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;
/** How long one upstream call may take before we give up on it. */
export const UPSTREAM_TIMEOUT_MS = 250;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why the query's time range is refused, or undefined when it is fine. */
export function rangeProblem(query: DataQuery): string | undefined {
  const { from, to } = query.timeRange;
  if (!(to > from)) return 'The time range is empty or reversed: "to" must be after "from".';
  if (to - from > MAX_RANGE_MS) {
    const days = Math.round((to - from) / DAY_MS);
    return `The time range is ${days} days; this data source allows at most ${MAX_RANGE_MS / DAY_MS} days per query. Pick a shorter range.`;
  }
  return undefined;
}

/**
 * The step in whole seconds: the panel's interval, widened so a series never has more
 * points than the panel can draw (maxDataPoints) or than MAX_POINTS.
 */
export function stepSeconds(query: DataQuery): number {
  const points = Math.max(1, Math.min(query.maxDataPoints, MAX_POINTS));
  const rangeSeconds = (query.timeRange.to - query.timeRange.from) / 1000;
  return Math.max(1, Math.ceil(query.intervalMs / 1000), Math.ceil(rangeSeconds / points));
}

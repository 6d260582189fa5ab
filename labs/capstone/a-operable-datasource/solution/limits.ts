import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;

/** How a query runs: `instant` (one value per series) or `range` (a series over the time range). */
export type RunAs = 'instant' | 'range';

/**
 * How long one query may wait for the metrics API, ms, by how it runs. An instant
 * query feeds a stat panel that should answer at once; a range query may read a week.
 * Both stay under Grafana's own query timeout (10 s in the lab), so the learner's
 * error reaches the panel instead of Grafana's.
 */
export const QUERY_TIMEOUT_MS: Record<RunAs, number> = { instant: 2_000, range: 6_000 };

/** `instant` runs as an instant query; `range` and an empty queryType (the editor set none) run as range queries. */
export function runAs(queryType: string): RunAs {
  return queryType === 'instant' ? 'instant' : 'range';
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

import type { DataQuery } from '@lab/sdk';

/** The longest time range one query may ask for. Longer ones are refused, not truncated. */
export const MAX_RANGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The most points per series we ever ask for, whatever maxDataPoints says. */
export const MAX_POINTS = 1000;

/** Budget of an instant query (a stat panel), ms. */
export const INSTANT_TIMEOUT_MS = 2_000;
/** Budget of a range query (a graph over hours or days), ms. */
export const RANGE_TIMEOUT_MS = 6_000;

/** How long a query of `queryType` may wait for the metrics API, ms; an empty type is a range query. */
export function timeoutFor(queryType: string): number {
  switch (queryType) {
    case 'instant':
      return INSTANT_TIMEOUT_MS;
    default:
      return RANGE_TIMEOUT_MS;
  }
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

import type { DataResponse, TimeRange } from '@lab/sdk';
import type { MetricQuery } from './query';

/**
 * Answers kept for later requests.
 * TODO (task 1): entries are kept forever, and there is no limit on how many. Serve an
 * entry for CACHE_TTL_MS at most, and keep at most CACHE_MAX_ENTRIES, dropping the one
 * used least recently when a new one needs room (see policy.ts).
 */
export class QueryCache {
  private readonly entries = new Map<string, DataResponse>();

  get(key: string, now = Date.now()): DataResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: DataResponse, now = Date.now()): void {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Whether the range ends so close to now that its newest points are still arriving.
 * TODO (task 2): true when it ends less than NOW_WINDOW_MS before `now`.
 */
export function isNowRange(range: TimeRange, now = Date.now()): boolean {
  return false;
}

/**
 * The range as it is sent upstream and keyed on.
 * TODO (task 1): round both ends down to TIME_BUCKET_MS, so requests a few seconds apart share an entry.
 */
export function bucketRange(range: TimeRange): TimeRange {
  return range;
}

/**
 * The cache key of one query.
 * TODO (task 1): two tenants asking for the same metric get each other's data, and so do
 * an avg and a max of it. Key on the data source instance, the query model normalised
 * (however its JSON was written), the query type, the step and the bucketed range.
 */
export function cacheKey(instanceUid: string, query: MetricQuery, queryType: string, stepSeconds: number, range: TimeRange): string {
  return `${query.metric} ${range.from}-${range.to}`;
}

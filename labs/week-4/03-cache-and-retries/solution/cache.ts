import type { DataResponse, TimeRange } from '@lab/sdk';
import { CACHE_MAX_ENTRIES, CACHE_TTL_MS, NOW_WINDOW_MS, TIME_BUCKET_MS } from './policy';
import type { MetricQuery } from './query';

interface Entry {
  value: DataResponse;
  /** When the entry stops being served, epoch ms. */
  expiresAt: number;
}

/**
 * Answers kept for CACHE_TTL_MS, at most CACHE_MAX_ENTRIES of them. A Map remembers
 * insertion order, so moving an entry to the end on every hit keeps the least recently
 * used one first, where eviction takes it from.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = CACHE_MAX_ENTRIES,
    private readonly ttlMs = CACHE_TTL_MS,
  ) {}

  get(key: string, now = Date.now()): DataResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: DataResponse, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** True when the range ends within NOW_WINDOW_MS of `now`: its latest points are still coming in. */
export function isNowRange(range: TimeRange, now = Date.now()): boolean {
  return range.to > now - NOW_WINDOW_MS;
}

/** The range with both ends rounded down to TIME_BUCKET_MS: what is sent upstream and keyed on. */
export function bucketRange(range: TimeRange): TimeRange {
  return { from: Math.floor(range.from / TIME_BUCKET_MS) * TIME_BUCKET_MS, to: Math.floor(range.to / TIME_BUCKET_MS) * TIME_BUCKET_MS };
}

/**
 * The cache key of one query: the data source instance, the query model normalised (its
 * defaults filled in and its labels sorted, whatever order the JSON had), the query type,
 * the step, and the bucketed range.
 */
export function cacheKey(instanceUid: string, query: MetricQuery, queryType: string, stepSeconds: number, range: TimeRange): string {
  const model = { metric: query.metric, aggregation: query.aggregation, groupBy: [...query.groupBy].sort() };
  return JSON.stringify([instanceUid, queryType || 'range', model, stepSeconds, range.from, range.to]);
}

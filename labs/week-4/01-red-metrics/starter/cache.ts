import type { DataResponse, TimeRange } from '@lab/sdk';
import type { MetricQuery } from './query';

/** How long an answer is served from the cache, ms. */
export const CACHE_TTL_MS = 5 * 60_000;
/** Most answers kept; the oldest goes first. */
export const CACHE_MAX_ENTRIES = 500;

/**
 * The key of one query: the instance, the query type, the parsed query (group-by labels
 * sorted), the step and the exact range. A "now" range moves with every refresh, so it
 * rarely meets itself again; a past range opened by many people does.
 */
export function cacheKey(uid: string, query: MetricQuery, queryType: string, stepSeconds: number, range: TimeRange): string {
  const groupBy = [...query.groupBy].sort().join(',');
  return [uid, queryType, query.metric, query.aggregation, groupBy, stepSeconds, range.from, range.to].join('|');
}

/** A cache of answers with data, shared by every request of the plugin process. */
export class QueryCache {
  private readonly entries = new Map<string, { answer: DataResponse; expiresAt: number }>();

  /** The stored answer for `key`, or undefined when there is none or it has expired. */
  get(key: string, now: number): DataResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.answer;
  }

  /** Stores an answer with data. Errors are never stored: the next load asks again. */
  set(key: string, answer: DataResponse, now: number): void {
    if (answer.error) return;
    this.entries.delete(key);
    this.entries.set(key, { answer, expiresAt: now + CACHE_TTL_MS });
    if (this.entries.size > CACHE_MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

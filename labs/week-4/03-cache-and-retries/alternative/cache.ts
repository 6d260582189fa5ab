import type { DataResponse, TimeRange } from '@lab/sdk';
import { CACHE_MAX_ENTRIES, CACHE_TTL_MS, NOW_WINDOW_MS, TIME_BUCKET_MS } from './policy';
import type { MetricQuery } from './query';

interface Slot {
  value: DataResponse;
  storedAt: number;
  /** A counter, not a time: which entry was touched last. */
  lastUsed: number;
}

/** A TTL cache bounded by count; when full, the slot touched longest ago is dropped. */
export class QueryCache {
  private readonly slots: Record<string, Slot> = Object.create(null);
  private count = 0;
  private tick = 0;

  get(key: string, now = Date.now()): DataResponse | undefined {
    const slot = this.slots[key];
    if (slot === undefined) return undefined;
    if (now - slot.storedAt >= CACHE_TTL_MS) {
      this.remove(key);
      return undefined;
    }
    slot.lastUsed = ++this.tick;
    return slot.value;
  }

  set(key: string, value: DataResponse, now = Date.now()): void {
    if (this.slots[key] === undefined) {
      if (this.count >= CACHE_MAX_ENTRIES) this.evictOne();
      this.count++;
    }
    this.slots[key] = { value, storedAt: now, lastUsed: ++this.tick };
  }

  get size(): number {
    return this.count;
  }

  private evictOne(): void {
    let oldest: string | undefined;
    for (const key in this.slots) if (oldest === undefined || this.slots[key].lastUsed < this.slots[oldest].lastUsed) oldest = key;
    if (oldest !== undefined) this.remove(oldest);
  }

  private remove(key: string): void {
    delete this.slots[key];
    this.count--;
  }
}

export function isNowRange(range: TimeRange, now = Date.now()): boolean {
  return now - range.to < NOW_WINDOW_MS;
}

export function bucketRange(range: TimeRange): TimeRange {
  const down = (t: number) => t - (((t % TIME_BUCKET_MS) + TIME_BUCKET_MS) % TIME_BUCKET_MS);
  return { from: down(range.from), to: down(range.to) };
}

export function cacheKey(instanceUid: string, query: MetricQuery, queryType: string, stepSeconds: number, range: TimeRange): string {
  const labels = [...new Set(query.groupBy)].sort().join(',');
  return `${instanceUid}|${queryType === 'instant' ? 'instant' : 'range'}|${query.aggregation} by (${labels}) ${query.metric}|${stepSeconds}s|${range.from}-${range.to}`;
}

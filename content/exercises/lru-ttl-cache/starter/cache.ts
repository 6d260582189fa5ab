/**
 * A small cache for query results: at most `maxEntries` entries, each fresh for
 * `ttlMs` after it was set, the least recently used one evicted when full.
 */

/** The time source you are given. Use it instead of Date.now(), so tests can move time. */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

export interface CacheOptions {
  /** Most entries kept; storing one more evicts the least recently used entry. */
  maxEntries: number;
  /** How long an entry stays fresh after it was set, in milliseconds. */
  ttlMs: number;
  clock: Clock;
}

export interface CacheStats {
  /** Reads that found a fresh entry. */
  hits: number;
  /** Reads that found nothing, or only an expired entry. */
  misses: number;
  /** Entries removed to make room. */
  evictions: number;
  /** Entries held right now. */
  size: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class QueryCache<V> {
  constructor(private readonly options: CacheOptions) {}

  /** The value if a fresh entry exists (it becomes the most recently used), else undefined. */
  get(key: string): V | undefined {
    throw new Error('TODO: get');
  }

  /** Stores the value, fresh for ttlMs from now; evicts the least recently used entry when over maxEntries. */
  set(key: string, value: V): void {
    throw new Error('TODO: set');
  }

  /**
   * The cached value, or `load()`'s result, which is then cached. A failed load is
   * not cached. Callers asking for a key that is already loading share that load.
   * `bypass` skips the cached value (but still stores the fresh one). A load that was
   * overtaken (a refresh or a set() for its key began after it) stores nothing.
   */
  async getOrLoad(key: string, load: () => Promise<V>, options: { bypass?: boolean } = {}): Promise<V> {
    throw new Error('TODO: getOrLoad');
  }

  stats(): CacheStats {
    return { hits: 0, misses: 0, evictions: 0, size: 0 };
  }
}

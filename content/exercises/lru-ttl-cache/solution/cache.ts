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
  // A Map iterates in insertion order: deleting and re-inserting a key on every use
  // keeps the least recently used key first.
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly options: CacheOptions) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    if (this.options.clock.now() >= entry.expiresAt) {
      this.misses++;
      return undefined;
    }
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key: string, value: V): void {
    // A value set now is newer than anything a load still running would bring.
    this.inFlight.delete(key);
    this.store(key, value);
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.options.clock.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.evictions++;
    }
  }

  /**
   * The cached value, or `load()`'s result, which is then cached. A failed load is
   * not cached. Callers asking for a key that is already loading share that load.
   * `bypass` skips the cached value (but still stores the fresh one). A load stores its
   * result only while it is the newest news about the key: one overtaken by a later load
   * (a refresh) or by set() answers its own callers and stores nothing.
   */
  async getOrLoad(key: string, load: () => Promise<V>, options: { bypass?: boolean } = {}): Promise<V> {
    if (!options.bypass) {
      const cached = this.get(key);
      if (cached !== undefined) return cached;
      const pending = this.inFlight.get(key);
      if (pending) return pending;
    }
    const loading: Promise<V> = load().then((value) => {
      if (this.inFlight.get(key) === loading) this.store(key, value);
      return value;
    });
    this.inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
    }
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, evictions: this.evictions, size: this.entries.size };
  }
}

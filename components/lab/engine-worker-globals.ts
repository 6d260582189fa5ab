/**
 * What the lab engine's worker must have before MSW loads: a `localStorage`. MSW takes a
 * worker for a browser and builds its cookie store at import, which requires
 * `localStorage` (msw/src/core/utils/cookie-store.ts) and throws where there is none, as
 * in a Worker. An in-memory Storage serves: the mocked upstreams set no cookies, and none
 * should outlive the tab. Imported first by engine-worker.ts, so it runs before MSW does.
 */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(String(key)) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(String(key));
  }
  setItem(key: string, value: string): void {
    this.items.set(String(key), String(value));
  }
}

if (typeof (globalThis as { localStorage?: Storage }).localStorage === 'undefined') {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
}

export {};

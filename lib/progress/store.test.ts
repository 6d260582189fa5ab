// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';

/** A Storage double: real enough for zustand's persist, with a switch to make writes fail. */
class MemoryStorage {
  data = new Map<string, string>();
  failWrites = false;
  writes = 0;
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => {
    this.writes++;
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.data.set(k, v);
  };
  removeItem = (k: string) => void this.data.delete(k);
  key = (i: number) => [...this.data.keys()][i] ?? null;
  get length() {
    return this.data.size;
  }
  clear = () => this.data.clear();
}

const storage = new MemoryStorage();
(globalThis as { localStorage?: unknown }).localStorage = storage;
const { useProgress, hydrateProgress, STORAGE_KEY, QUARANTINE_PREFIX } = await import('./store');

beforeEach(() => {
  storage.data.clear();
  storage.failWrites = false;
  storage.writes = 0;
});

describe('progress store', () => {
  it('saves edits and reads them back after a reload', async () => {
    useProgress.getState().saveFile('week-2/lab', 'handler.ts', 'edited');
    const raw = storage.getItem(STORAGE_KEY)!;
    expect(JSON.parse(raw).state.labs['week-2/lab'].files).toEqual({ 'handler.ts': 'edited' });
    // A reload: the tab's memory is gone, what was saved is read back.
    useProgress.setState({ labs: {} });
    storage.data.set(STORAGE_KEY, raw);
    await useProgress.persist.rehydrate();
    expect(useProgress.getState().labs['week-2/lab'].files['handler.ts']).toBe('edited');
  });

  it('keeps work in memory and says so when storage is full, without looping', () => {
    storage.failWrites = true;
    useProgress.getState().saveFile('week-2/lab', 'handler.ts', 'unsaved');
    expect(useProgress.getState().labs['week-2/lab'].files['handler.ts']).toBe('unsaved');
    expect(useProgress.getState().saveError).toMatch(/could not be saved/);
    expect(storage.writes).toBeLessThan(5);
  });

  it('quarantines saved data it cannot read instead of deleting it', async () => {
    storage.data.set(STORAGE_KEY, '{"state": {"version": 1, "labs": {"x": {"files": 42}}}, "version": 1}');
    await hydrateProgress().catch(() => undefined);
    await useProgress.persist.rehydrate();
    await new Promise((r) => setTimeout(r, 0));
    const kept = [...storage.data.keys()].filter((k) => k.startsWith(QUARANTINE_PREFIX));
    expect(kept.length).toBeGreaterThan(0);
    expect(storage.data.get(kept[0])).toContain('"files": 42');
    expect(useProgress.getState().quarantine?.reason).toContain('labs.x.files');
  });
});

/**
 * Test doubles for the progress sync: one shared "localStorage" and a window per
 * tab. As in a browser, a write raises a `storage` event in every other tab, not in
 * the writing one; events are queued until `deliver()`, because browsers deliver them
 * as later tasks and a test must be able to interleave them with edits.
 */
import type { StorageLike } from './stored';

type Listener = (event: unknown) => void;

export class FakeWindow {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** `storage` events raised by other tabs and not delivered yet. */
  readonly pending: { key: string | null; newValue: string | null }[] = [];
  visibilityState: DocumentVisibilityState = 'visible';

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  emit(type: string, event: unknown = {}): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }

  /** Delivers queued storage events in order. */
  deliver(): void {
    while (this.pending.length > 0) this.emit('storage', this.pending.shift());
  }

  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }
}

export class SharedStorage {
  readonly data = new Map<string, string>();
  failWrites = false;
  writes = 0;
  private readonly tabs = new Set<FakeWindow>();

  /** The storage as one tab sees it: its writes raise events in the other tabs. */
  forTab(tab: FakeWindow): StorageLike {
    this.tabs.add(tab);
    const notify = (key: string, newValue: string | null) => {
      for (const other of this.tabs) if (other !== tab) other.pending.push({ key, newValue });
    };
    const data = this.data;
    return {
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => {
        this.writes++;
        if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        data.set(key, value);
        notify(key, value);
      },
      removeItem: (key) => {
        data.delete(key);
        notify(key, null);
      },
      key: (index) => [...data.keys()][index] ?? null,
      get length() {
        return data.size;
      },
    };
  }

  closeTab(tab: FakeWindow): void {
    this.tabs.delete(tab);
  }
}

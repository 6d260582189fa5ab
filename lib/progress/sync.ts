/**
 * Keeps the progress store and localStorage in step, without React or zustand:
 *
 * - Writes are debounced (a burst of typing is one write) and flushed at once when
 *   the page is hidden or unloaded.
 * - Every write is read-modify-write: the stored value is read first and merged with
 *   this tab's (merge.ts), so a tab that was left open cannot overwrite newer work
 *   another tab saved. What came from elsewhere is handed back to the store.
 * - `storage` events (another tab saved) are merged in as they arrive.
 * - Stored data that fails validation is moved to quarantine, never overwritten.
 * - A write that fails (quota, storage disabled) leaves the work in memory, reports
 *   it, and is tried again later.
 */
import { onPageLeave } from './page-leave';
import { mergeProgress, sameData } from './merge';
import type { Progress } from './schema';
import { decodeStored, encodeStored, moveToQuarantine, type StorageLike } from './stored';

/** Where saved progress came from when it is handed to the store. */
export type AbsorbSource = 'load' | 'other-tab';

export interface StorageStatus {
  saveError?: string;
  quarantine?: { key: string; reason: string };
}

export interface ProgressSyncOptions {
  key: string;
  /** The storage to use; may throw (storage disabled by the browser). */
  storage: () => StorageLike;
  /** The store's saved part, as it is now. */
  read: () => Progress;
  /** Puts merged progress into the store without giving it new change times. */
  absorb: (progress: Progress, source: AbsorbSource) => void;
  /** Storage problems for the store to show; a field set to undefined is cleared. */
  report: (status: StorageStatus) => void;
  /** Quiet time after the last change before writing. */
  debounceMs?: number;
  /** Longest a change waits while the learner keeps typing. */
  maxWaitMs?: number;
  /** Time before a failed write is tried again. */
  retryMs?: number;
  /** Source of `storage`, `pagehide` and `beforeunload` events; absent outside a browser. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Source of `visibilitychange`; absent outside a browser. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  now?: () => number;
}

const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export class ProgressSync {
  private readonly options: Required<Pick<ProgressSyncOptions, 'debounceMs' | 'maxWaitMs' | 'retryMs' | 'now'>> & ProgressSyncOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirtySince: number | undefined;
  private hydrated = false;
  /** Text this tab last wrote or merged in: the store already holds everything in it. */
  private knownText: string | undefined;
  /** Set while unreadable data sits under the key and could not be moved aside: nothing is written over it. */
  private blocked: string | undefined;
  private unlisten: (() => void) | undefined;

  constructor(options: ProgressSyncOptions) {
    // Options passed as `undefined` (the store forwards its own optional settings) keep the default.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ProgressSyncOptions;
    this.options = { debounceMs: 400, maxWaitMs: 2000, retryMs: 5000, now: Date.now, ...given };
  }

  hasHydrated(): boolean {
    return this.hydrated;
  }

  /** True while changes wait to be written. */
  isDirty(): boolean {
    return this.dirtySince !== undefined;
  }

  /** Reads saved progress into the store (once) and starts listening to other tabs and page hide. */
  hydrate(): void {
    if (this.hydrated) return;
    this.hydrated = true;
    this.listen();
    this.load();
    // Changes made before loading were held back; they are written now, merged.
    if (this.dirtySince !== undefined) this.changed();
  }

  private load(): void {
    const storage = this.open();
    if (!storage) return;
    let raw: string | null;
    try {
      raw = storage.getItem(this.options.key);
    } catch (error) {
      this.options.report({ saveError: this.saveErrorText(error) });
      return;
    }
    if (raw === null) return;
    const decoded = decodeStored(raw);
    if (!decoded.ok) {
      this.quarantine(storage, raw, decoded.reason);
      return;
    }
    this.knownText = raw;
    this.mergeIn(decoded.progress, 'load');
  }

  /** Called after every change to the saved part: writes after a quiet moment. */
  changed(): void {
    const now = this.options.now();
    this.dirtySince ??= now;
    if (!this.hydrated) return; // written once loaded, merged with what was saved
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.options.debounceMs, this.dirtySince + this.options.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Writes pending changes now (page hide, unload, export, tests). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirtySince === undefined || !this.hydrated) return;
    if (this.blocked) {
      this.options.report({ saveError: this.blocked });
      return;
    }
    const storage = this.open();
    if (!storage) return this.retryLater();
    const { key } = this.options;
    const local = this.options.read();
    let merged = local;
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch (error) {
      this.options.report({ saveError: this.saveErrorText(error) });
      return this.retryLater();
    }
    if (raw !== null && raw !== this.knownText) {
      const decoded = decodeStored(raw);
      if (decoded.ok) merged = mergeProgress(local, decoded.progress);
      else if (!this.quarantine(storage, raw, decoded.reason)) return;
    }
    const text = encodeStored(merged);
    if (text !== raw) {
      try {
        storage.setItem(key, text);
      } catch (error) {
        this.options.report({ saveError: this.saveErrorText(error) });
        this.handBack(local, merged);
        return this.retryLater();
      }
    }
    this.knownText = text;
    this.dirtySince = undefined;
    this.options.report({ saveError: undefined });
    this.handBack(local, merged);
  }

  /** Another tab changed the stored value (a `storage` event). */
  remoteChanged(newValue: string | null): void {
    if (!this.hydrated) return;
    if (newValue === null) {
      // Removed elsewhere (quarantined or cleared): put this tab's copy back.
      this.knownText = undefined;
      this.changed();
      return;
    }
    const decoded = decodeStored(newValue);
    if (!decoded.ok) return; // the next write moves it to quarantine before saving
    this.knownText = newValue;
    this.mergeIn(decoded.progress, 'other-tab');
  }

  /**
   * The learner deleted (or downloaded and deleted) data that could not be moved
   * aside: saving can go on.
   */
  unblock(): void {
    this.blocked = undefined;
    this.knownText = undefined;
    if (this.dirtySince !== undefined) this.flush();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.unlisten?.();
    this.unlisten = undefined;
  }

  private mergeIn(incoming: Progress, source: AbsorbSource): void {
    const local = this.options.read();
    const merged = mergeProgress(local, incoming);
    this.handBack(local, merged, source);
    // This tab holds something the stored copy lacks: save it.
    if (!sameData(merged, incoming)) this.changed();
  }

  private handBack(local: Progress, merged: Progress, source: AbsorbSource = 'other-tab'): void {
    if (merged !== local && !sameData(merged, local)) this.options.absorb(merged, source);
  }

  private retryLater(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.retryMs);
  }

  private open(): StorageLike | null {
    try {
      return this.options.storage();
    } catch (error) {
      this.options.report({ saveError: this.saveErrorText(error) });
      return null;
    }
  }

  /** Moves unreadable stored data aside; false (and nothing written) when even that fails. */
  private quarantine(storage: StorageLike, raw: string, reason: string): boolean {
    const { key } = this.options;
    const kept = moveToQuarantine(storage, key, raw);
    this.knownText = undefined;
    if (kept === null) {
      this.blocked = `Saved progress could not be read (${reason}), and the browser has no room to keep a copy aside, so nothing new is saved over it. Your work is kept in this tab: download the unreadable data and a backup, then delete the unreadable data.`;
      this.options.report({ quarantine: { key, reason }, saveError: this.blocked });
      return false;
    }
    this.options.report({ quarantine: { key: kept, reason } });
    return true;
  }

  private saveErrorText(error: unknown): string {
    return `Your progress could not be saved in this browser (${message(error)}). It is kept in this tab, and saving is tried again; download a backup to be safe.`;
  }

  private listen(): void {
    const { window: win, document: doc, key } = this.options;
    if (!win) return;
    const onStorage = (event: Event) => {
      const e = event as StorageEvent;
      if (e.key === key) this.remoteChanged(e.newValue);
    };
    win.addEventListener('storage', onStorage);
    const stopLeave = onPageLeave(win, doc, () => this.flush());
    this.unlisten = () => {
      win.removeEventListener('storage', onStorage);
      stopLeave();
    };
  }
}

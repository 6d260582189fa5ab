/**
 * The text kept in localStorage, and the quarantine beside it. The value is the
 * envelope zustand's persist middleware wrote in version 1 (`{"state": …, "version": n}`),
 * so data saved by every earlier release still reads.
 */
import { migrate, type MigrationResult } from './migrations';
import { parseJsonSafely } from './safe-json';
import { PROGRESS_VERSION, type Progress } from './schema';

export const STORAGE_KEY = 'datasource-lab:progress';
/** Saved data that failed validation is moved to this prefix plus a time, never deleted unasked. */
export const QUARANTINE_PREFIX = 'datasource-lab:quarantine:';

/** What the sync needs of `localStorage` (tests pass a double). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export function encodeStored(progress: Progress): string {
  return JSON.stringify({ state: progress, version: PROGRESS_VERSION });
}

/** Reads stored text: parsed safely, unwrapped, migrated to the current version and validated. */
export function decodeStored(raw: string): MigrationResult {
  const parsed = parseJsonSafely(raw);
  if (!parsed.ok) return { ok: false, reason: `saved progress cannot be read: ${parsed.reason}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || !('state' in value)) return { ok: false, reason: 'saved progress is not in the expected envelope ({"state": …})' };
  return migrate((value as { state: unknown }).state);
}

export interface QuarantinedEntry {
  /** Storage key it is kept under. */
  key: string;
  /** ISO time it was set aside (from the key), or undefined for the live key. */
  at?: string;
  raw: string;
  /** Why it could not be read, found again by validating it. */
  reason: string;
}

/** Every quarantined value in storage, oldest first, each with the reason it failed. */
export function listQuarantined(storage: StorageLike): QuarantinedEntry[] {
  const entries: QuarantinedEntry[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(QUARANTINE_PREFIX)) continue;
    const raw = storage.getItem(key) ?? '';
    const check = decodeStored(raw);
    entries.push({ key, at: key.slice(QUARANTINE_PREFIX.length), raw, reason: check.ok ? 'it reads correctly now, but was set aside earlier' : check.reason });
  }
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

/** Moves `raw` aside under a fresh quarantine key and removes it from `key`; returns the new key, or null when storage refused. */
export function moveToQuarantine(storage: StorageLike, key: string, raw: string): string | null {
  let target = `${QUARANTINE_PREFIX}${new Date().toISOString()}`;
  for (let n = 2; storage.getItem(target) !== null; n++) target = `${QUARANTINE_PREFIX}${new Date().toISOString()}-${n}`;
  try {
    storage.setItem(target, raw);
  } catch {
    return null;
  }
  try {
    storage.removeItem(key);
  } catch {
    // The copy exists; the original is overwritten by the next save.
  }
  return target;
}

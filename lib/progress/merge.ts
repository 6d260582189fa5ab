/**
 * How two copies of saved progress become one (two tabs, a reload, an imported
 * backup), and how a local change gets its change time. Pure functions, no storage.
 *
 * Every file, every answer and every other field is merged on its own: the side that
 * changed it later wins. A file with a change time but no text was reset to the
 * starter at that time, so an older edit elsewhere cannot bring it back. Equal times
 * fall back to comparing the values, so every tab picks the same winner and merging
 * is order-independent (merge(a, b) equals merge(b, a)): tabs converge instead of
 * passing the same data back and forth.
 */
import { dict, own } from './dict';
import { PROGRESS_VERSION, type LabProgress, type Progress } from './schema';

type Data = Record<string, unknown>;
type Times = Record<string, string>;

/** Top-level keys that are not fields with a change time of their own. */
const TOP_UNTIMED = new Set(['version', 'labs', 'fieldTimes']);
/** Lab keys that are not fields with a change time of their own (files and answers are merged one by one). */
export const LAB_UNTIMED = new Set(['files', 'answers', 'updatedAt', 'fileTimes', 'fieldTimes']);

/** Milliseconds of an ISO time; a missing or unreadable time counts as oldest. */
function ms(time: string | undefined): number {
  if (time === undefined) return -Infinity;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? '';
}

function tieBreak(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1; // below every value, even ''
  const ta = typeof a === 'string' ? a : canonicalJson(a);
  const tb = typeof b === 'string' ? b : canonicalJson(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

interface Timed {
  value: unknown;
  time: string | undefined;
}

/** The later of two timed values; on equal times the larger value, so the choice is symmetric. */
function later(a: Timed, b: Timed): Timed {
  const ta = ms(a.time);
  const tb = ms(b.time);
  // Compared, not subtracted: two missing times are both -Infinity, and their difference is NaN.
  if (ta > tb || (ta === tb && tieBreak(a.value, b.value) >= 0)) return a;
  return b;
}

const keysOf = (...objects: (object | undefined)[]) => new Set(objects.flatMap((o) => (o ? Object.keys(o) : [])));

/** Merges keyed values with their change times; returns the winners and their times. */
function mergeTimed(a: Data, aTimes: Times | undefined, b: Data, bTimes: Times | undefined, skip: Set<string>): { values: Data; times: Times } {
  const values: Data = dict();
  const times: Times = dict();
  for (const key of keysOf(a, aTimes, b, bTimes)) {
    if (skip.has(key)) continue;
    const winner = later({ value: own(a, key), time: own(aTimes, key) }, { value: own(b, key), time: own(bTimes, key) });
    if (winner.value !== undefined) values[key] = winner.value;
    if (winner.time !== undefined) times[key] = winner.time;
  }
  return { values, times };
}

export function mergeLab(a: LabProgress | undefined, b: LabProgress | undefined): LabProgress {
  // A lab on one side only still goes through the merge, so every result has the same shape.
  if (!a || !b) a = b = (a ?? b)!;
  const files = mergeTimed(a.files, a.fileTimes, b.files, b.fileTimes, new Set());
  const answers: LabProgress['answers'] = dict();
  for (const id of keysOf(a.answers, b.answers)) {
    const x = own(a.answers, id);
    const y = own(b.answers, id);
    answers[id] = (x && y ? later({ value: x, time: x.at }, { value: y, time: y.at }).value : (x ?? y)) as LabProgress['answers'][string];
  }
  const fields = mergeTimed(a as unknown as Data, a.fieldTimes, b as unknown as Data, b.fieldTimes, LAB_UNTIMED);
  return {
    ...fields.values,
    files: files.values as Record<string, string>,
    fileTimes: files.times,
    answers,
    fieldTimes: fields.times,
    updatedAt: ms(a.updatedAt) >= ms(b.updatedAt) ? a.updatedAt : b.updatedAt,
  } as LabProgress;
}

/** One copy of progress holding the newer side of every file, answer and field of both. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const labs: Progress['labs'] = dict();
  for (const id of keysOf(a.labs, b.labs)) labs[id] = mergeLab(own(a.labs, id), own(b.labs, id));
  const top = mergeTimed(a as unknown as Data, a.fieldTimes, b as unknown as Data, b.fieldTimes, TOP_UNTIMED);
  const merged = { ...top.values, version: PROGRESS_VERSION, labs } as Progress;
  if (Object.keys(top.times).length > 0) merged.fieldTimes = top.times;
  return merged;
}

/**
 * Gives every saved part that changed between `prev` and `next` the change time `at`:
 * each file, each lab field and each top-level field. Store actions replace what they
 * change and keep the rest (immutable updates), so comparing references finds exactly
 * the changes. `ignore` names keys that are not saved (transient UI state, actions).
 */
export function stampChanges<S extends object>(prev: S, next: S, at: string, ignore: (key: string, value: unknown) => boolean): S {
  const p = prev as Data;
  const n = next as Data;
  let fieldTimes: Times | undefined;
  for (const key of keysOf(p, n)) {
    if (TOP_UNTIMED.has(key) || ignore(key, n[key] ?? p[key]) || p[key] === n[key]) continue;
    fieldTimes ??= { ...((n.fieldTimes as Times | undefined) ?? {}) };
    fieldTimes[key] = at;
  }
  let labs: Record<string, LabProgress> | undefined;
  const prevLabs = (p.labs ?? {}) as Record<string, LabProgress>;
  const nextLabs = (n.labs ?? {}) as Record<string, LabProgress>;
  if (prevLabs !== nextLabs) {
    for (const [id, lab] of Object.entries(nextLabs)) {
      if (own(prevLabs, id) === lab) continue;
      labs ??= dict(nextLabs);
      labs[id] = stampLab(own(prevLabs, id), lab, at);
    }
  }
  if (!fieldTimes && !labs) return next;
  return { ...next, ...(fieldTimes ? { fieldTimes } : {}), ...(labs ? { labs } : {}) };
}

function stampLab(prev: LabProgress | undefined, next: LabProgress, at: string): LabProgress {
  const fileTimes: Times = dict(next.fileTimes);
  const prevFiles = prev?.files ?? {};
  for (const path of keysOf(prevFiles, next.files)) if (own(prevFiles, path) !== own(next.files, path)) fileTimes[path] = at;
  const fieldTimes: Times = dict(next.fieldTimes);
  const p = (prev ?? {}) as Data;
  const n = next as unknown as Data;
  for (const key of keysOf(p, n)) if (!LAB_UNTIMED.has(key) && p[key] !== n[key]) fieldTimes[key] = at;
  return { ...next, fileTimes, fieldTimes };
}

/** Structural equality of JSON-like data; shared references make it cheap on unchanged parts. Undefined-valued keys count as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameData(item, other[i]));
  }
  const x = a as Data;
  const y = b as Data;
  for (const key of keysOf(x, y)) if (!sameData(own(x, key), own(y, key))) return false;
  return true;
}

/**
 * The learner's progress, in a zustand store saved to localStorage by sync.ts:
 * debounced, flushed on page hide, merged with other tabs per file, validated and
 * migrated on load, with unreadable data moved to quarantine rather than replaced.
 *
 * Every change made through the store gets change times (merge.ts `stampChanges`),
 * so actions need no bookkeeping of their own: replace what changes, keep the rest.
 * Everything in the state is saved except actions and TRANSIENT_KEYS.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { dict, own } from './dict';
import { afterFilesReplaced, afterRun, appendTime, noteActivity } from './lab-facts';
import { sameData, stampChanges } from './merge';
import type { SavedAssignment } from './mentor-schema';
import { EMPTY_PROGRESS, type LabProgress, type LastRun, type Progress } from './schema';
import type { Assignment } from '../mentor/assignment';
import type { Feedback } from '../mentor/feedback';
import { STORAGE_KEY, type StorageLike } from './stored';
import { ProgressSync, type AbsorbSource, type StorageStatus } from './sync';

export { QUARANTINE_PREFIX, STORAGE_KEY } from './stored';

/** What arrived from another tab, for the lab screen to tell the learner. */
export interface ExternalChange {
  /** Increases with every change that arrived, so a notice can tell a new one from the last. */
  seq: number;
  /** Per lab id: the files whose text changed, and whether anything else in the lab did. */
  labs: Record<string, { files: string[]; other: boolean }>;
}

export interface ProgressState extends Progress, StorageStatus {
  externalChange?: ExternalChange;
  saveFile(labId: string, path: string, content: string): void;
  resetFiles(labId: string, files?: Record<string, string>): void;
  /** The learner looked at the solution beside their code (Compare with solution): counts like "Show solution", files untouched. */
  noteSolutionSeen(labId: string): void;
  answer(labId: string, questionId: string, choice: string, correct: boolean): void;
  recordRun(labId: string, run: LastRun): void;
  saveQueries(labId: string, queries: { refId: string; json: string }[]): void;
  saveScenario(labId: string, scenarioId: string): void;
  /** Ticks or unticks one self-review rubric item of a lab. */
  saveRubric(labId: string, itemId: string, checked: boolean): void;
  /** Saves an assignment from a mentor (already validated); one with the same id is replaced, keeping its hand-in times. */
  saveAssignment(assignment: Assignment): void;
  removeAssignment(id: string): void;
  /** Notes that work for an assignment was handed in at `at`. */
  markHandedIn(id: string, at: string): void;
  /** Saves a mentor's feedback file (already validated) beside the work; it never changes the work. */
  saveFeedback(feedback: Feedback): void;
  removeFeedback(id: string): void;
  setLearnerName(name: string): void;
  /** Replaces the saved part with `progress` as given (an applied import): its change times are kept. */
  replaceProgress(progress: Progress): void;
}

/** UI state that lives in the store but is never saved. New keys here stay out of storage. */
export const TRANSIENT_KEYS: ReadonlySet<string> = new Set(['quarantine', 'saveError', 'externalChange']);

const notSaved = (key: string, value: unknown) => typeof value === 'function' || TRANSIENT_KEYS.has(key);

/** The saved part of the state: everything but actions and transient keys. */
export function partialize(state: object): Progress {
  return Object.fromEntries(Object.entries(state).filter(([key, value]) => !notSaved(key, value))) as unknown as Progress;
}

let lastTime = 0;
/** ISO time, strictly increasing within this tab, so two changes never share a change time. */
export function now(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

/** True when a saved key (not an action, not transient) has a new value. */
function savedPartChanged(prev: object, next: object): boolean {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  return Object.keys({ ...p, ...n }).some((key) => p[key] !== n[key] && !notSaved(key, n[key] ?? p[key]));
}

/** Most assignments and feedback files kept; past it the oldest go. */
const MAX_KEPT = 30;

/** Every lab change also counts towards active time (lib/progress/lab-facts.ts). */
function updateLab(state: Progress, labId: string, change: (lab: LabProgress, at: string) => Partial<LabProgress>): Pick<Progress, 'labs'> {
  const at = now();
  const lab: LabProgress = state.labs[labId] ?? { files: {}, answers: {}, updatedAt: at };
  return { labs: { ...state.labs, [labId]: { ...lab, ...change(lab, at), ...noteActivity(lab, at), updatedAt: at } } };
}

/** `map` with `id` set to `value` (or removed), keeping at most MAX_KEPT entries by `time`. */
function keyed<T>(map: Record<string, T> | undefined, id: string, value: T | undefined, time: (entry: T) => string): Record<string, T> {
  const next = dict(map);
  if (value === undefined) delete next[id];
  else next[id] = value;
  const ids = Object.keys(next).sort((a, b) => (time(next[a]) < time(next[b]) ? -1 : 1));
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_KEPT))) if (old !== id) delete next[old];
  return next;
}

function externalChanges(before: Progress, after: Progress, seq: number): ExternalChange {
  const labs: ExternalChange['labs'] = {};
  for (const [id, lab] of Object.entries(after.labs)) {
    const old = before.labs[id];
    if (old === lab) continue;
    const files = Object.keys({ ...old?.files, ...lab.files }).filter((path) => old?.files[path] !== lab.files[path]);
    const other = !sameData({ ...old, files: undefined, fileTimes: undefined }, { ...lab, files: undefined, fileTimes: undefined });
    if (files.length > 0 || other) labs[id] = { files, other };
  }
  return { seq, labs };
}

export interface ProgressStoreOptions {
  storage?: () => StorageLike;
  window?: ProgressSyncOptions['window'];
  document?: ProgressSyncOptions['document'];
  debounceMs?: number;
  retryMs?: number;
}
type ProgressSyncOptions = ConstructorParameters<typeof ProgressSync>[0];

export type ProgressStore = StoreApi<ProgressState> & { sync: ProgressSync };

/**
 * A progress store with its own sync; the app uses one (`progressStore`), tests make
 * several to play tabs. A vanilla zustand store: React components read it through
 * components/progress/use-progress.ts.
 */
export function createProgressStore(options: ProgressStoreOptions = {}): ProgressStore {
  let sync!: ProgressSync;
  let seq = 0;
  const store = createStore<ProgressState>()((plainSet, get, api) => {
    /** Every change through the store: stamped with change times and scheduled for saving. Actions use this `set`. */
    const set: typeof api.setState = (partial, replace) => {
      let changed = false;
      plainSet((prev) => {
        const patch = typeof partial === 'function' ? partial(prev) : partial;
        if (Object.is(patch, prev)) return prev;
        const next = (replace ? patch : { ...prev, ...patch }) as ProgressState;
        changed = savedPartChanged(prev, next);
        return changed ? stampChanges(prev, next, now(), notSaved) : next;
      }, true);
      if (changed) sync.changed();
    };
    api.setState = set;

    /** Puts saved progress in without new change times; keys it lacks are cleared. */
    const absorb = (progress: Progress, source: AbsorbSource) => {
      const before = partialize(get());
      const patch: Record<string, unknown> = { ...progress };
      for (const key of Object.keys(before)) if (!(key in progress)) patch[key] = undefined;
      if (source === 'other-tab') patch.externalChange = externalChanges(before, progress, ++seq);
      plainSet(patch as Partial<ProgressState>);
    };

    sync = new ProgressSync({
      key: STORAGE_KEY,
      storage: options.storage ?? (() => window.localStorage),
      read: () => partialize(get()),
      absorb,
      report: (status) => {
        // Only real changes: an unchanged report must not wake every subscriber.
        const state = get();
        if ((Object.keys(status) as (keyof StorageStatus)[]).some((key) => !sameData(state[key], status[key]))) plainSet(status);
      },
      debounceMs: options.debounceMs,
      retryMs: options.retryMs,
      window: options.window ?? (typeof window === 'undefined' ? undefined : window),
      document: options.document ?? (typeof document === 'undefined' ? undefined : document),
    });

    return {
      ...EMPTY_PROGRESS,
      saveFile: (labId, path, content) => set((s) => updateLab(s, labId, (lab) => ({ files: { ...lab.files, [path]: content } }))),
      resetFiles: (labId, files = {}) => set((s) => updateLab(s, labId, (lab, at) => ({ files, ...afterFilesReplaced(lab, files, at) }))),
      noteSolutionSeen: (labId) => set((s) => updateLab(s, labId, (lab, at) => ({ solutionShownAt: appendTime(lab.solutionShownAt, at) }))),
      answer: (labId, questionId, choice, correct) =>
        set((s) => updateLab(s, labId, (lab) => ({ answers: { ...lab.answers, [questionId]: { choice, correct, at: now() } } }))),
      recordRun: (labId, run) => set((s) => updateLab(s, labId, (lab) => ({ lastRun: run, ...afterRun(lab, run) }))),
      saveQueries: (labId, queries) => set((s) => updateLab(s, labId, () => ({ queries }))),
      saveScenario: (labId, scenarioId) => set((s) => updateLab(s, labId, () => ({ scenarioId }))),
      saveRubric: (labId, itemId, checked) => set((s) => updateLab(s, labId, (lab) => ({ rubric: { ...lab.rubric, [itemId]: checked } }))),
      saveAssignment: (assignment) =>
        set((s) => {
          const before = own(s.assignments, assignment.id);
          const saved: SavedAssignment = { assignment, receivedAt: now(), handedInAt: before?.handedInAt ?? [] };
          return { assignments: keyed(s.assignments, assignment.id, saved, (a) => a.receivedAt) };
        }),
      removeAssignment: (id) => set((s) => (own(s.assignments, id) ? { assignments: keyed(s.assignments, id, undefined, (a) => a.receivedAt) } : s)),
      markHandedIn: (id, at) =>
        set((s) => {
          const saved = own(s.assignments, id);
          if (!saved) return s;
          const handedInAt = [...saved.handedInAt, at].slice(-50);
          return { assignments: keyed(s.assignments, id, { ...saved, handedInAt }, (a) => a.receivedAt) };
        }),
      saveFeedback: (feedback) => set((s) => ({ feedback: keyed(s.feedback, feedback.id, { feedback, receivedAt: now() }, (f) => f.receivedAt) })),
      removeFeedback: (id) => set((s) => (own(s.feedback, id) ? { feedback: keyed(s.feedback, id, undefined, (f) => f.receivedAt) } : s)),
      setLearnerName: (name) => set({ learnerName: name.slice(0, 80) }),
      replaceProgress: (progress) => {
        absorb(progress, 'load');
        sync.changed();
        sync.flush();
      },
    };
  });
  return Object.assign(store, { sync });
}

/** The app's one progress store (this tab). */
export const progressStore = createProgressStore();

/** Loads saved progress once on the client (reading localStorage is synchronous). */
export async function hydrateProgress(): Promise<void> {
  progressStore.sync.hydrate();
}

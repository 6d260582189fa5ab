/**
 * Re-running a handed-in lab: the learner's files go through the same lab session as
 * a Run on the lab page (lib/session/lab-session.ts: the lab's kind runs them, the one
 * grader runs its checks), in the sandbox, so handler and artifact labs alike get
 * verdicts computed here, never read from the file.
 *
 * The session saves into a progress store of its own that is never loaded from or
 * written to storage, so the mentor's own progress is never touched. A re-run that
 * does not finish in `timeLimitMs` is cancelled like any Run (the sandbox kills code
 * that loops), and the caller moves on to the next lab.
 */
import type { GradeReport } from '../grading/contract';
import type { LabKind, LabKindId, RunRecordBase } from '../kinds/types';
import { dict } from '../progress/dict';
import { createProgressStore } from '../progress/store';
import type { StorageLike } from '../progress/stored';
import type { SandboxHost } from '../runtime/sandbox/host';
import { createLabSession, type LabSessionOptions, type SessionLab } from '../session/lab-session';
import type { LabWork } from './submission';

/** Longest a lab's re-run may take before it is stopped, ms. A lab's checks take seconds; a loop in each check costs ~2 s per check. */
export const RERUN_TIME_LIMIT_MS = 90_000;

export type RerunStatus = 'done' | 'stopped' | 'failed';

export interface RerunResult {
  /** `done`: graded (pass, fail or a blocking error); `stopped`: cancelled or over the time limit; `failed`: the app could not load what Run needs. */
  status: RerunStatus;
  report: GradeReport | null;
  /** The main Run's record, for the lab kind's result views. */
  record: RunRecordBase | null;
  /** Why it stopped or failed. */
  message?: string;
}

/**
 * The handed-in edits the re-run uses: only files the lab has and the learner may
 * edit. Anything else (a file the lab does not have, an edited read-only file) is
 * left out and named, so the mentor sees it.
 */
export function acceptedEdits(lab: Pick<SessionLab, 'meta'>, work: Pick<LabWork, 'files'>): { files: Record<string, string>; ignored: string[] } {
  const editable = new Set(lab.meta.files.filter((f) => !f.readOnly).map((f) => f.path));
  const files = dict<string>();
  const ignored: string[] = [];
  for (const path of Object.keys(work.files)) {
    if (editable.has(path)) files[path] = work.files[path];
    else ignored.push(path);
  }
  return { files, ignored };
}

/** Every file as the re-run sees it: the starter with the accepted edits over it. */
export function reviewedFiles(lab: Pick<SessionLab, 'meta' | 'starter'>, work: Pick<LabWork, 'files'>): Record<string, string> {
  return { ...lab.starter, ...acceptedEdits(lab, work).files };
}

/** Storage that holds nothing: the review's progress store never loads or saves. */
const NO_STORAGE: StorageLike = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined, key: () => null, length: 0 };
/** No page events reach the review's store (no other tab's progress merges into it). */
const NO_EVENTS = { addEventListener: () => undefined, removeEventListener: () => undefined, visibilityState: 'visible' as DocumentVisibilityState };

export interface RerunOptions {
  sandbox(): SandboxHost;
  loadChecks: NonNullable<LabSessionOptions['loadChecks']>;
  loadKind?(id: LabKindId): Promise<LabKind>;
  timeLimitMs?: number;
  /** Stops the re-run (the mentor pressed Stop, or left). */
  signal?: AbortSignal;
  /** Every change of the grade while it runs (pending → running → results). */
  onUpdate?(report: GradeReport | null): void;
}

export async function rerunLab(lab: SessionLab, work: LabWork, options: RerunOptions): Promise<RerunResult> {
  const store = createProgressStore({ storage: () => NO_STORAGE, window: NO_EVENTS, document: NO_EVENTS });
  const { files } = acceptedEdits(lab, work);
  // Settings travel as the learner left them (they shape only the main Run; every check sends its own request).
  store.setState({ labs: { [lab.id]: { files, answers: {}, queries: work.queries, scenarioId: work.scenarioId, updatedAt: new Date().toISOString() } } });
  const session = createLabSession(lab, { sandbox: options.sandbox, progress: store, loadChecks: options.loadChecks, loadKind: options.loadKind });
  const unsubscribe = session.subscribe((state, before) => {
    if (state.report !== before.report) options.onUpdate?.(state.report);
  });
  let stopReason: string | undefined;
  const done = session.getState().run();
  const stopped = new Promise<void>((resolve) => {
    const stop = (why: string) => {
      stopReason ??= why;
      session.getState().cancel();
      resolve();
    };
    const limit = options.timeLimitMs ?? RERUN_TIME_LIMIT_MS;
    const timer = setTimeout(() => stop(`The re-run was stopped after ${Math.round(limit / 1000)} s: the checks did not finish in time.`), limit);
    options.signal?.addEventListener('abort', () => stop('The re-run was stopped before it finished.'), { once: true });
    if (options.signal?.aborted) stop('The re-run was stopped before it finished.');
    done.finally(() => clearTimeout(timer));
  });
  try {
    await Promise.race([done, stopped]);
  } finally {
    unsubscribe();
  }
  const state = session.getState();
  session.getState().dispose();
  if (state.loadError) return { status: 'failed', report: state.report, record: state.record, message: state.loadError };
  if (stopReason || state.report?.status === 'cancelled') return { status: 'stopped', report: state.report, record: state.record, message: stopReason ?? 'The re-run was stopped.' };
  return { status: 'done', report: state.report, record: state.record };
}

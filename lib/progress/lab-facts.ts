/**
 * The facts about a lab that a mentor needs to judge work honestly, kept as the
 * learner works (lib/progress/store.ts calls these): how many Runs and when the first
 * passed, when the solution was shown, resets, which checks' hints were on screen, and
 * active time. Pure functions of the lab's saved progress; no storage, no React.
 */
import type { LabHistory, LabProgress, LastRun } from './schema';

/** A gap between two changes longer than this counts as time away, not work: 5 minutes. */
export const ACTIVE_GAP_MS = 5 * 60_000;
/** Times kept per list; past it the oldest go, except the very first. */
export const MAX_TIMES = 50;

const ms = (iso: string | undefined) => (iso === undefined ? NaN : Date.parse(iso));

/** Adds `at` to a list of times, keeping the first and the newest (MAX_TIMES in all). */
export function appendTime(list: readonly string[] | undefined, at: string): string[] {
  const next = [...(list ?? []), at];
  return next.length > MAX_TIMES ? [next[0], ...next.slice(next.length - (MAX_TIMES - 1))] : next;
}

/**
 * Active time after a change at `at`: the gap since the last change counts when it is
 * at most ACTIVE_GAP_MS (typing, reading a result, then running again). Reading the
 * instructions for longer before the first edit is not counted: an estimate, and said so.
 */
export function noteActivity(lab: Pick<LabProgress, 'activeMs' | 'activeAt'>, at: string): Pick<LabProgress, 'activeMs' | 'activeAt'> {
  const gap = ms(at) - ms(lab.activeAt);
  const add = Number.isFinite(gap) && gap > 0 && gap <= ACTIVE_GAP_MS ? gap : 0;
  return { activeMs: (lab.activeMs ?? 0) + add, activeAt: at };
}

/** The run history and hints seen after a finished Run. */
export function afterRun(lab: Pick<LabProgress, 'history' | 'hintsShown'>, run: LastRun): Pick<LabProgress, 'history' | 'hintsShown'> {
  const before: LabHistory = lab.history ?? { runs: 0, passes: 0 };
  const passed = run.total > 0 && run.passed === run.total;
  const history: LabHistory = {
    ...before,
    runs: before.runs + 1,
    passes: before.passes + (passed ? 1 : 0),
    firstRunAt: before.firstRunAt ?? run.at,
    lastRunAt: run.at,
    bestPassed: Math.max(before.bestPassed ?? 0, run.passed),
  };
  if (passed && !before.firstPassAt) history.firstPassAt = run.at;
  // A failing or erroring check shows its hint in the Checks tab.
  const failing = Object.keys(run.checks).filter((id) => run.checks[id] !== 'pass');
  const seen = new Set(lab.hintsShown ?? []);
  const added = failing.filter((id) => !seen.has(id));
  const hintsShown = added.length > 0 ? [...(lab.hintsShown ?? []), ...added].slice(0, 500) : lab.hintsShown;
  return { history, hintsShown };
}

/**
 * After the files were replaced as a whole (SavedWork.replaceFiles / resetToStarter,
 * lib/session/saved-work.ts): no files means back to the starter, files mean the
 * solution was put in the editor.
 */
export function afterFilesReplaced(lab: Pick<LabProgress, 'solutionShownAt' | 'resetAt'>, files: Record<string, string>, at: string): Pick<LabProgress, 'solutionShownAt' | 'resetAt'> {
  return Object.keys(files).length === 0 ? { resetAt: appendTime(lab.resetAt, at) } : { solutionShownAt: appendTime(lab.solutionShownAt, at) };
}

/** When the solution was first shown, against the first Run that passed every check. */
export type Reveal =
  | { kind: 'never' }
  | { kind: 'before-pass'; shownAt: string; passedAt?: string }
  | { kind: 'after-pass'; shownAt: string; passedAt: string };

export function revealTiming(lab: Pick<LabProgress, 'solutionShownAt' | 'history'>): Reveal {
  const shownAt = lab.solutionShownAt?.[0];
  if (!shownAt) return { kind: 'never' };
  const passedAt = lab.history?.firstPassAt;
  if (passedAt && ms(passedAt) < ms(shownAt)) return { kind: 'after-pass', shownAt, passedAt };
  return { kind: 'before-pass', shownAt, passedAt };
}

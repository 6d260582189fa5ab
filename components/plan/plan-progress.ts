/**
 * Pure rules the plan's progress bars and lab badges share: no React, no store.
 * Completion itself is decided by lib/progress/completion.ts; this only turns it into
 * what the home page shows.
 */
import type { LabSummary } from '@/lib/labs/load';
import { labCompletion, labFraction } from '@/lib/progress/completion';
import type { LabProgress } from '@/lib/progress/schema';

/** A lab as the plan needs it: its summary plus the ids completion checks. Serializable. */
export interface PlanLab extends LabSummary {
  /** Ids of the lab's questions; a lab is complete only when each is answered right. */
  questionIds: string[];
}

/** `done-with-solution`: complete, but "Show solution" came before the first passing Run. */
export type LabStatus = 'not-started' | 'in-progress' | 'complete' | 'done-with-solution';

export const STATUS_LABEL: Readonly<Record<LabStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
  'done-with-solution': 'Done with the solution',
};

/** Complete either way: solved, or done after the solution was shown. */
export const isDone = (status: LabStatus) => status === 'complete' || status === 'done-with-solution';

export interface LabState {
  status: LabStatus;
  /** 0 to 1. Exactly 1 only when the lab is complete. */
  fraction: number;
  /** True when the last run came from an imported backup: shown as saved, not re-run, and never complete. */
  runAsSaved?: boolean;
}

/**
 * Where the learner stands in one lab. A lab counts as started once they edited a
 * file, ran it or answered a question; merely opening it (which may save the chosen
 * scenario or queries) does not.
 */
export function labState(progress: LabProgress | undefined, lab: Pick<PlanLab, 'questionIds'>): LabState {
  const completion = labCompletion(progress, lab.questionIds);
  if (completion) return { status: completion === 'solved' ? 'complete' : 'done-with-solution', fraction: 1 };
  const touched =
    !!progress && (progress.lastRun !== undefined || Object.keys(progress.files).length > 0 || Object.keys(progress.answers).length > 0);
  // Untouched means 0, even for a lab without questions (which labFraction counts as half done).
  if (!touched) return { status: 'not-started', fraction: 0 };
  // An incomplete lab never shows 100%, even if stale answers fill up the count.
  const state: LabState = { status: 'in-progress', fraction: Math.min(labFraction(progress, lab.questionIds), 0.99) };
  return progress?.lastRun?.source === 'import' ? { ...state, runAsSaved: true } : state;
}

/**
 * The plan's steps as states: each week's lab, then the capstone as one step, which
 * counts as far as the learner's furthest capstone (they pick one of several).
 * Without capstone labs, just the week labs.
 */
export function planSteps(labStates: readonly LabState[], capstoneStates: readonly LabState[]): LabState[] {
  if (capstoneStates.length === 0) return [...labStates];
  const best = capstoneStates.reduce((a, b) => (b.fraction > a.fraction ? b : a));
  return [...labStates, best];
}

/** The mean of the labs' fractions; 0 for a week without labs. */
export function meanFraction(states: readonly LabState[]): number {
  if (states.length === 0) return 0;
  return states.reduce((sum, s) => sum + s.fraction, 0) / states.length;
}

/** Whole percent, rounded down so nothing reads 100% before it is done. */
export function toPercent(fraction: number): number {
  return Math.floor(Math.max(0, Math.min(1, fraction)) * 100 + 1e-9);
}

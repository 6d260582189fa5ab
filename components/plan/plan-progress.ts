/**
 * Pure rules the plan's progress bars and lab badges share: no React, no store.
 * Completion itself is decided by lib/progress/completion.ts; this only turns it into
 * what the home page shows.
 */
import type { LabSummary } from '@/lib/labs/load';
import { isLabComplete, labFraction } from '@/lib/progress/completion';
import type { LabProgress } from '@/lib/progress/schema';

/** A lab as the plan needs it: its summary plus the ids completion checks. Serializable. */
export interface PlanLab extends LabSummary {
  /** Ids of the lab's questions; a lab is complete only when each is answered. */
  questionIds: string[];
}

export type LabStatus = 'not-started' | 'in-progress' | 'complete';

export const STATUS_LABEL: Readonly<Record<LabStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
};

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
export function labState(progress: LabProgress | undefined, lab: Pick<PlanLab, 'questionIds' | 'questionCount'>): LabState {
  if (isLabComplete(progress, lab.questionIds)) return { status: 'complete', fraction: 1 };
  const touched =
    !!progress && (progress.lastRun !== undefined || Object.keys(progress.files).length > 0 || Object.keys(progress.answers).length > 0);
  // Untouched means 0, even for a lab without questions (which labFraction counts as half done).
  if (!touched) return { status: 'not-started', fraction: 0 };
  // An incomplete lab never shows 100%, even if stale answers fill up the count.
  const state: LabState = { status: 'in-progress', fraction: Math.min(labFraction(progress, lab.questionCount), 0.99) };
  return progress?.lastRun?.source === 'import' ? { ...state, runAsSaved: true } : state;
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

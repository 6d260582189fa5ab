/** Pure rules for "done": the home page and the lab page both use them. */
import type { LabProgress } from './schema';

/**
 * A lab is complete when its last run in this browser passed every check and every
 * question is answered. A run that arrived in a backup (`source: 'import'`) proves
 * nothing about this browser's code, so it never completes a lab until run again.
 */
export function isLabComplete(progress: LabProgress | undefined, questionIds: readonly string[]): boolean {
  if (!progress?.lastRun || progress.lastRun.total === 0 || progress.lastRun.source === 'import') return false;
  const allChecks = progress.lastRun.passed === progress.lastRun.total;
  return allChecks && questionIds.every((id) => progress.answers[id] !== undefined);
}

/** Progress through one lab from 0 to 1: checks passed and questions answered, weighted alike. */
export function labFraction(progress: LabProgress | undefined, questionCount: number): number {
  if (!progress) return 0;
  const run = progress.lastRun;
  // An imported result counts as not run: only a Run in this browser may say passed.
  const checks = run && run.total > 0 && run.source !== 'import' ? run.passed / run.total : 0;
  const answered = Object.keys(progress.answers).length;
  const questions = questionCount > 0 ? Math.min(answered, questionCount) / questionCount : 1;
  return (checks + questions) / 2;
}

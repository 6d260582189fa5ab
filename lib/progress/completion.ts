/** Pure rules for "done": the home page, the lab page and a mentor's assignment view use them. */
import { revealTiming } from './lab-facts';
import type { LabProgress } from './schema';

/** Ids of the questions answered right (answering again is allowed; the last answer counts). */
function rightAnswers(progress: LabProgress, questionIds: readonly string[]): number {
  return questionIds.filter((id) => Object.hasOwn(progress.answers, id) && progress.answers[id].correct).length;
}

/**
 * A lab is complete when its last run in this browser passed every check and every
 * question is answered right. A run that arrived in a backup (`source: 'import'`) proves
 * nothing about this browser's code, so it never completes a lab until run again.
 */
export function isLabComplete(progress: LabProgress | undefined, questionIds: readonly string[]): boolean {
  if (!progress?.lastRun || progress.lastRun.total === 0 || progress.lastRun.source === 'import') return false;
  const allChecks = progress.lastRun.passed === progress.lastRun.total;
  return allChecks && rightAnswers(progress, questionIds) === questionIds.length;
}

/**
 * How a complete lab was finished: `solved` by the learner, or `with-solution` when
 * "Show solution" put the answer in the editor before the first Run that passed every
 * check (a lab solved first and revealed afterwards stays `solved`). Null when the lab is
 * not complete.
 */
export type LabCompletion = 'solved' | 'with-solution';

export function labCompletion(progress: LabProgress | undefined, questionIds: readonly string[]): LabCompletion | null {
  if (!progress || !isLabComplete(progress, questionIds)) return null;
  return revealTiming(progress).kind === 'before-pass' ? 'with-solution' : 'solved';
}

/** Progress through one lab from 0 to 1: checks passed and questions answered right, weighted alike. */
export function labFraction(progress: LabProgress | undefined, questionIds: readonly string[]): number {
  if (!progress) return 0;
  const run = progress.lastRun;
  // An imported result counts as not run: only a Run in this browser may say passed.
  const checks = run && run.total > 0 && run.source !== 'import' ? run.passed / run.total : 0;
  const questions = questionIds.length > 0 ? rightAnswers(progress, questionIds) / questionIds.length : 1;
  return (checks + questions) / 2;
}

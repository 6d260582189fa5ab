/** Pure rules for "done": the home page, the lab page, the exercise list and a mentor's assignment view use them. */
import type { ExerciseEntry } from '../exercises/progress-schema';
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

/** Where the learner stands in one exercise or simulation. */
export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface ExerciseState {
  status: ExerciseStatus;
  /** True when the last test result came from an imported backup: shown as saved, not re-run, and never passed. */
  runAsSaved?: boolean;
}

/** What the rules need to know of an exercise: its kind, and a simulation's further questions (sim.json `questions`). */
export interface ExerciseFacts {
  kind: 'exercise' | 'sim';
  /** Ids of a simulation's further questions; each must be answered right. Empty for a coding exercise. */
  questionIds: readonly string[];
}

/**
 * An exercise's status, by the same rules as a lab's:
 * - a coding exercise has `passed` when its last test run in this browser passed every
 *   test (a result that arrived in a backup proves nothing about this browser's code);
 * - a simulation has `passed` when its diagnosis is right (an incident's diagnosis is
 *   right only when every check of it passed) and each further question is answered
 *   right. Fixing the toy plugin is optional, so its checks do not count;
 * - it is `in-progress` once the learner edited a file, ran it, or answered anything;
 *   opening it saves nothing, so an opened exercise stays `not-started`.
 */
export function exerciseState(entry: ExerciseEntry | undefined, exercise: ExerciseFacts): ExerciseState {
  if (!entry) return { status: 'not-started' };
  const result = entry.lastResult;
  const answers = entry.answers ?? {};
  const passed =
    exercise.kind === 'exercise'
      ? !!result && result.total > 0 && result.passed === result.total && result.source !== 'import'
      : entry.diagnosis?.correct === true && exercise.questionIds.every((id) => Object.hasOwn(answers, id) && answers[id].correct);
  if (passed) return { status: 'passed' };
  const touched = Object.keys(entry.files).length > 0 || result !== undefined || entry.diagnosis !== undefined || Object.keys(answers).length > 0;
  if (!touched) return { status: 'not-started' };
  return result?.source === 'import' ? { status: 'in-progress', runAsSaved: true } : { status: 'in-progress' };
}

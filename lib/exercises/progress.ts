/**
 * Exercise progress on the shared progress store: the learner's code, the last test
 * result and a simulation's diagnosis answer. Changes go through the store's
 * `setState`, so saving, change times and two-tab merging work as they do for labs.
 */
import { progressStore, type ProgressStore } from '@/lib/progress/store';
import { own } from '@/lib/progress/dict';
import type { ExerciseEntry } from './progress-schema';

/** An exercise nobody has touched yet. */
export const EMPTY_EXERCISE_ENTRY: ExerciseEntry = { files: {} };

export function getExerciseEntry(id: string, store: ProgressStore = progressStore): ExerciseEntry {
  return own(store.getState().exercises, id) ?? EMPTY_EXERCISE_ENTRY;
}

/** The actions on one progress store (the app's, or a test's). */
export function exerciseActionsFor(store: ProgressStore) {
  const update = (id: string, change: (entry: ExerciseEntry) => Partial<ExerciseEntry>): void => {
    store.setState((s) => {
      const entry = own(s.exercises, id) ?? EMPTY_EXERCISE_ENTRY;
      return { exercises: { ...s.exercises, [id]: { ...entry, ...change(entry) } } };
    });
  };
  return {
    saveFile: (id: string, path: string, content: string) => update(id, (e) => ({ files: { ...e.files, [path]: content } })),
    /** Replaces every file: `{}` goes back to the starter, the solution's files show the solution. */
    replaceFiles: (id: string, files: Record<string, string>) => update(id, () => ({ files })),
    recordResult: (id: string, passed: number, total: number) => update(id, () => ({ lastResult: { at: new Date().toISOString(), passed, total } })),
    answerDiagnosis: (id: string, choice: string, correct: boolean) => update(id, () => ({ diagnosis: { choice, correct, at: new Date().toISOString() } })),
    /** A simulation's further question (sim.json `questions`). */
    answerQuestion: (id: string, questionId: string, choice: string, correct: boolean) =>
      update(id, (e) => ({ answers: { ...e.answers, [questionId]: { choice, correct, at: new Date().toISOString() } } })),
  };
}

export const exerciseActions = exerciseActionsFor(progressStore);

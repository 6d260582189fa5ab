'use client';
/**
 * Exercise progress on the shared progress store: the learner's code, the last test
 * result and a simulation's diagnosis answer. Changes go through `useProgress.setState`,
 * so saving, change times and two-tab merging work as they do for labs.
 */
import { useProgress } from '@/lib/progress/store';
import { own } from '@/lib/progress/dict';
import type { ExerciseEntry } from './progress-schema';

const EMPTY: ExerciseEntry = { files: {} };

export function useExerciseEntry(id: string): ExerciseEntry {
  return useProgress((s) => own(s.exercises, id) ?? EMPTY);
}

export function getExerciseEntry(id: string): ExerciseEntry {
  return own(useProgress.getState().exercises, id) ?? EMPTY;
}

function update(id: string, change: (entry: ExerciseEntry) => Partial<ExerciseEntry>): void {
  useProgress.setState((s) => {
    const entry = own(s.exercises, id) ?? EMPTY;
    return { exercises: { ...s.exercises, [id]: { ...entry, ...change(entry) } } };
  });
}

export const exerciseActions = {
  saveFile: (id: string, path: string, content: string) => update(id, (e) => ({ files: { ...e.files, [path]: content } })),
  /** Replaces every file: `{}` goes back to the starter, the solution's files show the solution. */
  replaceFiles: (id: string, files: Record<string, string>) => update(id, () => ({ files })),
  recordResult: (id: string, passed: number, total: number) => update(id, () => ({ lastResult: { at: new Date().toISOString(), passed, total } })),
  answerDiagnosis: (id: string, choice: string, correct: boolean) => update(id, () => ({ diagnosis: { choice, correct, at: new Date().toISOString() } })),
};

'use client';
/** One exercise's saved entry (files, last result, diagnosis), for React. */
import { useProgress } from '@/components/progress/use-progress';
import { EMPTY_EXERCISE_ENTRY } from '@/lib/exercises/progress';
import { own } from '@/lib/progress/dict';
import type { ExerciseEntry } from '@/lib/exercises/progress-schema';

export function useExerciseEntry(id: string): ExerciseEntry {
  return useProgress((s) => own(s.exercises, id) ?? EMPTY_EXERCISE_ENTRY);
}

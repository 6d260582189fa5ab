'use client';
/** The saved interview state for React, or the empty one before anything was practised. */
import { useProgress } from '@/components/progress/use-progress';
import { EMPTY_INTERVIEW, type InterviewProgress } from '@/lib/interview/progress-schema';

export function useInterview(): InterviewProgress {
  return useProgress((s) => s.interview ?? EMPTY_INTERVIEW);
}

'use client';
/**
 * Reads the learner's saved progress for some labs. Until saved progress has loaded
 * (`hydrated` false) every lab reads as not started, exactly as the static HTML was
 * rendered, so the first client render matches it.
 */
import { useMemo } from 'react';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { labState, type LabState, type PlanLab } from './plan-progress';

export function useLabStates(labs: readonly PlanLab[]): { hydrated: boolean; states: LabState[] } {
  const hydrated = useProgressHydrated();
  const saved = useProgress((s) => s.labs);
  const states = useMemo(() => labs.map((lab) => labState(hydrated ? saved[lab.id] : undefined, lab)), [labs, saved, hydrated]);
  return { hydrated, states };
}

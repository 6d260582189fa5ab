'use client';
/** Progress over a set of labs (a week, or the whole plan) from the learner's saved progress. */
import { isDone, meanFraction, type PlanLab } from './plan-progress';
import { ProgressBar } from './progress-bar';
import { useLabStates } from './use-lab-states';

export interface PlanProgressBarProps {
  /** Accessible name, e.g. "Overall progress". */
  label: string;
  labs: PlanLab[];
  /** Show "n of m labs complete" after the percentage. */
  showCount?: boolean;
  size?: 'md' | 'lg';
}

export function PlanProgressBar({ label, labs, showCount = false, size }: PlanProgressBarProps) {
  const { hydrated, states } = useLabStates(labs);
  const done = states.filter((s) => isDone(s.status)).length;
  const withSolution = states.filter((s) => s.status === 'done-with-solution').length;
  const detail = showCount
    ? `${done} of ${labs.length} ${labs.length === 1 ? 'lab' : 'labs'} complete${withSolution > 0 ? ` (${withSolution} with the solution)` : ''}`
    : undefined;
  return <ProgressBar label={label} fraction={meanFraction(states)} ready={hydrated} detail={detail} size={size} />;
}

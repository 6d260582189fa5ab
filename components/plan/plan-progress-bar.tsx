'use client';
/** Progress over a set of labs (a week, or the whole plan) from the learner's saved progress. */
import { isDone, meanFraction, planSteps, type PlanLab } from './plan-progress';
import { ProgressBar } from './progress-bar';
import { useLabStates } from './use-lab-states';

export interface PlanProgressBarProps {
  /** Accessible name, e.g. "Overall progress". */
  label: string;
  labs: PlanLab[];
  /** The capstone labs: together one step of the plan, done when any of them is (the learner picks one). */
  capstones?: PlanLab[];
  /** Show "n of m labs complete" after the percentage. */
  showCount?: boolean;
  size?: 'md' | 'lg';
}

export function PlanProgressBar({ label, labs, capstones = [], showCount = false, size }: PlanProgressBarProps) {
  const { hydrated, states } = useLabStates(labs);
  const capstone = useLabStates(capstones).states;
  const done = states.filter((s) => isDone(s.status)).length;
  const withSolution = states.filter((s) => s.status === 'done-with-solution').length;
  const capstoneText = capstones.length ? `, capstone ${capstone.some((s) => isDone(s.status)) ? 'complete' : 'not done yet'}` : '';
  const detail = showCount
    ? `${done} of ${labs.length} ${labs.length === 1 ? 'lab' : 'labs'} complete${withSolution > 0 ? ` (${withSolution} with the solution)` : ''}${capstoneText}`
    : undefined;
  return <ProgressBar label={label} fraction={meanFraction(planSteps(states, capstone))} ready={hydrated} detail={detail} size={size} />;
}

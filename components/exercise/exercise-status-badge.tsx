'use client';
/**
 * "Not started" / "In progress" / "Passed" for one exercise or simulation in the
 * exercise list, decided by lib/progress/completion.ts (exerciseState) and drawn as the
 * plan draws a lab's status: an icon and the word, never colour alone. Hidden, with its
 * space kept, until saved progress loads, so the static HTML never claims a status.
 */
import { useMemo } from 'react';
import { StatusIcon } from '@/components/plan/status-icon';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { exerciseState, type ExerciseFacts, type ExerciseStatus } from '@/lib/progress/completion';
import { own } from '@/lib/progress/dict';

export const EXERCISE_STATUS_LABEL: Readonly<Record<ExerciseStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  passed: 'Passed',
};

const COLOUR: Readonly<Record<ExerciseStatus, string>> = { 'not-started': 'text-muted', 'in-progress': 'text-warn', passed: 'text-ok' };
/** The plan's icons: an empty ring, a half-filled one, a tick. */
const ICON = { 'not-started': 'not-started', 'in-progress': 'in-progress', passed: 'complete' } as const;

export function ExerciseStatusBadge({ id, facts }: { id: string; facts: ExerciseFacts }) {
  const hydrated = useProgressHydrated();
  const saved = useProgress((s) => own(s.exercises, id));
  const { status, runAsSaved } = useMemo(() => exerciseState(hydrated ? saved : undefined, facts), [hydrated, saved, facts]);
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm whitespace-nowrap ${COLOUR[status]} ${hydrated ? '' : 'invisible'}`}>
      <StatusIcon status={ICON[status]} />
      <span>
        <span className="sr-only">Status: </span>
        {EXERCISE_STATUS_LABEL[status]}
      </span>
      {runAsSaved ? <span className="text-xs text-muted">(last result as saved, not re-run)</span> : null}
    </span>
  );
}

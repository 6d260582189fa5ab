'use client';
/**
 * "Not started" / "In progress" / "Complete" / "Done with the solution" for one lab, with an icon and the word
 * (never colour alone). Hidden, with its space kept, until saved progress loads.
 */
import { useMemo } from 'react';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { labState, STATUS_LABEL, type LabStatus, type PlanLab } from './plan-progress';
import { StatusIcon } from './status-icon';

const COLOUR: Readonly<Record<LabStatus, string>> = {
  'not-started': 'text-muted',
  'in-progress': 'text-warn',
  complete: 'text-ok',
  'done-with-solution': 'text-muted',
};

export function LabStatusBadge({ lab }: { lab: PlanLab }) {
  const hydrated = useProgressHydrated();
  const saved = useProgress((s) => s.labs[lab.id]);
  const { status, runAsSaved } = useMemo(() => labState(hydrated ? saved : undefined, lab), [hydrated, saved, lab]);
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm whitespace-nowrap ${COLOUR[status]} ${hydrated ? '' : 'invisible'}`}>
      <StatusIcon status={status} />
      <span>
        <span className="sr-only">Status: </span>
        {STATUS_LABEL[status]}
      </span>
      {runAsSaved ? <span className="text-xs text-muted">(last run as saved, not re-run)</span> : null}
    </span>
  );
}

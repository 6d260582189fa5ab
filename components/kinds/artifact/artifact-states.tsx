'use client';
/**
 * What every artifact results view shows before it has a simulation to draw: the
 * prompt before the first Run (or the "running" status), the parse errors with the
 * checks' one message, or the engine's error; otherwise it hands the simulation's
 * result to the view. The checks element is built once here, for every state.
 */
import type { ReactNode } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { ChecksView } from '@/components/results/checks-view';
import type { ArtifactRunRecord, FileError, SimulationResult } from '@/lib/kinds/artifact/record';
import { ParseErrors } from './parse-errors';

interface Props<R extends SimulationResult> extends KindResultsProps {
  /** Which simulation the view draws; any other result counts as "did not run". */
  simulation: R['simulation'];
  /** Before the first Run: what Run will do. */
  idleText: string;
  /** While the first Run is in flight. */
  runningText: string;
  /** The heading over the parse errors, e.g. "The workflow does not parse…". */
  parseTitle: (errors: FileError[]) => string;
  /** A line under the parse errors, when the tool has advice. */
  parseAdvice?: string;
  children: (result: R, checks: ReactNode) => ReactNode;
}

export function ArtifactStates<R extends SimulationResult>({ lab, record: base, report, phase, totalMs, simulation, idleText, runningText, parseTitle, parseAdvice, children }: Props<R>) {
  const record = base as ArtifactRunRecord | null;
  const checks = <ChecksView report={report} running={phase !== 'idle'} tasks={lab.tasks} totalMs={phase === 'idle' ? (totalMs ?? report?.durationMs) : undefined} />;
  if (!record) {
    return (
      <div className="space-y-3">
        <p role={phase === 'idle' ? undefined : 'status'} className="text-sm text-muted">
          {phase === 'idle' ? idleText : runningText}
        </p>
        {report ? checks : null}
      </div>
    );
  }
  if (!record.parse.ok) {
    return (
      <div className="space-y-3">
        <ParseErrors errors={record.parse.errors} title={parseTitle(record.parse.errors)} advice={parseAdvice} />
        {checks}
      </div>
    );
  }
  const result = record.simulation;
  if (result?.simulation !== simulation) {
    return (
      <div className="space-y-3">
        <p role="alert" className="text-sm text-bad">
          {record.engineError ?? 'The simulation did not run.'} Press Run to try again.
        </p>
        {checks}
      </div>
    );
  }
  return <>{children(result as R, checks)}</>;
}

'use client';
/** Run (with Cancel while it runs, Retry when it could not start), Compare with solution, and the two actions that replace the learner's files (behind a confirm). */
import { LoadErrorNotice, RunButton } from '@/components/session/run-button';
import { Busy, ConfirmActions } from '@/components/ui/confirm-actions';
import type { ReactNode } from 'react';
import type { RunPhase } from '@/lib/kinds/types';

interface Props {
  phase: RunPhase;
  /** What Run needs did not load: the message, with a Retry button. */
  loadError?: string | null;
  onRun(): void;
  onCancel(): void;
  onRetry(): void;
  onReset(): void;
  onShowSolution(): void;
  /** Compare with solution (solution-compare.tsx), beside the actions that replace files. */
  compare?: ReactNode;
}

export function RunBar({ phase, loadError = null, onRun, onCancel, onRetry, onReset, onShowSolution, compare }: Props) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <RunButton phase={phase} onRun={onRun} onCancel={onCancel} />
        <span className="text-xs text-muted">Ctrl/⌘ + Enter in the editor</span>
        {/* A fixed width, so the row keeps its layout while the status text changes. */}
        <span role="status" className="w-40 shrink-0 whitespace-nowrap text-xs text-muted">
          {phase === 'running' ? <Busy>Running your code…</Busy> : phase === 'checking' ? 'Running checks…' : null}
        </span>
        {/* One group: when the row is too narrow it wraps whole, the same way idle and running. */}
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2">
          {compare}
          <ConfirmActions
            onReset={onReset}
            onShowSolution={onShowSolution}
            resetBody="Your edits to every file of this lab are replaced by the starter files. Answers and results stay."
            solutionTitle="Show the solution?"
            solutionBody="The editor will show a working solution in place of your files. Your current edits are replaced. Try the hints in the Checks tab first."
          />
        </div>
      </div>
      <LoadErrorNotice message={loadError} onRetry={onRetry} />
    </>
  );
}

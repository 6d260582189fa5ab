'use client';
/** Run, and the two actions that replace the learner's files (behind a confirm). */
import { Busy, ConfirmActions } from '@/components/ui/confirm-actions';
import type { RunPhase } from './use-lab-session';

interface Props {
  phase: RunPhase;
  onRun(): void;
  onReset(): void;
  onShowSolution(): void;
}

export function RunBar({ phase, onRun, onReset, onShowSolution }: Props) {
  const busy = phase !== 'idle';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={onRun}
        disabled={busy}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        className="rounded bg-accent px-4 py-1.5 text-sm font-semibold text-black hover:bg-accent/90 disabled:opacity-60"
      >
        {busy ? 'Running…' : 'Run'}
      </button>
      <span className="text-xs text-muted">Ctrl/⌘ + Enter in the editor</span>
      <span role="status" className="min-w-32 text-xs text-muted">
        {phase === 'running' ? <Busy>Running your handler…</Busy> : phase === 'checking' ? 'Running checks…' : null}
      </span>
      <span className="flex-1" />
      <ConfirmActions
        onReset={onReset}
        onShowSolution={onShowSolution}
        resetBody="Your edits to every file of this lab are replaced by the starter files. Answers and results stay."
        solutionTitle="Show the solution?"
        solutionBody="The editor will show a working solution in place of your files. Your current edits are replaced. Try the hints in the Checks tab first."
      />
    </div>
  );
}

'use client';
/** Run, and the two actions that replace the learner's files (behind a confirm). */
import { useRef, useState } from 'react';
import type { RunPhase } from './use-lab-session';

interface Props {
  phase: RunPhase;
  onRun(): void;
  onReset(): void;
  onShowSolution(): void;
}

type Pending = { title: string; body: string; confirm: string; action(): void } | null;

export function RunBar({ phase, onRun, onReset, onShowSolution }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<Pending>(null);
  const busy = phase !== 'idle';

  const ask = (p: NonNullable<Pending>) => {
    setPending(p);
    dialog.current?.showModal();
  };

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
        {phase === 'running' ? (
          <span className="inline-flex items-center gap-1">
            <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-accent border-t-transparent" aria-hidden="true" />
            Running your handler…
          </span>
        ) : phase === 'checking' ? (
          'Running checks…'
        ) : null}
      </span>
      <span className="flex-1" />
      <button
        type="button"
        className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2"
        onClick={() => ask({ title: 'Reset to starter?', body: 'Your edits to every file of this lab are replaced by the starter files. Answers and results stay.', confirm: 'Reset', action: onReset })}
      >
        Reset to starter
      </button>
      <button
        type="button"
        className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2"
        onClick={() => ask({ title: 'Show the solution?', body: 'The editor will show a working solution in place of your files. Your current edits are replaced. Try the hints in the Checks tab first.', confirm: 'Show solution', action: onShowSolution })}
      >
        Show solution
      </button>
      <dialog ref={dialog} aria-labelledby="confirm-title" className="m-auto rounded border border-border bg-panel p-4 text-text backdrop:bg-black/60" onClose={() => setPending(null)}>
        <form method="dialog">
          <h2 id="confirm-title" className="text-base font-semibold text-white">
            {pending?.title}
          </h2>
          <p className="mt-2 max-w-md text-sm">{pending?.body}</p>
          <div className="mt-4 flex justify-end gap-2">
            <button value="cancel" className="rounded border border-border px-3 py-1.5 text-sm" autoFocus>
              Cancel
            </button>
            <button value="confirm" className="rounded bg-bad px-3 py-1.5 text-sm font-semibold text-black" onClick={() => pending?.action()}>
              {pending?.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

'use client';
/**
 * "Reset to starter" and "Show solution": both replace the learner's files, so both ask
 * first, in one native modal <dialog> (focus trapped, Esc cancels). Labs, exercises and
 * simulations share it and only word it differently.
 */
import { useId, useRef, useState, type ReactNode } from 'react';

type Pending = { title: string; body: string; confirm: string; action(): void } | null;

export interface ConfirmActionsProps {
  onReset(): void;
  onShowSolution(): void;
  /** What the reset dialog says will be replaced. */
  resetBody?: string;
  /** The button and confirm label, e.g. "Show a fix". */
  solutionLabel?: string;
  solutionTitle?: string;
  solutionBody?: string;
}

export function ConfirmActions({
  onReset,
  onShowSolution,
  resetBody = 'Your edits are replaced by the starter code.',
  solutionLabel = 'Show solution',
  solutionTitle = `${solutionLabel}?`,
  solutionBody = 'The editor will show a working solution in place of your code. Your current edits are replaced.',
}: ConfirmActionsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const ask = (p: NonNullable<Pending>) => {
    setPending(p);
    dialog.current?.showModal();
  };
  return (
    <>
      <button
        type="button"
        className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2"
        onClick={() => ask({ title: 'Reset to starter?', body: resetBody, confirm: 'Reset', action: onReset })}
      >
        Reset to starter
      </button>
      <button
        type="button"
        className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2"
        onClick={() => ask({ title: solutionTitle, body: solutionBody, confirm: solutionLabel, action: onShowSolution })}
      >
        {solutionLabel}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto rounded border border-border bg-panel p-4 text-text backdrop:bg-black/60" onClose={() => setPending(null)}>
        <form method="dialog">
          <h2 id={titleId} className="text-base font-semibold text-white">
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
    </>
  );
}

/** A spinner with text, for long waits. */
export function Busy({ children }: { children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-accent border-t-transparent" aria-hidden="true" />
      {children}
    </span>
  );
}

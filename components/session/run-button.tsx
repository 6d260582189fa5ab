'use client';
/**
 * Run, Cancel while a Run is in flight, and the Retry state when what Run needs did not
 * load. Shared by labs, exercises and simulations (every session has the same phases).
 */
import type { ReactNode } from 'react';
import type { RunPhase } from '@/lib/kinds/types';

interface Props {
  phase: RunPhase;
  onRun(): void;
  onCancel(): void;
  /** The button's name when idle: "Run", "Run tests", "Run ×20". */
  label?: string;
  /** Its name while busy. */
  busyLabel?: string;
  /** Disabled while idle too (e.g. the tests have not loaded yet). */
  disabled?: boolean;
}

export function RunButton({ phase, onRun, onCancel, label = 'Run', busyLabel = 'Running…', disabled = false }: Props) {
  const busy = phase !== 'idle';
  // Both buttons keep their size and place whether a Run is on or not, so pressing Run
  // never moves the controls beside them (a Cancel that appears used to wrap the row and
  // shift the button the learner was about to press). The label not shown sizes the button
  // from under it; Cancel is laid out but invisible while idle (hidden from the
  // accessibility tree and the tab order too, as visibility: hidden is).
  return (
    <>
      <button
        type="button"
        onClick={onRun}
        disabled={busy || disabled}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        className="inline-grid rounded bg-accent px-4 py-1.5 text-sm font-semibold text-black hover:bg-accent/90 disabled:opacity-60"
      >
        <span className="col-start-1 row-start-1">{busy ? busyLabel : label}</span>
        <span aria-hidden="true" className="invisible col-start-1 row-start-1">
          {busy ? label : busyLabel}
        </span>
      </button>
      <button
        type="button"
        onClick={onCancel}
        disabled={!busy}
        aria-hidden={busy ? undefined : true}
        className={`rounded border border-border px-3 py-1.5 text-sm text-white hover:bg-white/5 ${busy ? '' : 'invisible'}`}
      >
        Cancel
      </button>
    </>
  );
}

/** What Run needs did not load (e.g. the app was updated meanwhile): say so, offer Retry. */
export function LoadErrorNotice({ message, onRetry }: { message: string | null; onRetry(): void }): ReactNode {
  if (!message) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded border border-bad/60 bg-bad/10 p-3 text-sm">
      <p className="min-w-0 flex-1">{message}</p>
      <button type="button" onClick={onRetry} className="rounded bg-accent px-3 py-1 text-sm font-semibold text-black hover:bg-accent/90">
        Retry
      </button>
    </div>
  );
}

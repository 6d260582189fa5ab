'use client';
/**
 * A stopwatch against a suggested time. The digits change every second for the eye
 * (role="timer" is not a live region); a separate polite status region speaks only
 * start, pause, halfway, one minute left, time up and every five minutes over.
 */
import { useEffect, useRef, useState } from 'react';
import type { TimerState } from '@/lib/interview/progress-schema';
import { elapsedAt, formatClock, isRunning, spokenDuration, timerMilestone } from '@/lib/interview/timer';
import { useNow } from './use-now';

interface Props {
  heading: string;
  timer: TimerState;
  limitMs: number;
  onStart(): void;
  onPause(): void;
  /** Set for a clock that is part of a larger flow (a mock interview): no Start button before it runs. */
  hideStart?: boolean;
}

export function PracticeTimer({ heading, timer, limitMs, onStart, onPause, hideStart }: Props) {
  const running = isRunning(timer);
  const now = useNow(running);
  const elapsed = elapsedAt(timer, now);
  const over = elapsed > limitMs;
  const [message, setMessage] = useState('');
  const last = useRef<number | undefined>(undefined);

  useEffect(() => {
    // The first reading after mount (or a reload) is a starting point, not a crossing.
    if (last.current !== undefined) {
      const milestone = timerMilestone(last.current, elapsed, limitMs);
      if (milestone) setMessage(milestone);
    }
    last.current = elapsed;
  }, [elapsed, limitMs]);

  const start = () => {
    setMessage(elapsed > 0 ? `Timer resumed at ${spokenDuration(elapsed)}.` : `Timer started. Suggested time ${spokenDuration(limitMs)}.`);
    onStart();
  };
  const pause = () => {
    setMessage(`Timer paused at ${spokenDuration(elapsed)}.`);
    onPause();
  };
  const headingId = `${heading.replace(/\W+/g, '-').toLowerCase()}-heading`;

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-border bg-panel p-4">
      <h2 id={headingId} className="text-sm font-semibold text-white">
        {heading}
      </h2>
      <p className="mt-2 flex items-baseline gap-2">
        <span role="timer" aria-atomic="true" className={`font-mono text-3xl tabular-nums ${over ? 'text-warn' : 'text-white'}`}>
          {formatClock(elapsed)}
        </span>
        <span className="text-sm text-muted">of {formatClock(limitMs)} suggested</span>
      </p>
      <p className="mt-1 text-xs text-muted">{running ? 'Running' : elapsed > 0 ? 'Paused' : 'Not started'}{over ? ' · over the suggested time' : ''}</p>
      <div
        className="mt-2 h-1.5 overflow-hidden rounded bg-panel-2"
        role="progressbar"
        aria-label={`${heading}: share of suggested time used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round((elapsed / limitMs) * 100))}
      >
        <div className={`h-full ${over ? 'bg-warn' : 'bg-accent'}`} style={{ width: `${Math.min(100, (elapsed / limitMs) * 100)}%` }} />
      </div>
      <div className="mt-3 flex gap-2">
        {running ? (
          <button type="button" onClick={pause} className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
            Pause timer
          </button>
        ) : hideStart && elapsed === 0 ? null : (
          <button type="button" onClick={start} className="rounded bg-accent px-3 py-1 text-sm font-medium text-canvas hover:opacity-90">
            {elapsed > 0 ? 'Resume timer' : 'Start timer'}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {message}
      </p>
    </section>
  );
}

/**
 * The practice clock as pure functions over a saved TimerState. Time is read from
 * `now` (epoch ms) passed in, never from a global clock, so tests control it.
 */
import type { TimerState } from './progress-schema';

export const STOPPED_TIMER: TimerState = { elapsedMs: 0 };

export const isRunning = (t: TimerState): boolean => t.runningSince !== undefined;

/** Milliseconds on the clock at `now`. A clock started "in the future" (a changed system clock) counts nothing. */
export function elapsedAt(t: TimerState, now: number): number {
  return t.elapsedMs + (t.runningSince !== undefined ? Math.max(0, now - t.runningSince) : 0);
}

export function startTimer(t: TimerState, now: number): TimerState {
  return isRunning(t) ? t : { elapsedMs: t.elapsedMs, runningSince: now };
}

export function pauseTimer(t: TimerState, now: number): TimerState {
  return isRunning(t) ? { elapsedMs: elapsedAt(t, now) } : t;
}

/** 0:07, 12:05, 1:02:03. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "3 minutes 5 seconds": what a screen reader should hear instead of "3:05". */
export function spokenDuration(ms: number): string {
  const total = Math.round(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (m > 0) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  if (s > 0 || m === 0) parts.push(`${s} ${s === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

/** Minutes, rounded for summaries: "under a minute", "1 min", "14 min". */
export function shortMinutes(ms: number): string {
  if (ms < 60_000) return 'under a minute';
  return `${Math.round(ms / 60_000)} min`;
}

/**
 * The announcement due when the clock moves from `before` to `after` against a limit,
 * if any: halfway, one minute left, time is up, then every five minutes over. A screen
 * reader hears these few messages, not a tick per second.
 */
export function timerMilestone(before: number, after: number, limitMs: number): string | undefined {
  if (after <= before || limitMs <= 0) return undefined;
  const crossed = (mark: number) => before < mark && after >= mark;
  const over = Math.floor((after - limitMs) / 300_000);
  if (after >= limitMs + 300_000 && over >= 1 && crossed(limitMs + over * 300_000)) {
    return `${over * 5} minutes over the suggested time.`;
  }
  if (crossed(limitMs)) return 'Time is up: the suggested time has passed. Wrap up your answer.';
  if (limitMs >= 180_000 && crossed(limitMs - 60_000)) return 'One minute left.';
  if (limitMs >= 120_000 && crossed(limitMs / 2)) return `Halfway: ${spokenDuration(limitMs / 2)} left.`;
  return undefined;
}

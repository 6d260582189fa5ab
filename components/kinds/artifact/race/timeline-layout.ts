/**
 * Where things go in the interleaving picture: one row per goroutine, one bar per slice
 * of consecutive steps it ran, and the two accesses of a race marked on their rows.
 * Pure (no React), so it is tested on its own; steps are 1-based as the model counts them.
 */
import type { RunDetail } from '@/lib/kinds/artifact/race/result';

export interface TimelineRow {
  goroutine: number;
  /** "main" or "goroutine 7". */
  label: string;
  /** The function it runs: `main.main.func1`. */
  func: string;
}

export interface TimelineBar {
  goroutine: number;
  /** First and last step of the slice inside the window, inclusive. */
  from: number;
  to: number;
}

export interface TimelineMark {
  /** A: the access that found the race; B: the earlier one it conflicts with. */
  label: 'A' | 'B';
  goroutine: number;
  step: number;
  op: 'read' | 'write';
  line: number;
}

export interface TimelineLayout {
  rows: TimelineRow[];
  bars: TimelineBar[];
  marks: TimelineMark[];
  /** The steps shown, inclusive. */
  from: number;
  to: number;
  /** Steps in the whole run (as far as the slices go). */
  total: number;
  /** How often the scheduler switched goroutines inside the window. */
  switches: number;
}

/** Steps shown around a race: enough to see what ran between the two accesses. */
export function raceWindow(a: number, b: number, total: number): { from: number; to: number } {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const pad = Math.max(12, Math.ceil((hi - lo) * 0.25));
  return { from: Math.max(1, lo - pad), to: Math.min(total, hi + pad) };
}

/** The layout of `detail`'s interleaving over `window` (the whole run by default). */
export function timelineLayout(detail: RunDetail, window?: { from: number; to: number }): TimelineLayout {
  const total = detail.slices.reduce((sum, [, n]) => sum + n, 0);
  const from = Math.max(1, window?.from ?? 1);
  const to = Math.min(total, window?.to ?? total);
  const bars: TimelineBar[] = [];
  let start = 1;
  for (const [goroutine, n] of detail.slices) {
    const end = start + n - 1;
    if (end >= from && start <= to) bars.push({ goroutine, from: Math.max(start, from), to: Math.min(end, to) });
    start = end + 1;
  }
  const rows = detail.goroutines.map((g) => ({ goroutine: g.id, label: g.id === 1 ? 'main' : `goroutine ${g.id}`, func: g.func }));
  const report = detail.report[0];
  const marks: TimelineMark[] = report
    ? [
        { label: 'A', goroutine: report.current.goroutine, step: report.current.step, op: report.current.op, line: report.lines[0] },
        { label: 'B', goroutine: report.previous.goroutine, step: report.previous.step, op: report.previous.op, line: report.lines[1] },
      ]
    : [];
  return { rows, bars, marks: marks.filter((m) => m.step >= from && m.step <= to), from, to, total, switches: Math.max(0, bars.length - 1) };
}

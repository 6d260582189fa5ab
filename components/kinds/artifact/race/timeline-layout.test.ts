import { describe, expect, it } from 'vitest';
import type { RunDetail } from '@/lib/kinds/artifact/race/result';
import { raceWindow, timelineLayout } from './timeline-layout';

const access = (goroutine: number, step: number, op: 'read' | 'write') => ({ op, atomic: false, goroutine, stack: [], status: 'running' as const, step });

const detail = {
  seed: 3,
  ok: true,
  output: [],
  report: [{ variable: 'counter', address: '0x1', current: access(8, 9, 'read'), previous: access(7, 5, 'write'), lines: [17, 17] as [number, number], step: 9 }],
  warnings: [],
  stepLimitExceeded: false,
  exitCode: 66,
  steps: 12,
  goroutines: [
    { id: 1, func: 'main.main', finished: true, steps: 4 },
    { id: 7, func: 'main.main.func1', createdAtLine: 14, finished: true, steps: 4 },
    { id: 8, func: 'main.main.func1', createdAtLine: 14, finished: true, steps: 4 },
  ],
  slices: [[1, 3], [7, 4], [8, 2], [1, 1], [8, 2]] as [number, number][],
  truncated: false,
  transcript: [],
} satisfies RunDetail;

describe('timelineLayout', () => {
  it('lays the slices end to end from step 1, one row per goroutine, main first', () => {
    const layout = timelineLayout(detail);
    expect(layout.rows.map((r) => r.label)).toEqual(['main', 'goroutine 7', 'goroutine 8']);
    expect(layout.total).toBe(12);
    expect(layout.bars.slice(0, 3)).toEqual([
      { goroutine: 1, from: 1, to: 3 },
      { goroutine: 7, from: 4, to: 7 },
      { goroutine: 8, from: 8, to: 9 },
    ]);
    expect(layout.bars.at(-1)).toEqual({ goroutine: 8, from: 11, to: 12 });
  });

  it('marks the access that found the race (A) and the earlier one (B) on their goroutines', () => {
    expect(timelineLayout(detail).marks).toEqual([
      { label: 'A', goroutine: 8, step: 9, op: 'read', line: 17 },
      { label: 'B', goroutine: 7, step: 5, op: 'write', line: 17 },
    ]);
  });

  it('clips bars and marks to a window', () => {
    const layout = timelineLayout(detail, { from: 6, to: 9 });
    expect(layout.bars).toEqual([
      { goroutine: 7, from: 6, to: 7 },
      { goroutine: 8, from: 8, to: 9 },
    ]);
    expect(layout.marks.map((m) => m.label)).toEqual(['A']);
  });
});

describe('raceWindow', () => {
  it('pads around the two accesses and stays inside the run', () => {
    expect(raceWindow(240, 232, 1226)).toEqual({ from: 220, to: 252 });
    expect(raceWindow(3, 5, 10)).toEqual({ from: 1, to: 10 });
  });
});

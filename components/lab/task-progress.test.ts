import { describe, expect, it } from 'vitest';
import { tasksFrom } from './task-progress';

const AT = '2026-01-01T00:00:00.000Z';

describe('tasksFrom', () => {
  it("reads this page's report first: only checks that belong to a task", () => {
    const report = { checks: [{ id: 'a', title: 'A', task: 1, status: 'pass' as const, durationMs: 1 }, { id: 'x', title: 'X', status: 'fail' as const, durationMs: 1 }] };
    expect(tasksFrom(report, { at: AT, passed: 0, total: 9, checks: {}, tasks: { z: 3 } })).toEqual([{ task: 1, status: 'pass' }]);
  });

  it('after a reload, places the saved run of this browser under its tasks', () => {
    const saved = { at: AT, passed: 1, total: 2, checks: { a: 'pass' as const, b: 'fail' as const, c: 'error' as const }, tasks: { a: 1, b: 2 } };
    expect(tasksFrom(null, saved)).toEqual([{ task: 1, status: 'pass' }, { task: 2, status: 'fail' }]);
  });

  it("gives nothing for an imported run (the backup's word) or a run saved before tasks were kept", () => {
    expect(tasksFrom(null, { at: AT, passed: 2, total: 2, checks: { a: 'pass' }, tasks: { a: 1 }, source: 'import' })).toBeNull();
    expect(tasksFrom(null, { at: AT, passed: 2, total: 2, checks: { a: 'pass' } })).toBeNull();
    expect(tasksFrom(undefined, undefined)).toBeNull();
  });

  it('while a Run is in flight or after a cancel, keeps the last finished Run (pending and skipped checks are not failures)', () => {
    const saved = { at: AT, passed: 1, total: 1, checks: { a: 'pass' as const }, tasks: { a: 1 } };
    for (const status of ['running', 'cancelled'] as const) {
      const report = { status, checks: [{ id: 'a', title: 'A', task: 1, status: (status === 'running' ? 'pending' : 'skipped') as 'pending' | 'skipped', durationMs: 0 }] };
      expect(tasksFrom(report, saved)).toEqual([{ task: 1, status: 'pass' }]);
      expect(tasksFrom(report, undefined)).toBeNull();
    }
    const finished = { status: 'fail' as const, checks: [{ id: 'a', title: 'A', task: 1, status: 'fail' as const, durationMs: 1 }] };
    expect(tasksFrom(finished, saved)).toEqual([{ task: 1, status: 'fail' }]);
  });
});

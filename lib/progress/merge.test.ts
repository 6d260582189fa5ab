import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProgress, sameData, stampChanges } from './merge';
import type { LabProgress, Progress } from './schema';

const time = fc.integer({ min: 0, max: 4 }).map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString());
const path = fc.constantFrom('handler.ts', 'query.ts', 'settings.ts');
const labArb: fc.Arbitrary<LabProgress> = fc.record(
  {
    files: fc.dictionary(path, fc.constantFrom('a', 'b', ''), { maxKeys: 3 }),
    fileTimes: fc.dictionary(path, time, { maxKeys: 3 }),
    answers: fc.dictionary(fc.constantFrom('q1', 'q2'), fc.record({ choice: fc.constantFrom('a', 'b'), correct: fc.boolean(), at: time }), { maxKeys: 2 }),
    scenarioId: fc.constantFrom('normal', 'slow'),
    fieldTimes: fc.dictionary(fc.constantFrom('scenarioId', 'queries'), time, { maxKeys: 2 }),
    updatedAt: time,
  },
  { requiredKeys: ['files', 'answers', 'updatedAt'] },
);
const progressArb: fc.Arbitrary<Progress> = fc
  .record(
    {
      labs: fc.dictionary(fc.constantFrom('week-1/a', 'week-2/b'), labArb, { maxKeys: 2 }),
      interview: fc.constantFrom('x', 'y'),
      fieldTimes: fc.dictionary(fc.constantFrom('interview', 'exercises'), time, { maxKeys: 2 }),
    },
    { requiredKeys: ['labs'] },
  )
  .map((p) => ({ version: 2 as const, ...p }) as Progress);

describe('mergeProgress', () => {
  // Order-independence is what lets tabs converge instead of passing data back and forth.
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(progressArb, progressArb, progressArb, (a, b, c) => {
        expect(sameData(mergeProgress(a, b), mergeProgress(b, a))).toBe(true);
        expect(sameData(mergeProgress(mergeProgress(a, b), c), mergeProgress(a, mergeProgress(b, c)))).toBe(true);
        const ab = mergeProgress(a, b);
        expect(sameData(mergeProgress(ab, ab), ab)).toBe(true);
        expect(sameData(mergeProgress(ab, a), ab)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the newer copy of each file, answer and field', () => {
    const lab = (files: Record<string, string>, fileTimes: Record<string, string>, extra: Partial<LabProgress> = {}): LabProgress => ({ files, fileTimes, answers: {}, updatedAt: 'T', ...extra });
    const a: Progress = {
      version: 2,
      labs: { l: lab({ 'h.ts': 'new h', 'q.ts': 'old q' }, { 'h.ts': '2026-01-02T00:00:00.000Z', 'q.ts': '2026-01-01T00:00:00.000Z' }, { scenarioId: 'slow', fieldTimes: { scenarioId: '2026-01-01T00:00:00.000Z' } }) },
    };
    const b: Progress = {
      version: 2,
      labs: { l: lab({ 'q.ts': 'new q' }, { 'h.ts': '2026-01-01T00:00:00.000Z', 'q.ts': '2026-01-03T00:00:00.000Z', 's.ts': '2026-01-03T00:00:00.000Z' }, { scenarioId: 'hang', fieldTimes: { scenarioId: '2026-01-05T00:00:00.000Z' } }) },
    };
    const merged = mergeProgress(a, b).labs.l;
    expect(merged.files).toEqual({ 'h.ts': 'new h', 'q.ts': 'new q' });
    expect(merged.scenarioId).toBe('hang');
  });

  it('a newer reset to the starter removes an older edit', () => {
    const edited: Progress = { version: 2, labs: { l: { files: { 'h.ts': 'edit' }, fileTimes: { 'h.ts': '2026-01-01T00:00:00.000Z' }, answers: {}, updatedAt: 'T' } } };
    const reset: Progress = { version: 2, labs: { l: { files: {}, fileTimes: { 'h.ts': '2026-01-02T00:00:00.000Z' }, answers: {}, updatedAt: 'T' } } };
    expect(mergeProgress(edited, reset).labs.l.files).toEqual({});
  });
});

describe('stampChanges', () => {
  const ignore = (key: string, value: unknown) => typeof value === 'function' || key === 'saveError';

  it('stamps exactly the files and fields that changed', () => {
    const lab: LabProgress = { files: { 'a.ts': '1', 'b.ts': '2' }, fileTimes: { 'a.ts': 'old', 'b.ts': 'old' }, answers: {}, scenarioId: 'normal', updatedAt: 'u' };
    type State = { version: number; labs: Record<string, LabProgress>; interview: number; saveError?: string };
    const prev: State = { version: 2, labs: { l: lab, other: lab }, interview: 1, saveError: undefined };
    const next: State = { ...prev, labs: { ...prev.labs, l: { ...lab, files: { 'a.ts': 'changed' }, updatedAt: 'u2' } }, interview: 2, saveError: 'x' };
    const stamped = stampChanges(prev, next, 'NOW', ignore);
    expect(stamped.labs.l.fileTimes).toEqual({ 'a.ts': 'NOW', 'b.ts': 'NOW' });
    expect(stamped.labs.l.fieldTimes).toEqual({});
    expect(stamped.labs.other).toBe(lab);
    expect((stamped as { fieldTimes?: unknown }).fieldTimes).toEqual({ interview: 'NOW' });
  });

  it('returns the same object when nothing saved changed', () => {
    const prev: { version: number; labs: object; saveError?: string } = { version: 2, labs: {}, saveError: undefined };
    const next = { ...prev, saveError: 'x' };
    expect(stampChanges(prev, next, 'NOW', ignore)).toBe(next);
  });
});

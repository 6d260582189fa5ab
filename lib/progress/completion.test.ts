import { describe, expect, it } from 'vitest';
import type { ExerciseEntry } from '../exercises/progress-schema';
import { exerciseState, type ExerciseFacts } from './completion';

const AT = '2026-12-01T10:00:00.000Z';
const coding: ExerciseFacts = { kind: 'exercise', questionIds: [] };
const sim: ExerciseFacts = { kind: 'sim', questionIds: ['probes', 'autoscaling'] };
const entry = (over: Partial<ExerciseEntry> = {}): ExerciseEntry => ({ files: {}, ...over });
const answer = (correct: boolean) => ({ choice: 'a', correct, at: AT });

describe('exerciseState: coding exercises', () => {
  it('is not started when nothing was saved, or only an empty entry', () => {
    expect(exerciseState(undefined, coding)).toEqual({ status: 'not-started' });
    expect(exerciseState(entry(), coding)).toEqual({ status: 'not-started' });
  });

  it('is in progress once a file is edited or the tests ran without passing all', () => {
    expect(exerciseState(entry({ files: { 'cache.ts': '// mine' } }), coding).status).toBe('in-progress');
    expect(exerciseState(entry({ lastResult: { at: AT, passed: 3, total: 8 } }), coding).status).toBe('in-progress');
    expect(exerciseState(entry({ lastResult: { at: AT, passed: 0, total: 0 } }), coding).status).toBe('in-progress');
  });

  it('has passed when the last run here passed every test', () => {
    expect(exerciseState(entry({ files: { 'cache.ts': '//' }, lastResult: { at: AT, passed: 8, total: 8 } }), coding)).toEqual({ status: 'passed' });
  });

  it('never passes on a result from an imported backup, and says it was not re-run', () => {
    expect(exerciseState(entry({ lastResult: { at: AT, passed: 8, total: 8, source: 'import' } }), coding)).toEqual({ status: 'in-progress', runAsSaved: true });
  });
});

describe('exerciseState: simulations', () => {
  it('has passed when the diagnosis and every further question are answered right', () => {
    expect(exerciseState(entry({ diagnosis: answer(true), answers: { probes: answer(true), autoscaling: answer(true) } }), sim)).toEqual({ status: 'passed' });
    expect(exerciseState(entry({ diagnosis: answer(true) }), { kind: 'sim', questionIds: [] })).toEqual({ status: 'passed' });
  });

  it('is in progress with a wrong diagnosis, an unanswered or wrong question, or only a run of the fix', () => {
    expect(exerciseState(entry({ diagnosis: answer(false), answers: { probes: answer(true), autoscaling: answer(true) } }), sim).status).toBe('in-progress');
    expect(exerciseState(entry({ diagnosis: answer(true), answers: { probes: answer(true) } }), sim).status).toBe('in-progress');
    expect(exerciseState(entry({ diagnosis: answer(true), answers: { probes: answer(true), autoscaling: answer(false) } }), sim).status).toBe('in-progress');
    expect(exerciseState(entry({ lastResult: { at: AT, passed: 4, total: 4 } }), sim).status).toBe('in-progress');
    expect(exerciseState(entry({ answers: { probes: answer(true) } }), sim).status).toBe('in-progress');
  });

  it('reads answers as own entries: a question id named like an Object.prototype member is not answered by it', () => {
    expect(exerciseState(entry({ diagnosis: answer(true), answers: {} }), { kind: 'sim', questionIds: ['constructor'] }).status).toBe('in-progress');
  });
});

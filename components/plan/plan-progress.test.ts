import { describe, expect, it } from 'vitest';
import type { LabProgress } from '@/lib/progress/schema';
import { labState, meanFraction, planSteps, STATUS_LABEL, toPercent } from './plan-progress';

const LAB = { questionIds: ['q1', 'q2'], questionCount: 2 };
const AT = '2026-01-01T00:00:00.000Z';
const answer = { choice: 'a', correct: true, at: AT };

function progress(patch: Partial<LabProgress>): LabProgress {
  return { files: {}, answers: {}, updatedAt: AT, ...patch };
}
const run = (passed: number, total: number) => ({ at: AT, passed, total, checks: {} });

describe('labState', () => {
  it('is not started without saved progress, or when only the scenario was saved', () => {
    expect(labState(undefined, LAB)).toEqual({ status: 'not-started', fraction: 0 });
    expect(labState(progress({ scenarioId: 'slow' }), LAB)).toEqual({ status: 'not-started', fraction: 0 });
    // labFraction counts a lab without questions as half done; untouched is still 0 here.
    expect(labState(progress({ scenarioId: 'slow' }), { questionIds: [] })).toEqual({ status: 'not-started', fraction: 0 });
  });

  it('is in progress after an edit, a run or an answer', () => {
    expect(labState(progress({ files: { 'handler.ts': 'x' } }), LAB).status).toBe('in-progress');
    expect(labState(progress({ lastRun: run(0, 5) }), LAB).status).toBe('in-progress');
    expect(labState(progress({ answers: { q1: answer } }), LAB)).toEqual({ status: 'in-progress', fraction: 0.25 });
  });

  it('is complete, at exactly 1, when every check passed and every question is answered', () => {
    expect(labState(progress({ lastRun: run(5, 5), answers: { q1: answer, q2: answer } }), LAB)).toEqual({ status: 'complete', fraction: 1 });
  });

  it('counts a question when it is answered right: a wrong answer leaves the lab in progress until answered again', () => {
    const wrong = { choice: 'b', correct: false, at: AT };
    expect(labState(progress({ lastRun: run(5, 5), answers: { q1: answer, q2: wrong } }), LAB)).toEqual({ status: 'in-progress', fraction: 0.75 });
    expect(labState(progress({ lastRun: run(5, 5), answers: { q1: answer, q2: answer } }), LAB).status).toBe('complete');
  });

  it('says "done with the solution" when the solution was shown before the first passing Run, and "complete" when it was shown after', () => {
    const done = { lastRun: run(5, 5), answers: { q1: answer, q2: answer } };
    const shownThenPassed = progress({ ...done, solutionShownAt: ['2026-01-01T00:01:00.000Z'], history: { runs: 2, passes: 1, firstPassAt: '2026-01-01T00:02:00.000Z' } });
    expect(labState(shownThenPassed, LAB)).toEqual({ status: 'done-with-solution', fraction: 1 });
    expect(STATUS_LABEL[labState(shownThenPassed, LAB).status]).toBe('Done with the solution');
    const passedThenShown = progress({ ...done, solutionShownAt: ['2026-01-01T00:03:00.000Z'], history: { runs: 2, passes: 1, firstPassAt: '2026-01-01T00:02:00.000Z' } });
    expect(labState(passedThenShown, LAB).status).toBe('complete');
    // Shown, and no passing Run recorded (progress saved before history was kept): with the solution.
    expect(labState(progress({ ...done, solutionShownAt: [AT] }), LAB).status).toBe('done-with-solution');
  });

  it('never reads 100% for an incomplete lab', () => {
    // Answers saved under old question ids count for nothing: only this lab's questions, answered right.
    const stale = labState(progress({ lastRun: run(5, 5), answers: { old1: answer, old2: answer } }), LAB);
    expect(stale.status).toBe('in-progress');
    expect(toPercent(stale.fraction)).toBe(50);
  });
});

describe('labState with a run from an imported backup', () => {
  it('is never complete until run again here, and says the run is as saved', () => {
    const imported = progress({ lastRun: { ...run(5, 5), source: 'import' }, answers: { q1: answer, q2: answer } });
    expect(labState(imported, LAB)).toEqual({ status: 'in-progress', fraction: 0.5, runAsSaved: true });
    expect(labState(progress({ lastRun: run(5, 5), answers: { q1: answer, q2: answer } }), LAB).runAsSaved).toBeUndefined();
  });
});

describe('meanFraction and toPercent', () => {
  it('averages labs, with 0 for no labs', () => {
    expect(meanFraction([])).toBe(0);
    expect(meanFraction([{ status: 'complete', fraction: 1 }, { status: 'not-started', fraction: 0 }])).toBe(0.5);
  });

  it('rounds down and clamps', () => {
    expect(toPercent(0.999)).toBe(99);
    expect(toPercent(0.29)).toBe(29);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(-1)).toBe(0);
    expect(toPercent(2)).toBe(100);
  });
});

describe('planSteps', () => {
  const done = { status: 'complete' as const, fraction: 1 };
  const half = { status: 'in-progress' as const, fraction: 0.5 };
  const none = { status: 'not-started' as const, fraction: 0 };

  it('adds the capstone as one step, as far as the furthest capstone', () => {
    expect(planSteps([done, none], [none, half])).toEqual([done, none, half]);
    expect(meanFraction(planSteps([done, done], [done, none]))).toBe(1);
  });

  it('is the week labs alone when there is no capstone lab', () => {
    expect(planSteps([done], [])).toEqual([done]);
  });
});

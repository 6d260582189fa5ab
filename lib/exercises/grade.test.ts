import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import { gradeExercise } from './grade';
import { behave } from './observed';
import { callExport } from './script';
import type { ExerciseTest } from './types';

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const doubles: ExerciseTest = {
  id: 'doubles',
  title: 'Doubles a number',
  visible: true,
  script: { ops: [callExport('double', [21], { id: 'd', mode: 'sync' })] },
  check(o) {
    const value = o.value('d', 'double(21)');
    behave(value === 42, `double(21) returned ${String(value)}`);
  },
};
const grade = (code: string, tests: ExerciseTest[] = [doubles], timeLimitMs = 500) => gradeExercise(sandbox, { files: { 'x.ts': code }, entry: 'x.ts', timeLimitMs }, tests);

describe('gradeExercise (golden cases)', () => {
  it('pass', async () => {
    expect(await grade('export const double = (n: number) => n * 2;')).toEqual({
      status: 'pass',
      checks: [{ id: 'doubles', title: 'Doubles a number', visible: true, status: 'pass', durationMs: expect.any(Number) }],
      durationMs: expect.any(Number),
    });
  });

  it('fail: the behaviour from the test is what happened (actual), with no separate expectation', async () => {
    const report = await grade('export const double = (n: number) => n + 2;');
    expect(report.status).toBe('fail');
    expect(report.checks[0]).toMatchObject({ status: 'fail', actual: 'double(21) returned 23' });
    expect(report.checks[0].expected).toBeUndefined();
  });

  it('fail: a throw in learner code is named as what the call did', async () => {
    const { checks } = await grade("export const double = () => { throw new RangeError('nope'); };");
    expect(checks[0]).toMatchObject({ status: 'fail', actual: 'double(21) threw RangeError: nope' });
  });

  it('error: a syntax error ends the grade with one message naming the file; every test is skipped', async () => {
    const report = await grade('export const double = (n: number) => n *;', [doubles, { ...doubles, id: 'again' }]);
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/x\.ts/);
    expect(report.checks.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(report.checks.every((r) => r.actual === undefined)).toBe(true);
  });

  it('error: a loop that never ends is stopped and explained, and the next test still runs', async () => {
    const report = await grade('export const double = (n: number) => { if (n === 21) for (;;) {} return n * 2; };', [doubles, { ...doubles, id: 'small', script: { ops: [callExport('double', [1], { id: 'd', mode: 'sync' })] }, check: (o) => behave(o.value('d', 'double(1)') === 2, 'no') }], 300);
    expect(report.checks[0]).toMatchObject({ status: 'error', actual: expect.stringContaining('did not finish within 300 ms') });
    expect(report.checks[1].status).toBe('pass');
    expect(report.status).toBe('fail');
  });

  it('error: a bug in the test itself is reported as such', async () => {
    const broken: ExerciseTest = { ...doubles, check: (o) => void o.value('missing', 'x') };
    const { checks } = await grade('export const double = (n: number) => n * 2;', [broken]);
    expect(checks[0]).toMatchObject({ status: 'error', actual: expect.stringMatching(/^The check itself failed/) });
  });
});

/**
 * Every exercise in content/exercises/: its content is valid; for coding exercises the
 * solution passes every test, the starter fails at least one, every wrong/<name>.patch
 * fails exactly the tests wrong/expected.json names, and every test, hidden or not, is
 * failed by at least one of them (so no test only ever passes); for simulations the
 * fixed plugin passes every check and the broken one fails one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gradeExercise } from '@/lib/exercises/grade';
import { loadAllExercises, type CodingExercise, type Simulation } from '@/lib/exercises/load';
import { runSimChecks } from '@/lib/exercises/sim-checks';
import type { SimCheck } from '@/lib/exercises/sim-types';
import type { ExerciseTest } from '@/lib/exercises/types';
import type { CheckResult } from '@/lib/grading/contract';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';

const all = loadAllExercises();
const coding = all.filter((e): e is CodingExercise => e.kind === 'exercise');
const sims = all.filter((e): e is Simulation => e.kind === 'sim');
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

async function testsOf(exercise: CodingExercise): Promise<ExerciseTest[]> {
  return (await import(join(process.cwd(), exercise.dir, 'tests.ts'))).default as ExerciseTest[];
}
const grade = async (exercise: CodingExercise, files: Record<string, string>) =>
  (await gradeExercise(sandbox, { files, entry: exercise.meta.entry, timeLimitMs: exercise.meta.timeLimitMs }, await testsOf(exercise))).checks;
const notPassing = (results: CheckResult[]) => results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.actual ?? ''}`);

describe('exercises', () => {
  it('include the four coding exercises and two simulations the interview pages link to', () => {
    expect(coding.map((e) => e.id)).toEqual(expect.arrayContaining(['lru-ttl-cache', 'middleware-chain', 'connection-pool', 'retry-backoff']));
    expect(sims.map((e) => e.id)).toEqual(expect.arrayContaining(['slow-queries', 'memory-leak']));
  });

  describe.each(coding.map((e) => [e.id, e] as const))('%s', (_id, exercise) => {
    it('describes exactly its visible tests, and has hidden ones too', async () => {
      const tests = await testsOf(exercise);
      const visible = tests.filter((t) => t.visible).map((t) => t.id);
      expect(exercise.meta.examples.map((e) => e.test).sort()).toEqual([...visible].sort());
      expect(tests.some((t) => !t.visible)).toBe(true);
    });

    it('solution passes every test', async () => {
      expect(notPassing(await grade(exercise, exercise.solution))).toEqual([]);
    });

    it('starter fails at least one test, and no test breaks', async () => {
      const results = await grade(exercise, exercise.starter);
      expect(results.some((r) => r.status !== 'pass')).toBe(true);
      expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
    });

    it('every test fails on at least one wrong/ patch, and expected.json names only real tests', async () => {
      const ids = (await testsOf(exercise)).map((t) => t.id);
      const named = new Set(exercise.wrong.flatMap((w) => w.fails));
      expect(ids.filter((id) => !named.has(id)), `tests no wrong/ patch of ${exercise.dir} fails`).toEqual([]);
      expect([...named].filter((id) => !ids.includes(id)), 'wrong/expected.json names tests the exercise does not have').toEqual([]);
    });

    for (const wrong of exercise.wrong) {
      it(`wrong/${wrong.name}.patch fails exactly ${wrong.fails.join(', ')}, each with a behaviour message`, async () => {
        const results = await grade(exercise, wrong.files);
        expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
        expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status}`).sort()).toEqual(wrong.fails.map((id) => `${id}: fail`));
      });
    }
  });

  describe.each(sims.map((s) => [s.id, s] as const))('%s (simulation)', (_id, sim) => {
    const checksOf = async (): Promise<SimCheck[]> => (await import(join(process.cwd(), sim.dir, 'checks.ts'))).default as SimCheck[];

    it('fixed plugin passes every check', async () => {
      const results = await runSimChecks(sandbox, sim.meta, sim.solution, await checksOf());
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    });

    it('broken plugin fails at least one check, and no check breaks', async () => {
      const results = await runSimChecks(sandbox, sim.meta, sim.starter, await checksOf());
      expect(results.some((r) => r.status !== 'pass')).toBe(true);
      expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
    });
  });
});

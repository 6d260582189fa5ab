/**
 * Every exercise in content/exercises/: its content is valid; for coding exercises the
 * solution passes every test, the starter fails at least one, every wrong/<name>.patch
 * fails exactly the tests wrong/expected.json names, and every test, hidden or not, is
 * failed by at least one of them (so no test only ever passes); for simulations the
 * fixed plugin passes every check and the broken one fails one. Incident simulations
 * (mode "incident", lib/exercises/incident.ts) have no plugin: over many seeds the right
 * diagnosis passes every check, and each wrong answer strategy in wrong-answers.ts fails
 * exactly the checks it names (on the seeds where it is wrong) and passes none of them all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { gradeExercise } from '@/lib/exercises/grade';
import { loadAllExercises, type CodingExercise, type Simulation } from '@/lib/exercises/load';
import { gradeIncident, type IncidentModel } from '@/lib/exercises/incident';
import { runSimChecks } from '@/lib/exercises/sim-checks';
import type { SimCheck } from '@/lib/exercises/sim-types';
import type { ExerciseTest } from '@/lib/exercises/types';
import type { CheckResult } from '@/lib/grading/contract';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';

const all = loadAllExercises();
const coding = all.filter((e): e is CodingExercise => e.kind === 'exercise');
const allSims = all.filter((e): e is Simulation => e.kind === 'sim');
const sims = allSims.filter((s) => s.meta.mode !== 'incident');
const incidents = allSims.filter((s) => s.meta.mode === 'incident');
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

async function testsOf(exercise: CodingExercise): Promise<ExerciseTest[]> {
  return (await import(join(process.cwd(), exercise.dir, 'tests.ts'))).default as ExerciseTest[];
}
const grade = async (exercise: CodingExercise, files: Record<string, string>) =>
  (await gradeExercise(sandbox, { files, entry: exercise.meta.entry, timeLimitMs: exercise.meta.timeLimitMs }, await testsOf(exercise))).checks;
const notPassing = (results: CheckResult[]) => results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.actual ?? ''}`);

describe('exercises', () => {
  it('include the four coding exercises and two simulations the interview pages link to, and the Week 4 incident', () => {
    expect(coding.map((e) => e.id)).toEqual(expect.arrayContaining(['lru-ttl-cache', 'middleware-chain', 'connection-pool', 'retry-backoff']));
    expect(sims.map((e) => e.id)).toEqual(expect.arrayContaining(['slow-queries', 'memory-leak']));
    expect(incidents.map((e) => e.id)).toEqual(expect.arrayContaining(['no-data']));
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

  describe.each(incidents.map((s) => [s.id, s] as const))('%s (incident simulation)', (_id, sim) => {
    // Spread over the 32-bit range so every cause the model seeds comes up.
    const SEEDS = Array.from({ length: 120 }, (_, i) => (i * 2_654_435_761 + 7) >>> 0);
    const load = async () => {
      const mod = (await import(join(process.cwd(), sim.dir, 'checks.ts'))) as { default: SimCheck[]; incident?: IncidentModel };
      const wrong = (await import(join(process.cwd(), sim.dir, 'wrong-answers.ts'))) as {
        wrongAnswers: { name: string; fails: string[]; answer(incident: ReturnType<IncidentModel['draw']>): { hop?: string; cause?: string } }[];
      };
      if (!mod.incident) throw new Error(`${sim.dir}/checks.ts must export its incident model as \`incident\``);
      return { checks: mod.default, model: mod.incident, wrong: wrong.wrongAnswers };
    };

    it('the right diagnosis passes every check on every seed', async () => {
      const { checks, model } = await load();
      for (const seed of SEEDS) {
        const incident = model.draw(seed);
        expect(notPassing((await gradeIncident(checks, incident, incident.answer)).checks), `seed ${seed}`).toEqual([]);
      }
    });

    it('every check fails on at least one wrong answer', async () => {
      const { checks, wrong } = await load();
      const named = new Set(wrong.flatMap((w) => w.fails));
      expect(checks.map((c) => c.id).filter((id) => !named.has(id))).toEqual([]);
    });

    it('each wrong answer fails exactly the checks it names, never breaks one, and passes no more than some seeds', async () => {
      const { checks, model, wrong } = await load();
      expect(wrong.length).toBeGreaterThan(0);
      for (const w of wrong) {
        const failed = new Set<string>();
        let wrongSomewhere = false;
        for (const seed of SEEDS) {
          const results = (await gradeIncident(checks, model.draw(seed), w.answer(model.draw(seed)))).checks;
          expect(results.filter((r) => r.status === 'error'), `${w.name}, seed ${seed}`).toEqual([]);
          for (const r of results) if (r.status === 'fail') failed.add(r.id);
          wrongSomewhere ||= results.some((r) => r.status !== 'pass');
        }
        expect(wrongSomewhere, `${w.name} passed every seed`).toBe(true);
        expect([...failed].sort(), w.name).toEqual([...w.fails].sort());
      }
    });
  });
});

/**
 * A check's simulation read off its Run's record (from-run.ts) must be exactly what
 * simulating again gives, for every version of the files a learner could hand in; and a
 * Run's checks must read it only when the Run simulated those very files.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadAllLabs } from '@/lib/labs/load';
import { loadVariants } from '@/lib/labs/variants';
import { runArtifactEngine } from './engine';
import { recordFromRun } from './from-run';
import type { ArtifactRunRecord, SimulateOptions } from './record';

const engine = vi.hoisted(() => ({ runs: 0 }));
vi.mock('./engine', async (original) => {
  const real = await original<typeof import('./engine')>();
  return { ...real, runArtifactEngine: (input: Parameters<typeof real.runArtifactEngine>[0]) => (engine.runs++, real.runArtifactEngine(input)) };
});

const lab = loadAllLabs().find((l) => l.meta.artifact?.simulation === 'race')!;
const artifact = lab.meta.artifact!;
const variants = loadVariants(lab);
const versions: [string, Record<string, string>][] = [
  ['starter', lab.starter],
  ['solution', lab.solution],
  ['alternative', { ...lab.starter, ...variants.alternative }],
  ...variants.wrong.map((w): [string, Record<string, string>] => [`wrong/${w.name}`, w.files]),
];

describe('recordFromRun, race', () => {
  const asked: SimulateOptions[] = [
    {},
    { programs: ['counter.go', 'map-range.go'], runs: 50 },
    { programs: ['map-range.go'] },
    { programs: ['lock-order.go', 'no-such.go'], runs: 50 },
    { programs: [] },
  ];
  it.each(versions)('%s: every answer it gives equals a fresh simulation', async (_name, files) => {
    const run = await runArtifactEngine({ artifact, files });
    for (const options of asked) {
      const read = recordFromRun(run, options);
      if (!run.parse.ok) {
        expect(read).toBeNull();
        continue;
      }
      expect(read, JSON.stringify(options)).toEqual(await runArtifactEngine({ artifact, files, options }));
    }
  });

  it('leaves to a fresh simulation what the Run did not simulate', async () => {
    const run = await runArtifactEngine({ artifact, files: lab.solution });
    expect(run.parse.ok).toBe(true);
    expect(recordFromRun(run, { programs: ['counter.go'], runs: 20 })).toBeNull();
    expect(recordFromRun(run, { programs: ['counter.go'], seed: 7 })).toBeNull();
    expect(recordFromRun({ ...run, engineError: 'the worker crashed' }, {})).toBeNull();
  });
});

describe('the artifact kind', () => {
  const kindLab = { id: lab.id, meta: lab.meta };
  const env = { sandbox: undefined as never };

  async function runThenCheck(checkFiles: (files: Record<string, string>) => Record<string, string>, runSignal?: AbortSignal) {
    const { default: kind } = await import('./index');
    const files = { ...lab.solution };
    const signal = new AbortController().signal;
    const ctx = kind.checkContext(env, kindLab, checkFiles(files), signal);
    const record = await kind.run(env, kindLab, { files }, runSignal ?? signal);
    engine.runs = 0;
    const checked = await ctx.simulate({ programs: ['counter.go', 'map-range.go'], runs: 50 });
    return { record: record as ArtifactRunRecord, checked, simulations: engine.runs };
  }

  it("serves a Run's checks from the Run's own record", async () => {
    const { record, checked, simulations } = await runThenCheck((files) => files);
    expect(simulations).toBe(0);
    expect(checked.simulation?.simulation === 'race' && checked.simulation.programs.map((p) => p.path)).toEqual(['counter.go', 'map-range.go']);
    expect(record.simulation?.simulation === 'race' && record.simulation.programs.length).toBe(8);
  });

  it('simulates again for files the Run did not simulate, or another Run', async () => {
    expect((await runThenCheck((files) => ({ ...files }))).simulations).toBe(1);
    expect((await runThenCheck((files) => files, new AbortController().signal)).simulations).toBe(1);
  });
});

/**
 * A sweep split in two halves and joined (parallel.ts) must be exactly the whole sweep,
 * for every version of the race lab's files and for the options the lab's views and
 * checks pass; and where the halves cannot tell (an error in the files), it says so.
 */
import { describe, expect, it } from 'vitest';
import { loadAllLabs } from '@/lib/labs/load';
import { loadVariants } from '@/lib/labs/variants';
import { runArtifactEngine } from '../engine';
import type { SimulateOptions } from '../record';
import { joinRaceRecords, splitRaceOptions } from './parallel';

const lab = loadAllLabs().find((l) => l.meta.artifact?.simulation === 'race')!;
const artifact = lab.meta.artifact!;
const variants = loadVariants(lab);

async function joined(files: Record<string, string>, options: SimulateOptions) {
  const halves = splitRaceOptions(options);
  if (!halves) throw new Error(`${JSON.stringify(options)} was not split`);
  const [a, b] = await Promise.all(halves.map((half) => runArtifactEngine({ artifact, files, options: half })));
  return joinRaceRecords(a, b);
}

describe('a race sweep in two halves', () => {
  const versions: [string, Record<string, string>][] = [
    ['starter', lab.starter],
    ['solution', lab.solution],
    ['alternative', { ...lab.starter, ...variants.alternative }],
    ...variants.wrong.map((w): [string, Record<string, string>] => [`wrong/${w.name}`, w.files]),
  ];

  it.each(versions)('%s: joined, it is the whole sweep', async (_name, files) => {
    expect(await joined(files, {})).toEqual(await runArtifactEngine({ artifact, files }));
  });

  it.each<[string, SimulateOptions, number?]>([
    ['two programs, as the checks ask', { programs: ['counter.go', 'map-range.go'], runs: 50 }],
    ['a seed picked in the results', { programs: ['map-range.go'], seed: 31 }],
    ['an odd number of seeds', { runs: 9 }],
    ['seeds from 40', { firstSeed: 40, runs: 20 }],
    // check-then-act.go prints a wrong total under seed 14, none under 5–13: the whole shows
    // the second half's detail run.
    ['a wrong seed only in the second half', { programs: ['check-then-act.go'], firstSeed: 5, runs: 18 }, 14],
    ['that, with a seed picked', { programs: ['check-then-act.go'], firstSeed: 5, runs: 18, seed: 7 }, 7],
  ])('starter and solution, %s: joined, it is the whole sweep', async (_name, options, detailSeed?: number) => {
    for (const files of [lab.starter, lab.solution]) {
      const whole = await runArtifactEngine({ artifact, files, options });
      expect(await joined(files, options)).toEqual(whole);
      if (detailSeed !== undefined) expect(whole.simulation?.simulation === 'race' && whole.simulation.programs[0].detail.seed).toBe(detailSeed);
    }
  });

  it('a program that never ends stops the whole where the first half stopped', async () => {
    const files = { ...lab.solution, 'counter.go': 'package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}\n' };
    const whole = await runArtifactEngine({ artifact, files });
    const program = whole.simulation?.simulation === 'race' ? whole.simulation.programs.find((p) => p.path === 'counter.go') : undefined;
    expect(program?.sweep?.stoppedAt).toBe(1);
    expect(await joined(files, {})).toEqual(whole);
  });

  it('files with an error are left to the whole sweep', async () => {
    const files = { ...lab.solution, 'counter.go': 'package main\n\nfunc main() {\n\tundefinedName()\n}\n' };
    expect(await joined(files, {})).toBeNull();
  });

  it('splits only sweeps worth splitting', () => {
    expect(splitRaceOptions({})).toEqual([{ firstSeed: 1, runs: 25 }, { firstSeed: 26, runs: 25 }]);
    expect(splitRaceOptions({ runs: 0 })).toBeNull();
    expect(splitRaceOptions({ runs: 3, seed: 2 })).toBeNull();
  });
});

/**
 * What the `race` simulation would return for a check's options, read from a Run's result
 * instead of simulating again. Each program's sweep and detail run depend only on its own
 * source, the number of seeds and the lab's seed (simulate.ts), so a Run that swept every
 * program with the default seeds already holds any subset of them, exactly.
 */
import type { SimulateOptions } from '../record';
import { DEFAULT_RUNS, readRaceOptions } from './options';
import type { RaceResult } from './result';

/**
 * The result for `options`, or null when the Run's result cannot answer them: other
 * seeds, or a chosen seed in detail. `run` must be a Run's result made with no
 * options (every Go file, DEFAULT_RUNS seeds, each detail seed chosen by the simulation).
 */
export function raceResultFromRun(run: RaceResult, options: SimulateOptions): RaceResult | null {
  const wanted = readRaceOptions(options);
  if (wanted.seed !== undefined || wanted.runs !== DEFAULT_RUNS || wanted.firstSeed !== 1) return null;
  if (!wanted.programs) return run;
  const only = wanted.programs;
  return { ...run, programs: run.programs.filter((p) => only.includes(p.path)) };
}

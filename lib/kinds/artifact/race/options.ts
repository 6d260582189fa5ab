/**
 * The `race` simulation's options (SimulateOptions), read the one way both the simulation
 * (simulate.ts) and a reading of a Run's record (from-run.ts) use. No model code here, so
 * the engine's thread can import it without the race model.
 *
 *   programs  only these lab files (paths), e.g. the two a check grades;
 *   seed      the schedule shown in detail (default: the sweep's first seed that went
 *             wrong, else the lab's seed);
 *   runs      seeds in the sweep (default 50; 0 = no sweep, only the detail run);
 *   firstSeed the sweep's first seed (default 1): the engine sweeps seeds 1–25 and 26–50
 *             in two workers at once and joins them (parallel.ts).
 */
import type { SimulateOptions } from '../record';

/** Seeds per sweep unless a run asks for another number. */
export const DEFAULT_RUNS = 50;
/** Most seeds a run may ask for: a sweep runs in the engine's worker, but a Run should stay quick. */
export const MAX_RUNS = 200;

export interface RaceOptions {
  /** Only these paths; undefined = every Go file of the lab. */
  programs?: string[];
  seed?: number;
  /** Seeds in the sweep, 0…MAX_RUNS. */
  runs: number;
  /** The sweep's first seed, ≥ 1. */
  firstSeed: number;
}

export function readRaceOptions(options: SimulateOptions): RaceOptions {
  const programs = Array.isArray(options.programs) ? options.programs.filter((p): p is string => typeof p === 'string') : undefined;
  const runs = typeof options.runs === 'number' && Number.isInteger(options.runs) ? Math.min(Math.max(options.runs, 0), MAX_RUNS) : DEFAULT_RUNS;
  const firstSeed = typeof options.firstSeed === 'number' && Number.isInteger(options.firstSeed) && options.firstSeed >= 1 ? options.firstSeed : 1;
  return { programs, seed: options.seed, runs, firstSeed };
}

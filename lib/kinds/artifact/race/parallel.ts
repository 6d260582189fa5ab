/**
 * A race Run in two workers at once: the sweep's seeds split in two halves (seeds 1–25
 * and 26–50 of the default 50), each half simulated in its own worker, and the halves
 * joined into exactly the record one worker would have made. A Run's time is nearly all
 * the sweep (the page's thread is idle during it: a Chromium profile of a warm race Run),
 * and every seed's run is independent of the others, so two cores halve it.
 *
 * Exact, not close: the join is tested against the whole sweep for every version of the
 * lab's files (parallel.test.ts). Light: it runs on the engine's thread, without the model.
 */
import type { ArtifactRunRecord, SimulateOptions } from '../record';
import { readRaceOptions } from './options';
import type { RaceProgramResult, RaceResult, Sweep } from './result';
import { raceSweepSummary } from './summary';

/** Fewest seeds worth splitting: below it a second worker costs more than it saves. */
const MIN_SPLIT_RUNS = 8;

/** The options of the two halves of a sweep, or null when it is too small to split. */
export function splitRaceOptions(options: SimulateOptions = {}): [SimulateOptions, SimulateOptions] | null {
  const { runs, firstSeed } = readRaceOptions(options);
  if (runs < MIN_SPLIT_RUNS) return null;
  const head = Math.ceil(runs / 2);
  return [
    { ...options, firstSeed, runs: head },
    { ...options, firstSeed: firstSeed + head, runs: runs - head },
  ];
}

/**
 * One sweep from its two halves (`a` the earlier seeds). The whole stops where the first
 * half stopped (a run that never ended); its outputs keep the order in which seeds first
 * printed them.
 */
function joinSweeps(a: Sweep, b: Sweep): Sweep {
  if (a.stoppedAt !== undefined) return a;
  const outputs = a.outputs.map((o) => ({ output: o.output, seeds: [...o.seeds] }));
  for (const o of b.outputs) {
    const same = outputs.find((p) => p.output === o.output);
    if (same) same.seeds.push(...o.seeds);
    else outputs.push({ output: o.output, seeds: [...o.seeds] });
  }
  const joined: Omit<Sweep, 'summary'> = {
    firstSeed: a.firstSeed,
    runs: a.runs + b.runs,
    outcomes: [...a.outcomes, ...b.outcomes],
    racySeeds: [...a.racySeeds, ...b.racySeeds],
    deadlockSeeds: [...a.deadlockSeeds, ...b.deadlockSeeds],
    failedSeeds: [...a.failedSeeds, ...b.failedSeeds],
    failures: [...a.failures, ...b.failures],
    wrongSeeds: [...a.wrongSeeds, ...b.wrongSeeds],
    outputs,
    minGoroutinesStarted: Math.min(a.minGoroutinesStarted, b.minGoroutinesStarted),
    raceLines: [...new Set([...a.raceLines, ...b.raceLines])].sort(),
    ...(b.stoppedAt !== undefined ? { stoppedAt: b.stoppedAt } : {}),
  };
  return { ...joined, summary: raceSweepSummary(joined) };
}

/**
 * The detail run the whole sweep would have shown. Unless a seed was chosen (then both
 * halves ran that same seed), the whole shows its first seed that went wrong: the first
 * half's when it has one, else the second half's, whose own choice falls back to the
 * lab's seed, as the whole's does, when neither went wrong.
 */
function joinPrograms(a: RaceProgramResult, b: RaceProgramResult): RaceProgramResult {
  if (!a.sweep || !b.sweep) return a;
  const detail = a.sweep.outcomes.some((o) => o !== 'clean') ? a.detail : b.detail;
  return { ...a, sweep: joinSweeps(a.sweep, b.sweep), detail };
}

/**
 * The record of the whole sweep from the records of its halves (`splitRaceOptions`'s
 * order), or null when it cannot be told from them: either half failed or found an error
 * in the files (which error the whole reports can depend on seeds of the other half), so
 * simulate the whole instead.
 */
export function joinRaceRecords(a: ArtifactRunRecord, b: ArtifactRunRecord): ArtifactRunRecord | null {
  if (a.engineError !== undefined || b.engineError !== undefined || !a.parse.ok || !b.parse.ok) return null;
  const ra = a.simulation;
  const rb = b.simulation;
  if (ra?.simulation !== 'race' || rb?.simulation !== 'race' || ra.programs.length !== rb.programs.length) return null;
  if (ra.programs.some((p, i) => p.path !== rb.programs[i].path)) return null;
  const simulation: RaceResult = { ...ra, programs: ra.programs.map((p, i) => joinPrograms(p, rb.programs[i])) };
  return { ...a, simulation };
}

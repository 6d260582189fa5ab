/**
 * A check's simulation read from its Run's record when the Run already simulated what
 * the check asks for, so a Run does not simulate the same files twice. The race lab's
 * checks, for one, sweep two of the eight programs the Run swept: in Node that second
 * sweep was ~110 of a Run's ~250 ms.
 *
 * Only exact answers: the simulations are deterministic functions of the files and the
 * options, and a simulation is listed here only for options whose result it can read off
 * a Run's (race/from-run.ts says why that holds for the race sweep). Everything else is
 * simulated again. Light on purpose: it runs on the engine's thread, without any model.
 */
import type { ArtifactRunRecord, SimulateOptions } from './record';
import { raceResultFromRun } from './race/from-run';

/**
 * The record `runArtifact(artifact, files, signal, options)` would resolve with, given the
 * record of a Run of the same artifact and files made with no options; null when it cannot
 * be read off it (then simulate). A Run that failed or did not parse answers nothing.
 */
export function recordFromRun(run: ArtifactRunRecord, options: SimulateOptions | undefined): ArtifactRunRecord | null {
  if (run.engineError !== undefined || !run.parse.ok || !run.simulation) return null;
  if (!options || Object.keys(options).length === 0) return run;
  if (run.simulation.simulation === 'race') {
    const simulation = raceResultFromRun(run.simulation, options);
    return simulation && { ...run, simulation };
  }
  return null;
}

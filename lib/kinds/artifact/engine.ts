/**
 * The artifact engine, pure and in-process: look up the lab's simulation
 * (simulations.ts), let it parse the files with their real grammar and replay them.
 * The Worker (worker.ts) runs this same function off the main thread; Node tests call
 * it directly. Never rejects: a simulation's bug becomes `engineError`.
 */
import type { LabArtifact } from '../../labs/schema';
import type { ArtifactRunRecord, SimulateOptions } from './record';
import { SIMULATIONS } from './simulations';

export interface EngineInput {
  artifact: LabArtifact;
  files: Record<string, string>;
  options?: SimulateOptions;
}

export async function runArtifactEngine({ artifact, files, options }: EngineInput): Promise<ArtifactRunRecord> {
  const file = artifact.file;
  const base = { invocation: 'artifact' as const, durationMs: 0, file };
  if (files[file] === undefined) {
    return { ...base, parse: { ok: false, errors: [{ file, line: 1, column: 1, message: `The lab has no file ${file}.` }] }, simulation: null };
  }
  const load = Object.hasOwn(SIMULATIONS, artifact.simulation) ? SIMULATIONS[artifact.simulation] : undefined;
  if (!load) return { ...base, parse: { ok: true, errors: [] }, simulation: null, engineError: `This build has no simulation "${artifact.simulation}".` };
  let simulation;
  try {
    simulation = await load();
  } catch (err) {
    return { ...base, parse: { ok: true, errors: [] }, simulation: null, engineError: `The simulation's code could not be loaded (${(err as Error).message}). Reload the page and Run again.` };
  }
  try {
    const { parse, result } = await simulation.run({ artifact, files, options: options ?? {} });
    return { ...base, parse, simulation: parse.ok ? result : null };
  } catch (err) {
    return { ...base, parse: { ok: true, errors: [] }, simulation: null, engineError: `The simulation failed: ${(err as Error).message}` };
  }
}

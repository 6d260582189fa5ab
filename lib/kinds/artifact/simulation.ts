/**
 * What an artifact simulation is: a function from the lab's files to a parse result
 * and, when the files parse, a result the views draw and the checks assert on. Runs in
 * the engine's Worker (or in-process in Node tests); framework-free and deterministic
 * for the same files, artifact and options: it never reads a clock.
 */
import type { LabArtifact } from '../../labs/schema';
import type { ParseResult } from './common';
import type { SimulationResult } from './results';
import type { SimulateOptions } from './record';

export interface SimulationInput {
  artifact: LabArtifact;
  /** Every lab file, path → text (the deliverable is `files[artifact.file]`). */
  files: Record<string, string>;
  options: SimulateOptions;
}

export interface SimulationOutput {
  /** ok with no errors, or each problem at file:line:column (then `result` is null). */
  parse: ParseResult;
  result: SimulationResult | null;
}

export interface ArtifactSimulation {
  id: LabArtifact['simulation'];
  /** Parses with the real grammar and replays. Rejects only on a bug (the engine reports it). */
  run(input: SimulationInput): Promise<SimulationOutput>;
}

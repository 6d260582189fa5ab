/**
 * What an artifact Run produces, as zod schemas: the record crosses from the engine's
 * Worker to the page, so the page validates it instead of trusting its shape.
 *
 * A record holds the parse result of the deliverable (ok, or errors at file:line:column)
 * and, when it parsed, the result of the lab's simulation (results.ts lists them; the
 * `simulation` field tells which).
 */
import { z } from 'zod';
import { parseResultSchema } from './common';
import { simulationResultSchema, type SimulationResult } from './results';

export * from './common';
export type { SimulationResult } from './results';
export type { Cell, CommitInfo, PipelineResult, CacheEvent, WorkflowRun, JobResult, StepResult, CommandResult, Outcome, CellStatus } from './pipeline/result';

export const artifactRunRecordSchema = z.object({
  invocation: z.literal('artifact'),
  /** Virtual time: the simulation never reads a clock, so this is always 0. */
  durationMs: z.number().min(0),
  file: z.string(),
  parse: parseResultSchema,
  simulation: simulationResultSchema.nullable(),
  /** The engine itself failed (a bug, a cancelled worker): the message. */
  engineError: z.string().optional(),
});
/**
 * One artifact Run. `R` narrows the simulation's result for code that knows its lab's
 * simulation (a lab's checks); the schema accepts any listed in results.ts.
 */
export type ArtifactRunRecord<R extends SimulationResult = SimulationResult> = Omit<z.infer<typeof artifactRunRecordSchema>, 'simulation'> & {
  simulation: R | null;
};

/**
 * Options a check may pass to re-run the simulation. `seed` is common to all; each
 * simulation reads its own other keys (the pipeline's `events`: only these matrix
 * columns) and ignores the rest. Values must survive structured cloning (JSON-like).
 */
export interface SimulateOptions {
  /** Another seed for the simulated history or schedule. */
  seed?: number;
  [option: string]: unknown;
}

/** What each check of an artifact lab receives; `R` is the lab's simulation result. */
export interface ArtifactCheckContext<R extends SimulationResult = SimulationResult> {
  /** The learner's current text of one lab file, or undefined when the lab has none. */
  file(path: string): string | undefined;
  /** Parses the lab's files and replays them; the same record a Run produces. Deterministic for the same options. */
  simulate(options?: SimulateOptions): Promise<ArtifactRunRecord<R>>;
}

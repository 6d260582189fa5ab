/**
 * A simulation's checks for the one grader (lib/grading/grade.ts): same pass / fail /
 * error results and views as a lab's, with a context that can also replay a
 * refreshing dashboard (`repeat`).
 */
import { createCheckContext } from '../checks/context';
import { checkItems } from '../checks/runner';
import type { CheckResult, LabCheck } from '../checks/types';
import { CHECK_NOW } from '../engine/request';
import { grade, type Gradable } from '../grading/grade';
import type { GradeReport } from '../grading/contract';
import { labMetaSchema, type LabMeta } from '../labs/schema';
import type { SandboxRunner } from '../runtime/sandbox/host';
import { runRepeated } from './repeat';
import type { SimMeta } from './schema';
import type { SimCheck, SimCheckContext } from './sim-types';

/** The simulation as a lab, so the lab engine (runOnce, check contexts) can run it. */
export function simAsLab(meta: SimMeta): LabMeta {
  return labMetaSchema.parse({
    title: meta.title,
    summary: meta.summary,
    estimatedMinutes: meta.estimatedMinutes,
    files: meta.files,
    entry: meta.entry,
    upstreams: meta.upstreams,
    run: meta.run,
  });
}

export function createSimCheckContext(sandbox: SandboxRunner, meta: SimMeta, files: Record<string, string>, signal?: AbortSignal): SimCheckContext {
  const lab = createCheckContext(sandbox, simAsLab(meta), files, signal);
  return {
    now: CHECK_NOW,
    // The incident's upstream behaviour applies unless a check picks its own.
    query: ({ scenario, ...overrides } = {}) => lab.query({ ...overrides, scenario: scenario ?? meta.scenario }),
    repeat: (times) => runRepeated(sandbox, files, meta, CHECK_NOW, times, signal),
  };
}

/** The checks as gradable items; all of a simulation's checks belong to its one task, "fix it". */
export function simCheckItems(sandbox: SandboxRunner, meta: SimMeta, files: Record<string, string>, checks: readonly SimCheck[], signal?: AbortSignal): Gradable[] {
  const asLab: LabCheck<SimCheckContext>[] = checks.map((check) => ({ ...check, task: 1 }));
  return checkItems(asLab, createSimCheckContext(sandbox, meta, files, signal));
}

/** Runs every check to the end (tests, the conformance suite) and returns their results. */
export async function runSimChecks(
  sandbox: SandboxRunner,
  meta: SimMeta,
  files: Record<string, string>,
  checks: readonly SimCheck[],
  onUpdate?: (report: GradeReport) => void,
): Promise<CheckResult[]> {
  const signal = new AbortController().signal;
  return (await grade(simCheckItems(sandbox, meta, files, checks, signal), { signal, onUpdate })).checks;
}

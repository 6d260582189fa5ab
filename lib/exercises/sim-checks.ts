/**
 * Runs a simulation's checks with the lab check runner (same pass / fail / error
 * results, same views), giving each check a context that can also replay a refreshing
 * dashboard (`repeat`).
 */
import { createCheckContext } from '../checks/context';
import { runCheck } from '../checks/runner';
import type { CheckResult, LabCheck } from '../checks/types';
import { CHECK_NOW } from '../engine/request';
import { labMetaSchema, type LabMeta } from '../labs/schema';
import type { SandboxHost } from '../runtime/sandbox/host';
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

export function createSimCheckContext(sandbox: SandboxHost, meta: SimMeta, files: Record<string, string>): SimCheckContext {
  const lab = createCheckContext(sandbox, simAsLab(meta), files);
  return {
    now: CHECK_NOW,
    // The incident's upstream behaviour applies unless a check picks its own.
    query: ({ scenario, ...overrides } = {}) => lab.query({ ...overrides, scenario: scenario ?? meta.scenario }),
    repeat: (times) => runRepeated(sandbox, files, meta, CHECK_NOW, times),
  };
}

export async function runSimChecks(
  sandbox: SandboxHost,
  meta: SimMeta,
  files: Record<string, string>,
  checks: readonly SimCheck[],
  onResult?: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  const ctx = createSimCheckContext(sandbox, meta, files);
  const labCtx = createCheckContext(sandbox, simAsLab(meta), files);
  const results: CheckResult[] = [];
  for (const check of checks) {
    // All of a simulation's checks belong to its one task: "fix it".
    const asLab: LabCheck = { id: check.id, task: 1, title: check.title, hint: check.hint, run: () => check.run(ctx) };
    const result = await runCheck(asLab, labCtx);
    results.push(result);
    onResult?.(result);
  }
  return results;
}

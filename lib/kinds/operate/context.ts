/**
 * What an operate lab's checks work with: `serve(plan)` runs a plan of their own (a retry
 * storm, an outage, a dashboard loaded again and again) against the learner's files, and
 * `profile()` the Run's whole load profile. Every run shares the Run's seed: the
 * instances' keys and data, and the clock (`now`), drawn per Run so an answer learnt in
 * one Run does not fit the next.
 */
import type { SandboxRunner } from '../../runtime/sandbox/host';
import { drawSeed, runSeedSchema, seededNow, type RunSeed } from '../../upstreams/seed';
import { loadProfile } from './load-profile';
import type { OperatePlan } from './plan';
import { runOperate, type OperateRunRecord } from './run';
import { instancesFor, type DataSourceInstance } from './upstream';

export interface OperateCheckContext {
  /** Serves `plan` with the learner's files: one operate run in the sandbox. Runs of the same plan are shared. */
  serve(plan: OperatePlan): Promise<OperateRunRecord>;
  /** The Run's load profile, served once and shared by every check that reads it. */
  profile(): Promise<OperateRunRecord>;
  /** The run's virtual 0 as epoch ms (the Run's "now", drawn from its seed). */
  now: number;
  /** The Run's seed (host-side only). */
  seed: RunSeed;
  /** The data source instances of this Run: uids, base URLs, keys. */
  instances: DataSourceInstance[];
  /** The learner's current text of a lab file. */
  file(path: string): string | undefined;
}

export interface OperateContextOptions {
  /** Reproduce a Run (or make a test deterministic); a fresh seed is drawn otherwise. */
  seed?: RunSeed;
}

/** The context of one Run of an operate lab's checks. `signal` cancels every run it starts. */
export function createOperateContext(
  sandbox: SandboxRunner,
  entry: string,
  files: Record<string, string>,
  signal?: AbortSignal,
  options: OperateContextOptions = {},
): OperateCheckContext {
  const seed = options.seed === undefined ? drawSeed() : runSeedSchema.parse(options.seed);
  const now = seededNow(seed);
  const runs = new Map<string, Promise<OperateRunRecord>>();
  const serve = (plan: OperatePlan) => {
    const key = JSON.stringify(plan);
    let run = runs.get(key);
    if (!run) {
      run = runOperate(sandbox, { files, entry, plan, seed, epochMs: now, signal });
      runs.set(key, run);
    }
    return run;
  };
  return {
    serve,
    profile: () => serve(loadProfile({ seed, epochMs: now })),
    now,
    seed,
    instances: instancesFor(seed),
    file: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
  };
}

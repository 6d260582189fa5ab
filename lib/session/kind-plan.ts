/**
 * What a lab's kind and checks make of a Run, wherever the Run goes: on this thread (a lab
 * session with a sandbox, lib/session/lab-session.ts) or in the lab engine's worker
 * (engine-server.ts). One place, so both run a kind the same way.
 */
import { checkItems } from '../checks/runner';
import type { LabCheck } from '../checks/types';
import type { KindEnvironment, KindLab, LabKind, RunRecordBase } from '../kinds/types';
import { MAX_CHECK_LANES } from './run-sandbox';
import type { RunPlan } from './session';

/** The part of a `RunPlan` the kind and its checks decide. */
export type KindPlan = Required<Pick<RunPlan<RunRecordBase, unknown>, 'run' | 'blockingError' | 'markers' | 'items' | 'concurrency'>>;

/** How many of the kind's checks a Run grades at once: its `checkLanes`, at most the sandbox pool's size. */
export function checkConcurrency(kind: LabKind): number {
  return Math.min(MAX_CHECK_LANES, kind.checkLanes ?? 1);
}

/** `env` is read at each call: the Run's sandbox session and saved work. */
export function kindPlan(kind: LabKind, checks: readonly LabCheck<unknown>[], lab: KindLab, env: () => KindEnvironment): KindPlan {
  return {
    run: (files, settings, signal) => kind.run(env(), lab, { files, settings }, signal),
    blockingError: (record) => kind.blockingError(record),
    markers: (record) => kind.markers(record),
    items: (files, signal) => checkItems(checks, kind.checkContext(env(), lab, files, signal)),
    concurrency: checkConcurrency(kind),
  };
}

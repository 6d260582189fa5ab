/**
 * A lab's checks from this build's registry (registry.generated.ts), as a dynamic import:
 * on the lab page's engine worker, and on the mentor page for a re-run.
 */
import type { LabCheck } from '../checks/types';
import { CHECK_LOADERS } from './registry.generated';

/** Rejects with a message naming the lab when this build has no checks for it (an id from a backup, a stale link). */
export async function loadLabChecks(labId: string): Promise<readonly LabCheck<unknown>[]> {
  // An own property only: a lab id from outside may be named like an Object.prototype member.
  const loader = Object.hasOwn(CHECK_LOADERS, labId) ? CHECK_LOADERS[labId] : undefined;
  if (!loader) throw new Error(`the checks of lab "${labId}" are missing from this build`);
  return (await loader()).default as readonly LabCheck<unknown>[];
}

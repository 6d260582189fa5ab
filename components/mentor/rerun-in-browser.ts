'use client';
/**
 * The review's re-run in this tab: the lab page's shared sandbox and the lab checks
 * of this build (lib/labs/registry.generated.ts), loaded on demand.
 */
import { getSandbox } from '@/components/lab/sandbox-instance';
import type { LabCheck } from '@/lib/checks/types';
import { CHECK_LOADERS } from '@/lib/labs/registry.generated';
import type { ReviewOptions } from '@/lib/mentor/review-store';

async function loadChecks(labId: string): Promise<readonly LabCheck<unknown>[]> {
  const loader = Object.prototype.hasOwnProperty.call(CHECK_LOADERS, labId) ? CHECK_LOADERS[labId] : undefined;
  if (!loader) throw new Error(`the checks of lab "${labId}" are missing from this build`);
  return (await loader()).default as readonly LabCheck<unknown>[];
}

export const rerunInBrowser: ReviewOptions['rerun'] = async (lab, work, signal, onUpdate) => {
  const { rerunLab } = await import('@/lib/mentor/rerun');
  return rerunLab(lab, work, { sandbox: getSandbox, loadChecks, signal, onUpdate });
};

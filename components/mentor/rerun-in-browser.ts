'use client';
/**
 * The review's re-run in this tab: the lab page's shared sandbox and the lab checks
 * of this build (lib/labs/registry.generated.ts), loaded on demand.
 *
 * The sandbox is started (and retried) before any learner code is judged: a sandbox
 * that cannot start on a busy machine says nothing about the work, so it ends the
 * re-run as `failed` with a reason instead of as a verdict of 0 checks.
 */
import { getSandbox } from '@/components/lab/sandbox-instance';
import { loadLabChecks as loadChecks } from '@/lib/labs/load-checks';
import type { ReviewOptions } from '@/lib/mentor/review-store';

/** Starts of the sandbox tried before a re-run gives up. Each start may take up to the host's start timeout. */
const START_ATTEMPTS = 3;

/** Null once the sandbox is up; otherwise why it is not. */
async function sandboxReady(signal: AbortSignal): Promise<string | null> {
  let last: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS && !signal.aborted; attempt++) {
    try {
      await getSandbox().warmUp();
      return null;
    } catch (err) {
      last = err; // the host disposed the failed sandbox: the next warmUp starts a fresh one
    }
  }
  return `The sandbox did not start (${last instanceof Error ? last.message : String(last ?? 'stopped')}), so nothing was re-run. This happens on a busy machine; press "Re-run this lab again".`;
}

export const rerunInBrowser: ReviewOptions['rerun'] = async (lab, work, signal, onUpdate) => {
  const notReady = await sandboxReady(signal);
  if (notReady) return { status: signal.aborted ? 'stopped' : 'failed', report: null, record: null, message: signal.aborted ? 'The re-run was stopped before it finished.' : notReady };
  const { rerunLab } = await import('@/lib/mentor/rerun');
  return rerunLab(lab, work, { sandbox: getSandbox, loadChecks, signal, onUpdate });
};

/** Starts the sandbox while the mentor reads, so the first re-run does not wait for it. */
export function warmUpSandbox(): void {
  void getSandbox().warmUp().catch(() => undefined);
}

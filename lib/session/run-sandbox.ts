/**
 * The sandbox a session's Run uses: a sandbox session opened when the Run starts
 * (`RunPlan.begin`) and closed when it ends, so each Run starts in realms no earlier Run
 * touched (lib/runtime/sandbox/host.ts). Outside a Run (a check outline is built, nothing
 * runs) it falls back to the host itself.
 */
import type { SandboxHost, SandboxRunner, SandboxSession } from '../runtime/sandbox/host';

/**
 * The most checks a Run runs at once (a kind's `checkLanes`, lib/kinds/types.ts). Each lane
 * that runs learner code takes a sandbox of its own, so the tab's pool keeps this many
 * started (components/lab/sandbox-instance.ts) and a Run does not wait for one to start.
 */
export const MAX_CHECK_LANES = 2;

export interface RunSandbox {
  /** The Run in progress' session, or the host outside a Run. */
  current(): SandboxRunner;
  /** For `RunPlan.begin`: opens the Run's session and returns what closes it. */
  begin(): () => void;
}

export function runSandbox(host: () => SandboxHost): RunSandbox {
  let session: SandboxSession | null = null;
  return {
    current: () => session ?? host(),
    begin() {
      const mine = host().session();
      session = mine;
      return () => {
        mine.close();
        // A newer Run may have begun before this one ended (Run pressed again).
        if (session === mine) session = null;
      };
    },
  };
}

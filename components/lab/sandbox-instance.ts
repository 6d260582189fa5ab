'use client';
/**
 * One sandbox host per tab. Every Run opens a session on it (lib/session/run-sandbox.ts),
 * so a Run starts in sandboxes no earlier Run used; the pool keeps one started for each
 * check lane a Run may have (MAX_CHECK_LANES), so the next Run's sandboxes are ready while
 * the learner reads the last results. A run outside a
 * session (none today) would get a sandbox of its own (`isolation: 'run'`).
 */
import { spawnBrowserSandbox } from '@/lib/runtime/sandbox/browser-sandbox';
import { SandboxHost } from '@/lib/runtime/sandbox/host';
import { MAX_CHECK_LANES } from '@/lib/session/run-sandbox';

let instance: SandboxHost | null = null;

export function getSandbox(): SandboxHost {
  instance ??= new SandboxHost(() => spawnBrowserSandbox('/sandbox/worker.js'), { isolation: 'run', poolSize: MAX_CHECK_LANES });
  return instance;
}

'use client';
/**
 * The tab's sandbox host (sandbox-instance.ts), loaded after the page: its code (the
 * pool, the run protocol, the message schemas) is not needed to read a lab, only to
 * run it, so it stays out of the first load. Sessions take it through `loadedSandbox`,
 * which is safe because a Run first awaits the session's `load()`, and the hooks below
 * make that wait for `loadSandbox()`.
 */
import type { SandboxHost } from '@/lib/runtime/sandbox/host';

let loaded: SandboxHost | null = null;
let loading: Promise<SandboxHost> | null = null;

/** Loads the host's code once (a failed load is tried again next time). */
export function loadSandbox(): Promise<SandboxHost> {
  loading ??= import('./sandbox-instance').then((m) => (loaded = m.getSandbox()));
  loading.catch(() => (loading = null));
  return loading;
}

/** The host, once `loadSandbox()` has resolved. Throws before: nothing may run before the session's plan has loaded. */
export function loadedSandbox(): SandboxHost {
  if (!loaded) throw new Error('The sandbox is still loading.');
  return loaded;
}

/** Wraps a session's loader so the plan it loads comes with the sandbox host. */
export function withSandbox<A extends unknown[], R>(load: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => (await Promise.all([load(...args), loadSandbox()]))[0];
}

/**
 * Starts the pool's sandboxes with the page, so the first Run does not wait for one to
 * start. Resolves when one is ready; never rejects (a failed start only means the first
 * Run starts its own). Measured on a two-core machine: waiting for the editor instead
 * (editor-shown.ts) did not make the editor appear sooner (the sandboxes start in
 * workers), and made a Run pressed as soon as it appeared two seconds slower.
 */
export function warmSandbox(): Promise<void> {
  return loadSandbox()
    .then((host) => host.warmUp())
    .catch(() => undefined);
}

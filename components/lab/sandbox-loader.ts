'use client';
/**
 * The tab's sandbox host (sandbox-instance.ts), loaded after the page: its code (the
 * pool, the run protocol, the message schemas) is not needed to read a lab, only to
 * run it, so it stays out of the first load. Sessions take it through `loadedSandbox`,
 * which is safe because a Run first awaits the session's `load()`, and the hooks below
 * make that wait for `loadSandbox()`.
 */
import { afterEditorShown, EDITOR_WAIT_FALLBACK_MS } from '@/components/editor/editor-shown';
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
 * Starts the pool's sandboxes once the page's editor shows a file (editor-shown.ts says
 * why), so the first Run does not wait for a sandbox to start. Resolves when one is ready;
 * never rejects (a failed start only means the first Run starts its own).
 */
export function warmSandboxAfterEditor(): Promise<void> {
  return afterEditorShown(EDITOR_WAIT_FALLBACK_MS)
    .then(loadSandbox)
    .then((host) => host.warmUp())
    .catch(() => undefined);
}

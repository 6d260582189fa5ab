/**
 * Builds the CheckContext a lab's checks run with: every `query()` / `health()` is a
 * real run of the learner's files in the sandbox, on a fixed clock.
 */
import { buildHealthRequest, buildQueryDataRequest, CHECK_NOW } from '../engine/request';
import { runOnce } from '../engine/run';
import type { LabMeta } from '../labs/schema';
import type { SandboxHost } from '../runtime/sandbox/host';
import type { CheckContext } from './types';

/** `signal` cancels every run the checks start (Cancel, or a new Run). */
export function createCheckContext(sandbox: SandboxHost, meta: LabMeta, files: Record<string, string>, signal?: AbortSignal): CheckContext {
  const run = meta.run;
  if (!run) throw new Error('This lab has no run settings, so its checks cannot run the handler.');
  return {
    now: CHECK_NOW,
    file: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    query: ({ scenario, ...overrides } = {}) =>
      runOnce(sandbox, { files, meta, invocation: 'queryData', request: buildQueryDataRequest(run, CHECK_NOW, overrides), scenario, signal }),
    health: ({ scenario, ...overrides } = {}) =>
      runOnce(sandbox, { files, meta, invocation: 'checkHealth', request: buildHealthRequest(run, overrides), scenario, signal }),
  };
}

/**
 * A lab's session: the generic session (session.ts) with the lab's kind deciding what
 * Run does and what its checks get. Only the LabKind interface is used, so a kind
 * whose run is not the handler's works the same way.
 */
import type { LabCheck } from '../checks/types';
import { defaultQueries, type HandlerSettings } from '../kinds/handler/settings';
import { loadKind as loadRegisteredKind } from '../kinds/registry';
import type { KindEnvironment, KindLab, LabKind, LabKindId, RunRecordBase } from '../kinds/types';
import type { LabMeta } from '../labs/schema';
import type { ProgressStore } from '../progress/store';
import type { SandboxHost } from '../runtime/sandbox/host';
import { runSandbox } from './run-sandbox';
import { kindPlan } from './kind-plan';
import { remoteRunPlan, type EngineClientPort } from './engine-client';
import { labWork } from './saved-work';
import { createSession, type Session, type SessionOptions } from './session';

/** The lab as a session needs it (a subset of the lab page's data). */
export interface SessionLab {
  id: string;
  meta: LabMeta;
  starter: Record<string, string>;
  solution: Record<string, string>;
}

export interface LabSessionOptions {
  /**
   * Where Run and the checks run: the lab engine's worker (the lab page; the port, once
   * loaded), or here on this thread with `sandbox` and `loadChecks` (tests, a mentor's
   * re-run). See docs/decisions/0009-engine-worker.md.
   */
  engine?(): EngineClientPort;
  /** The shared sandbox, created on first use (without `engine`). */
  sandbox?(): SandboxHost;
  progress: ProgressStore;
  /** The lab's checks (lib/labs/load-checks.ts), a dynamic import (without `engine`). */
  loadChecks?(labId: string): Promise<readonly LabCheck<unknown>[]>;
  /** The lab's kind (lib/kinds/registry.ts by default). */
  loadKind?(id: LabKindId): Promise<LabKind>;
  schedule?: SessionOptions<unknown, unknown>['schedule'];
  clock?: SessionOptions<unknown, unknown>['clock'];
  prepareAfter?: SessionOptions<unknown, unknown>['prepareAfter'];
}

export type LabSession = Session<RunRecordBase, HandlerSettings>;

export function createLabSession(lab: SessionLab, options: LabSessionOptions): LabSession {
  const kindLab: KindLab = { id: lab.id, meta: lab.meta };
  const sandbox = runSandbox(() => {
    if (!options.sandbox) throw new Error('this lab session runs in the lab engine, not on a sandbox of the page');
    return options.sandbox();
  });
  const env = (): KindEnvironment => ({ sandbox: sandbox.current(), progress: options.progress });
  const loadKind = options.loadKind ?? loadRegisteredKind;
  return createSession<RunRecordBase, HandlerSettings>({
    starter: lab.starter,
    solution: lab.solution,
    saved: labWork(options.progress, lab.id, defaultQueries(lab.meta)),
    schedule: options.schedule,
    clock: options.clock,
    prepareAfter: options.prepareAfter,
    async load() {
      if (options.engine) return remoteRunPlan(options.engine(), kindLab, lab.meta.kind, options.progress);
      if (!options.sandbox || !options.loadChecks) throw new Error('a lab session needs an engine, or a sandbox and its checks');
      const [kind, checks] = await Promise.all([loadKind(lab.meta.kind), options.loadChecks(lab.id)]);
      return { ...kindPlan(kind, checks, kindLab, env), begin: sandbox.begin };
    },
  });
}

/**
 * Sessions of coding exercises and troubleshooting simulations: the same session as
 * labs (session.ts). An exercise's Run only grades (one sandbox run per test); a
 * simulation's Run runs the toy plugin once (or N refreshes) for the results views,
 * then grades the fix with its checks.
 */
import { blockingMessage } from '../checks/runner';
import { buildQueryDataRequest } from '../engine/request';
import { runOnce, type QueryDataRunRecord } from '../engine/run';
import type { CodingBundle, SimBundle } from '../exercises/bundle';
import { exerciseItems } from '../exercises/grade';
import { runRepeated, type RepeatRecord } from '../exercises/repeat';
import { simAsLab, simCheckItems } from '../exercises/sim-checks';
import type { SimCheck } from '../exercises/sim-types';
import type { ExerciseTest } from '../exercises/types';
import type { ProgressStore } from '../progress/store';
import type { SandboxHost } from '../runtime/sandbox/host';
import { runSandbox } from './run-sandbox';
import { exerciseWork } from './saved-work';
import { createSession, type Session, type SessionOptions } from './session';

interface Common {
  sandbox(): SandboxHost;
  progress: ProgressStore;
  schedule?: SessionOptions<unknown, unknown>['schedule'];
  clock?: SessionOptions<unknown, unknown>['clock'];
  prepareAfter?: SessionOptions<unknown, unknown>['prepareAfter'];
}

export type ExerciseSession = Session<never, undefined>;

export function createExerciseSession(bundle: CodingBundle, options: Common & { loadTests(id: string): Promise<readonly ExerciseTest[]> }): ExerciseSession {
  const input = (files: Record<string, string>) => ({ files, entry: bundle.meta.entry, timeLimitMs: bundle.meta.timeLimitMs });
  const sandbox = runSandbox(options.sandbox);
  return createSession<never, undefined>({
    starter: bundle.starter,
    solution: bundle.solution,
    saved: exerciseWork(options.progress, bundle.id),
    schedule: options.schedule,
    clock: options.clock,
    prepareAfter: options.prepareAfter,
    async load() {
      const tests = await options.loadTests(bundle.id);
      return { items: (files) => exerciseItems(sandbox.current(), input(files), tests), begin: sandbox.begin };
    },
  });
}

/** What a simulation's Run shows: one request's record, or N refreshes in one process. */
export type SimRecord = { mode: 'single'; run: QueryDataRunRecord } | { mode: 'repeat'; run: RepeatRecord };
export type SimSession = Session<SimRecord, undefined>;

export function createSimSession(bundle: SimBundle, options: Common & { loadChecks(id: string): Promise<readonly SimCheck[]> }): SimSession {
  const { meta } = bundle;
  const lab = simAsLab(meta);
  const sandbox = runSandbox(options.sandbox);
  return createSession<SimRecord, undefined>({
    starter: bundle.starter,
    solution: bundle.solution,
    saved: exerciseWork(options.progress, bundle.id),
    schedule: options.schedule,
    clock: options.clock,
    prepareAfter: options.prepareAfter,
    async load() {
      const checks = await options.loadChecks(bundle.id);
      return {
        async run(files, _settings, signal) {
          const now = Math.floor(Date.now() / 60_000) * 60_000;
          if (meta.mode === 'repeat') return { mode: 'repeat', run: await runRepeated(sandbox.current(), files, meta, now, undefined, signal) };
          return { mode: 'single', run: await runOnce(sandbox.current(), { files, meta: lab, invocation: 'queryData', request: buildQueryDataRequest(meta.run, now), scenario: meta.scenario, signal }) };
        },
        blockingError: (record) => (record.run.output.ok ? undefined : blockingMessage(record.run.output.error)),
        items: (files, signal) => simCheckItems(sandbox.current(), meta, files, checks, signal),
        begin: sandbox.begin,
      };
    },
  });
}

/**
 * The `operate` kind: the learner's data source runs as it would in production, under
 * load. Run serves the Run's seeded load profile (lib/kinds/operate/load-profile.ts: a
 * few hundred requests from three tenants' dashboards, through one incident of each
 * kind) in one sandbox run on the virtual clock; the results show what the upstream saw
 * against what the handler answered and what its metrics said. Checks serve plans of
 * their own and compare the host's record with the learner's account.
 * docs/decisions/0006-operate-kind.md.
 */
import { blockingMessage } from '../../checks/runner';
import { drawSeed, seededNow } from '../../upstreams/seed';
import type { KindEnvironment, KindLab, LabKind } from '../types';
import { createOperateContext, type OperateCheckContext } from './context';
import { loadProfile } from './load-profile';
import { runOperate, type OperateRunRecord } from './run';

export type { OperateCheckContext } from './context';
export type { OperateRunRecord } from './run';

function entryOf(lab: { id: string; meta: { entry?: string } }): string {
  if (!lab.meta.entry) throw new Error(`Lab "${lab.id}" is an operate lab without an entry file in lab.json: there is no handler to serve the load with.`);
  return lab.meta.entry;
}

/**
 * The check context of each Run in progress, by the Run's signal, with the files it was
 * made for. A session makes the Run's check context and then runs the Run with the same
 * files and signal (lib/session/session.ts): Run then serves that context's load profile,
 * so the dashboard and the checks that read the profile share one sandbox run (and one
 * seed) instead of serving the whole profile twice.
 */
const contexts = new WeakMap<AbortSignal, { files: Record<string, string>; context: OperateCheckContext }>();

/** The Run's own load profile when no check context was made for it: each Run draws its own seed (its instances, data, clock and profile). */
function serveProfile(env: KindEnvironment, lab: KindLab, files: Record<string, string>, signal: AbortSignal): Promise<OperateRunRecord> {
  const seed = drawSeed();
  const epochMs = seededNow(seed);
  return runOperate(env.sandbox, { files, entry: entryOf(lab), plan: loadProfile({ seed, epochMs }), seed, epochMs, signal });
}

export const operateKind: LabKind<OperateRunRecord, OperateCheckContext> = {
  id: 'operate',

  async run(env, lab, input, signal) {
    const made = contexts.get(signal);
    const record = await (made && made.files === input.files ? made.context.profile() : serveProfile(env, lab, input.files, signal));
    // The page's record, and only it, keeps the files it served: the Operations tab draws
    // them (run.ts `files`). Set on the shared profile record, not a copy, so the checks
    // that read the profile still read the very record the page shows.
    record.files = input.files;
    return record;
  },

  blockingError(record) {
    // A timeout's words are the schedule's (run.ts SCHEDULE_TIMEOUT), not a single request's.
    return record.error ? blockingMessage(record.error) : undefined;
  },

  markers(record) {
    const error = record.error;
    if (!error?.file || !error.line) return [];
    return [{ path: error.file, line: error.line, column: error.column ?? 1, message: error.message, severity: 'error' }];
  },

  checkContext(env, lab, files, signal) {
    const context = createOperateContext(env.sandbox, entryOf(lab), files, signal);
    contexts.set(signal, { files, context });
    return context;
  },
};

export default operateKind;

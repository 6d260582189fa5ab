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
import type { LabKind } from '../types';
import { createOperateContext, type OperateCheckContext } from './context';
import { loadProfile } from './load-profile';
import { runOperate, type OperateRunRecord } from './run';

export type { OperateCheckContext } from './context';
export type { OperateRunRecord } from './run';

function entryOf(lab: { id: string; meta: { entry?: string } }): string {
  if (!lab.meta.entry) throw new Error(`Lab "${lab.id}" is an operate lab without an entry file in lab.json: there is no handler to serve the load with.`);
  return lab.meta.entry;
}

export const operateKind: LabKind<OperateRunRecord, OperateCheckContext> = {
  id: 'operate',

  run(env, lab, input, signal) {
    // Each Run draws its own seed: its instances, data, clock and profile.
    const seed = drawSeed();
    const epochMs = seededNow(seed);
    return runOperate(env.sandbox, { files: input.files, entry: entryOf(lab), plan: loadProfile({ seed, epochMs }), seed, epochMs, signal });
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
    return createOperateContext(env.sandbox, entryOf(lab), files, signal);
  },
};

export default operateKind;

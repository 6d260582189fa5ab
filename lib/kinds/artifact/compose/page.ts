/**
 * The page side of a Compose Run: after the simulation's record comes back from the
 * engine's Worker, run the payoff (payoff.ts) in the Run's sandbox with the learner's
 * saved Week 2 work from the progress store, or the course's reference where there is
 * none. Loaded on demand by the artifact kind, only for the compose simulation.
 */
import type { SandboxRunner } from '../../../runtime/sandbox/host';
import type { SavedProgress } from '../../types';
import type { ArtifactRunRecord } from '../record';
import { WEEK2_REFERENCE } from './generated/week2-reference';
import { runComposePayoff, type ComposePayoff } from './payoff';
import type { ComposeResult } from './result';
import { pickWeek2Code } from './week2';

export type { ComposePayoff } from './payoff';

/** A Compose Run's record: the simulation's, plus what the Week 2 code did against the stack. */
export type ComposeRunRecord = ArtifactRunRecord<ComposeResult> & { payoff?: ComposePayoff };

/** Adds the payoff to a compose record. Never rejects: a failure of the step itself is `payoff.skipped`. */
export async function withComposePayoff(record: ArtifactRunRecord, sandbox: SandboxRunner, signal: AbortSignal, store?: SavedProgress): Promise<ArtifactRunRecord | ComposeRunRecord> {
  if (record.simulation?.simulation !== 'compose') return record;
  // No store (a test, the bench): the course's reference code.
  const labs = store?.getState().labs ?? {};
  const saved = (id: string) => (Object.hasOwn(labs, id) ? labs[id] : undefined);
  const code = { health: pickWeek2Code(WEEK2_REFERENCE.health, saved(WEEK2_REFERENCE.health.labId)), query: pickWeek2Code(WEEK2_REFERENCE.query, saved(WEEK2_REFERENCE.query.labId)) };
  try {
    return { ...record, simulation: record.simulation, payoff: await runComposePayoff({ sandbox, result: record.simulation, code, signal }) };
  } catch (err) {
    return { ...record, simulation: record.simulation, payoff: { skipped: `Your Week 2 code could not be run against the stack (${(err as Error).message}). The stack's results above are unaffected; press Run to try again.`, panelsLeftOut: 0 } };
  }
}

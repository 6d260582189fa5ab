/**
 * A program's sweep summary as the race lab shows it: the model's line (racy or not,
 * deadlocks, a run that never ended) and what the lab adds (crashes, wrong results).
 * Light: simulate.ts writes it for a sweep, parallel.ts for two halves joined.
 */
import { sweepSummary } from '../../../simulations/race/sweep-summary';
import type { Sweep } from './result';

export function raceSweepSummary(sweep: Pick<Sweep, 'runs' | 'racySeeds' | 'deadlockSeeds' | 'stoppedAt' | 'failures' | 'wrongSeeds'>): string {
  let summary = sweepSummary(sweep);
  const crashed = sweep.failures.filter((f) => f.kind !== 'step-limit').length;
  if (crashed) summary += `; crashed under ${crashed}`;
  if (sweep.wrongSeeds.length) summary += `; wrong result under ${sweep.wrongSeeds.length}`;
  return summary;
}

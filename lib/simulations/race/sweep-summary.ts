/**
 * A seed sweep's one-line summary ("racy under 37 of 50 schedules; deadlocked under 2"),
 * in one place: the model's sweep (lab.ts runSeeds) writes it, and the race lab's merge
 * of two halves of a sweep (lib/kinds/artifact/race/parallel.ts) writes it again for the
 * whole, without loading the model.
 */
export function sweepSummary(sweep: { runs: number; racySeeds: readonly number[]; deadlockSeeds: readonly number[]; stoppedAt?: number }): string {
  const racy = sweep.racySeeds.length;
  let summary = racy ? `racy under ${racy} of ${sweep.runs} schedules` : `race-free under all ${sweep.runs} schedules`;
  if (sweep.deadlockSeeds.length) summary += `; deadlocked under ${sweep.deadlockSeeds.length}`;
  if (sweep.stoppedAt !== undefined) summary += `; stopped at seed ${sweep.stoppedAt}, which never ended`;
  return summary;
}

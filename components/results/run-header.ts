/**
 * The line above the results tabs: how the last run ended, how long it took, and the
 * upstream scenario it ran with, named as the scenario picker names it
 * (lib/upstreams/scenario-name.ts), so "Out-of-order samples" reads the same in both.
 */
import type { RunRecord } from '@/lib/engine/run';
import { scenarioName } from '@/lib/upstreams/scenario-name';

/** `Last run: completed in 12 ms · scenario: Out-of-order samples`. Duration in whole ms. */
export function runHeaderText(record: Pick<RunRecord, 'output' | 'durationMs' | 'scenario'>): string {
  return `Last run: ${record.output.ok ? 'completed' : 'failed'} in ${Math.round(record.durationMs)} ms · scenario: ${scenarioName(record.scenario)}`;
}

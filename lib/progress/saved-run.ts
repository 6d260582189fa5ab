/**
 * The sentence for a run result that was saved earlier (a lab's last run, an
 * exercise's last test result). One that arrived in a backup says so: it was not run
 * in this browser, so it shows "as saved, not re-run" and never counts as passed here.
 */
import { formatWhen } from './format-time';

export interface SavedRun {
  at: string;
  passed: number;
  total: number;
  /** 'import': taken from a backup as saved. */
  source?: 'import';
}

/** "Last saved run: 3 of 4 checks passed (2 Dec 2026, 18:40)." plus the imported note when it applies. */
export function savedRunText(run: SavedRun, unit: 'checks' | 'tests'): string {
  const base = `Last saved run: ${run.passed} of ${run.total} ${unit} passed (${formatWhen(run.at)})`;
  return run.source === 'import' ? `${base}, as saved in an imported backup, not re-run here.` : `${base}.`;
}

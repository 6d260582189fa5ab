/**
 * What the submission claims against what the re-run computed. The claim is the
 * learner's last Run as saved (`lastRun`: pass / fail / error per check id); the
 * re-run's grade uses the same saved statuses (a skipped check counts as an error, as
 * lib/session/saved-work.ts saves it), so the two compare check by check.
 */
import type { CheckStatus, GradeReport } from '../grading/contract';
import { tally } from '../grading/contract';
import type { LabWork } from './submission';

export interface Tally {
  passed: number;
  total: number;
}

export interface CheckDifference {
  id: string;
  /** The check's title from the re-run, or its id when the re-run has no such check. */
  title: string;
  /** What the file says; 'absent' when it does not mention the check. */
  claimed: 'pass' | 'fail' | 'error' | 'absent';
  /** What the re-run found; 'absent' when this app's lab has no such check. */
  rerun: 'pass' | 'fail' | 'error' | 'absent';
}

export interface Verdict {
  /** Checks passed in the re-run; null until a re-run finished. */
  verified: Tally | null;
  /** Checks passed in the learner's last Run, as the file says; null when they never ran it. */
  claimed: Tally | null;
  /** True when every check's claimed status is the re-run's; null when there is nothing to compare. */
  agrees: boolean | null;
  differences: CheckDifference[];
  /** One sentence: "Handed in as 9/9, re-run 6/9." */
  summary: string;
}

/** As lib/session/saved-work.ts saves a status: skipped (and anything unfinished) counts as an error. */
const savedStatus = (status: CheckStatus): 'pass' | 'fail' | 'error' => (status === 'pass' || status === 'fail' ? status : 'error');

const finished = (report: GradeReport | null): report is GradeReport => report !== null && (report.status === 'pass' || report.status === 'fail' || report.status === 'error');
const ratio = (t: Tally) => `${t.passed}/${t.total}`;

export function compareClaims(lastRun: LabWork['lastRun'], report: GradeReport | null): Verdict {
  const claimed = lastRun ? { passed: lastRun.passed, total: lastRun.total } : null;
  if (!finished(report)) {
    return { verified: null, claimed, agrees: null, differences: [], summary: claimed ? `Handed in as ${ratio(claimed)}; not re-run yet.` : 'Not run before handing in; not re-run yet.' };
  }
  const verified = tally(report);
  if (!lastRun) return { verified, claimed: null, agrees: null, differences: [], summary: `Not run before handing in; re-run ${ratio(verified)}.` };

  const rerun = new Map<string, { title: string; status: CheckStatus }>(report.checks.map((c) => [c.id, { title: c.title, status: c.status }]));
  const differences: CheckDifference[] = [];
  for (const [id, check] of rerun) {
    const said = Object.prototype.hasOwnProperty.call(lastRun.checks, id) ? lastRun.checks[id] : 'absent';
    const found = savedStatus(check.status);
    if (said !== found) differences.push({ id, title: check.title, claimed: said, rerun: found });
  }
  for (const id of Object.keys(lastRun.checks)) if (!rerun.has(id)) differences.push({ id, title: id, claimed: lastRun.checks[id], rerun: 'absent' });
  // The counts are claims too: a file can list statuses that do not add up to its own total.
  const countsDiffer = claimed!.passed !== verified.passed || claimed!.total !== verified.total;
  const agrees = differences.length === 0 && !countsDiffer;
  const from = lastRun.source === 'import' ? ' (a result the learner imported from a backup, not a Run of theirs)' : '';
  let summary: string;
  if (agrees) summary = `Handed in as ${ratio(claimed!)}${from}; the re-run agrees.`;
  else if (countsDiffer) summary = `Handed in as ${ratio(claimed!)}${from}, re-run ${ratio(verified)}.`;
  else summary = `Handed in as ${ratio(claimed!)}${from}, re-run ${ratio(verified)}, but not the same checks pass.`;
  return { verified, claimed, agrees, differences, summary };
}

/** Code identical to the solution in every file the solution changes (line endings and trailing space aside). */
export function matchesSolution(starter: Record<string, string>, solution: Record<string, string>, files: Record<string, string>): boolean {
  const norm = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trimEnd();
  const changed = Object.keys(solution).filter((path) => solution[path] !== starter[path]);
  return changed.length > 0 && changed.every((path) => norm(files[path] ?? starter[path] ?? '') === norm(solution[path]));
}

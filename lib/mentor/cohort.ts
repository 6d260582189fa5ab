/**
 * The cohort at a glance: learners × labs, from imported submissions and their
 * re-runs. Every figure about checks is the re-run's (verified); what the file claims
 * is kept beside it only to say where the two differ. Sorting and CSV are here so the
 * table component only renders.
 */
import { own } from '../progress/dict';
import { revealTiming, type Reveal } from '../progress/lab-facts';
import type { Integrity, Submission } from './submission';
import type { Tally, Verdict } from './verdicts';

/** A lab as the cohort table needs it, from the mentor's build. */
export interface CohortLab {
  id: string;
  title: string;
  questionIds: string[];
}

/** Where a lab's re-run stands. `unknown-lab`: this app has no such lab, so nothing can be re-run. */
export type RerunState = 'waiting' | 'running' | 'done' | 'stopped' | 'failed' | 'unknown-lab';

export interface CohortInput {
  key: string;
  submission: Submission;
  integrity: Integrity;
  reruns: Record<string, { state: RerunState; verdict: Verdict }>;
}

export interface CohortCell {
  state: RerunState;
  verified: Tally | null;
  claimed: Tally | null;
  agrees: boolean | null;
  answered: number;
  correct: number;
  questionCount: number;
  reveal: Reveal['kind'];
  hints: number;
  activeMs: number;
  resets: number;
  runs: number;
}

export type Timing = 'on-time' | 'late' | 'no-due';

export interface CohortRow {
  key: string;
  learner: string;
  handedInAt: string;
  /** The learner's calendar day when handing in. */
  localDay: string;
  due?: string;
  timing: Timing;
  integrity: Integrity;
  /** Per lab id handed in. */
  cells: Record<string, CohortCell>;
  /** Sums over the labs whose re-run finished. */
  verified: Tally;
  questions: { answered: number; total: number };
  /** Labs where the solution was shown before the first passing Run (or with none). */
  revealedBeforePass: number;
  /** Labs where the solution was shown at all. */
  revealed: number;
  hints: number;
  /** Labs whose claims differ from the re-run. */
  disagreements: number;
}

export function cohortRows(inputs: readonly CohortInput[], labs: readonly CohortLab[]): CohortRow[] {
  const labsById = new Map(labs.map((l) => [l.id, l]));
  return inputs.map(({ key, submission, integrity, reruns }) => {
    const cells: Record<string, CohortCell> = Object.create(null);
    const row: CohortRow = {
      key,
      learner: submission.learner,
      handedInAt: submission.createdAt,
      localDay: submission.localDay,
      due: submission.assignment?.due,
      timing: submission.assignment ? (submission.localDay <= submission.assignment.due ? 'on-time' : 'late') : 'no-due',
      integrity,
      cells,
      verified: { passed: 0, total: 0 },
      questions: { answered: 0, total: 0 },
      revealedBeforePass: 0,
      revealed: 0,
      hints: 0,
      disagreements: 0,
    };
    for (const labId of Object.keys(submission.labs)) {
      const work = submission.labs[labId];
      const rerun = own(reruns, labId);
      const questionIds = labsById.get(labId)?.questionIds ?? [];
      const answers = questionIds.map((q) => own(work.answers, q)).filter((a) => a !== undefined);
      const reveal = revealTiming(work).kind;
      const cell: CohortCell = {
        state: rerun?.state ?? 'waiting',
        verified: rerun?.verdict.verified ?? null,
        claimed: work.lastRun ? { passed: work.lastRun.passed, total: work.lastRun.total } : null,
        agrees: rerun?.verdict.agrees ?? null,
        answered: answers.length,
        correct: answers.filter((a) => a.correct).length,
        questionCount: questionIds.length,
        reveal,
        hints: work.hintsShown.length,
        activeMs: work.activeMs,
        resets: work.resetAt.length,
        runs: work.history?.runs ?? 0,
      };
      cells[labId] = cell;
      if (cell.verified) {
        row.verified.passed += cell.verified.passed;
        row.verified.total += cell.verified.total;
      }
      row.questions.answered += cell.answered;
      row.questions.total += cell.questionCount;
      if (reveal !== 'never') row.revealed++;
      if (reveal === 'before-pass') row.revealedBeforePass++;
      row.hints += cell.hints;
      if (cell.agrees === false) row.disagreements++;
    }
    return row;
  });
}

/** The labs any submission handed in, in the mentor's course order; labs this app lacks come last, by id. */
export function cohortLabs(inputs: readonly CohortInput[], labs: readonly CohortLab[]): CohortLab[] {
  const present = new Set(inputs.flatMap((i) => Object.keys(i.submission.labs)));
  const known = labs.filter((l) => present.has(l.id));
  const unknown = [...present].filter((id) => !labs.some((l) => l.id === id)).sort();
  return [...known, ...unknown.map((id) => ({ id, title: id, questionIds: [] }))];
}

export type SortKey = 'learner' | 'timing' | 'verified' | 'questions' | 'revealed' | 'hints' | 'disagreements' | `lab:${string}`;
export type SortDirection = 'ascending' | 'descending';

const fraction = (t: Tally | null) => (t && t.total > 0 ? t.passed / t.total : -1);

function sortValue(row: CohortRow, key: SortKey): number | string {
  switch (key) {
    case 'learner':
      return row.learner.toLocaleLowerCase();
    case 'timing':
      return row.timing === 'late' ? 2 : row.timing === 'on-time' ? 1 : 0;
    case 'verified':
      return fraction(row.verified);
    case 'questions':
      return row.questions.total > 0 ? row.questions.answered / row.questions.total : -1;
    case 'revealed':
      return row.revealed * 1000 + row.revealedBeforePass;
    case 'hints':
      return row.hints;
    case 'disagreements':
      return row.disagreements;
    default: {
      const cell = own(row.cells, key.slice(4));
      return cell ? fraction(cell.verified) : -2;
    }
  }
}

/** Rows sorted by one column; ties keep learner order, so a sort is stable and predictable. */
export function sortRows(rows: readonly CohortRow[], key: SortKey, direction: SortDirection): CohortRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return a.learner.localeCompare(b.learner) || a.key.localeCompare(b.key);
  });
}

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would read as a formula (=, +,
 * -, @, tab, carriage return first) is prefixed with an apostrophe, because names and
 * titles come from files other people made (OWASP, "CSV injection").
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = [
  'learner',
  'lab_id',
  'lab_title',
  'rerun_state',
  'verified_passed',
  'verified_total',
  'claimed_passed',
  'claimed_total',
  'claims_match_rerun',
  'questions_answered',
  'questions_correct',
  'questions_total',
  'solution_shown',
  'hints_shown',
  'active_minutes',
  'resets',
  'runs',
  'handed_in_at',
  'due',
  'timing',
  'file_integrity',
] as const;

/** The table as CSV, one line per learner and lab (long format, for spreadsheets and scripts). */
export function cohortCsv(rows: readonly CohortRow[], labs: readonly CohortLab[]): string {
  const lines: string[] = [CSV_HEADER.join(',')];
  for (const row of rows) {
    for (const lab of labs) {
      const cell = own(row.cells, lab.id);
      if (!cell) continue;
      lines.push(
        [
          row.learner,
          lab.id,
          lab.title,
          cell.state,
          cell.verified?.passed,
          cell.verified?.total,
          cell.claimed?.passed,
          cell.claimed?.total,
          cell.agrees === null ? '' : cell.agrees ? 'yes' : 'no',
          cell.answered,
          cell.correct,
          cell.questionCount,
          cell.reveal,
          cell.hints,
          Math.round(cell.activeMs / 60_000),
          cell.resets,
          cell.runs,
          row.handedInAt,
          row.due,
          row.timing,
          row.integrity,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}

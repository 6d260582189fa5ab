/**
 * Lab checks as gradable items for the one grader (lib/grading/grade.ts), and which
 * run errors stop a grade before any check runs.
 */
import { grade, type Gradable } from '../grading/grade';
import type { CheckResult, GradeReport } from '../grading/contract';
import type { RunError } from '../runtime/errors';
import type { LabCheck } from './types';

/**
 * Run errors that make every check pointless: the code does not load or never
 * finishes, so each check would report the same thing (a timeout would cost the
 * time limit once per check).
 */
const BLOCKING: ReadonlySet<RunError['kind']> = new Set(['syntax', 'import', 'timeout', 'sandbox']);

export function blocksChecks(error: RunError): boolean {
  return BLOCKING.has(error.kind);
}

/** The one message a grade ends with when the main run failed this way, or undefined when checks can still run. */
export function blockingMessage(error: RunError): string | undefined {
  if (!blocksChecks(error)) return undefined;
  const where = error.file ? ` (${error.file}${error.line ? `:${error.line}` : ''})` : '';
  return `No check ran: ${error.message}${where && !error.message.includes(error.file!) ? where : ''} Fix this first, then Run again.`;
}

/** A lab's checks as items for the grader, each run with the same context. */
export function checkItems<TContext>(checks: readonly LabCheck<TContext>[], context: TContext): Gradable[] {
  return checks.map((check) => ({ id: check.id, title: check.title, task: check.task, hint: check.hint, run: () => check.run(context) }));
}

/** Runs checks to the end (tests, the conformance suite, the bench) and returns their results. */
export async function runChecks<TContext>(
  checks: readonly LabCheck<TContext>[],
  context: TContext,
  onUpdate?: (report: GradeReport) => void,
  signal: AbortSignal = new AbortController().signal,
  /** The order the checks run in (grade's `order`); by default as listed. */
  order?: readonly number[],
  /** How many run at once (grade's `concurrency`, a kind's `checkLanes`); by default one after another. */
  concurrency?: number,
): Promise<CheckResult[]> {
  return (await grade(checkItems(checks, context), { signal, onUpdate, order, concurrency })).checks;
}

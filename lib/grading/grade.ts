/**
 * The one grader: runs gradable items (lab checks of every kind, exercise tests,
 * simulation checks), one after another or a few at once, and reports them in the results contract
 * (contract.ts). Every check is `pending` from the first update, `running` while it
 * runs, then pass / fail / error; a blocking error or a cancel ends the grade with one
 * top-level message and the unfinished checks `skipped`.
 */
import type { CheckResult, GradeReport } from './contract';
import { CheckFailure, GradeBlocked, RunDidNotComplete } from './outcomes';
import { cryptoUnit, shuffled } from '../random';

/** Something the grader can run: a check, a test. */
export interface Gradable {
  /** Stable id; saved progress keeps its status under it. */
  id: string;
  title: string;
  /** The README task (1-based) a lab check belongs to. */
  task?: number;
  /** Exercise tests: an example (true) or a hidden test (false). */
  visible?: boolean;
  /** Shown with a fail. */
  hint?: string;
  /** Resolves on pass; throws CheckFailure, RunDidNotComplete or GradeBlocked otherwise. Every run it starts must honour `signal`. */
  run(signal: AbortSignal): Promise<void>;
}

export interface GradeOptions {
  signal: AbortSignal;
  /** Called with a new report (never mutated afterwards) at every change. */
  onUpdate?(report: GradeReport): void;
  /**
   * The order the items run in: a permutation of their indices (default: as listed).
   * Results stay at their items' places whatever the order. A graded Run draws one
   * (drawOrder), so learner code cannot tell which check it is serving by counting the
   * runs before it (issue 19, section 1).
   */
  order?: readonly number[];
  /**
   * How many items run at once (default 1: one after another). Items start in `order`; a
   * lane that finishes takes the next. With a sandbox per lane, a Run costs about its
   * slowest lane instead of the sum of its items, and the page's share of one item (the
   * upstream mocks, the messages) overlaps the sandbox's share of another. Items must not
   * depend on each other's side effects; lab checks share only memoised runs.
   */
  concurrency?: number;
}

/**
 * A uniformly drawn order for `n` items, from Web Crypto (in the page and in Node): drawn
 * on the host, never seen by learner code.
 */
export function drawOrder(n: number): number[] {
  return shuffled(Array.from({ length: n }, (_, i) => i), cryptoUnit);
}

/** `order` checked to be a permutation of 0…n-1; anything else is a bug in the caller. */
function runOrder(n: number, order: readonly number[] | undefined): readonly number[] {
  if (order === undefined) return Array.from({ length: n }, (_, i) => i);
  const seen = new Set(order);
  if (order.length !== n || seen.size !== n || order.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
    throw new RangeError(`grade: order must be a permutation of 0…${n - 1}, got [${order.join(', ')}]`);
  }
  return order;
}

/** The message of a cancelled grade. */
export const CANCELLED_MESSAGE = 'You cancelled this run. Press Run to start again.';

const entry = (item: Omit<Gradable, 'run'>): CheckResult => ({
  id: item.id,
  title: item.title,
  ...(item.task !== undefined ? { task: item.task } : {}),
  ...(item.visible !== undefined ? { visible: item.visible } : {}),
  status: 'pending',
  durationMs: 0,
});

/** Every item `pending`: what shows from the moment Run is pressed. */
export function pendingReport(items: readonly Omit<Gradable, 'run'>[]): GradeReport {
  return { status: 'running', checks: items.map(entry) };
}

const unfinished = (c: CheckResult) => c.status === 'pending' || c.status === 'running';

/** The grade ends in `error` with one message; checks that had not finished are `skipped`. */
export function blockedReport(report: GradeReport, message: string, durationMs?: number): GradeReport {
  return { status: 'error', message, checks: report.checks.map((c) => (unfinished(c) ? { ...c, status: 'skipped', durationMs: 0 } : c)), ...(durationMs !== undefined ? { durationMs } : {}) };
}

/** The grade was cancelled; checks that had not finished are `skipped`. */
export function cancelledReport(report: GradeReport, durationMs?: number): GradeReport {
  return { ...blockedReport(report, CANCELLED_MESSAGE, durationMs), status: 'cancelled' };
}

/** pass when every check passed, fail otherwise (Exercism: `error` is only for code that cannot run). */
function finalStatus(checks: readonly CheckResult[]): GradeReport['status'] {
  return checks.every((c) => c.status === 'pass') ? 'pass' : 'fail';
}

/** Rejects when `signal` aborts, so a check that ignores its signal cannot hold up a cancel. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Turns how an item ended into its result. */
function outcome(item: Gradable, err: unknown): Pick<CheckResult, 'status' | 'expected' | 'actual' | 'hint'> {
  if (err instanceof CheckFailure) {
    return { status: 'fail', ...(err.expected ? { expected: err.expected } : {}), actual: err.actual, ...(item.hint ? { hint: item.hint } : {}) };
  }
  if (err instanceof RunDidNotComplete) return { status: 'error', actual: err.summary, ...(err.hint ? { hint: err.hint } : {}) };
  return { status: 'error', actual: `The check itself failed: ${err instanceof Error ? err.message : String(err)}. Please report this.` };
}

/**
 * Runs `items` (in `options.order`, by default as listed; `options.concurrency` at a time,
 * by default one after another) and returns the final report. Never throws for anything an
 * item does. `start` is a report to continue from (e.g. the pending one the session
 * already showed); by default every item starts pending.
 *
 * A cancel or a blocking error ends the grade at once: the report says so, unfinished
 * items are `skipped`, and whatever items still running do later is ignored (their runs
 * honour `signal`, and a session closes their sandboxes when the grade ends).
 */
export async function grade(items: readonly Gradable[], options: GradeOptions, start: GradeReport = pendingReport(items)): Promise<GradeReport> {
  const { signal, onUpdate } = options;
  const order = runOrder(items.length, options.order);
  const lanes = Math.max(1, Math.min(items.length, Math.floor(options.concurrency ?? 1)));
  const began = performance.now();
  const elapsed = () => Math.round(performance.now() - began);
  let report: GradeReport = { ...start, status: 'running' };
  const emit = (next: GradeReport) => {
    report = next;
    onUpdate?.(report);
    return report;
  };
  const setCheck = (index: number, change: Partial<CheckResult>) => {
    const checks = report.checks.slice();
    checks[index] = { ...checks[index], ...change };
    emit({ ...report, checks });
  };
  emit(report);
  const aborted = untilAborted(signal);
  aborted.catch(() => undefined);

  /** The final report once a cancel or a blocking error ended the grade early. */
  let ended: GradeReport | null = null;
  let onEnded: (final: GradeReport) => void = () => undefined;
  const endedEarly = new Promise<GradeReport>((resolve) => (onEnded = resolve));
  const end = (final: GradeReport) => {
    if (!ended) onEnded((ended = emit(final)));
  };

  let next = 0;
  const lane = async () => {
    while (!ended && next < order.length) {
      if (signal.aborted) return end(cancelledReport(report, elapsed()));
      const i = order[next++];
      const item = items[i];
      setCheck(i, { status: 'running' });
      const started = performance.now();
      let err: unknown = null;
      let passed = false;
      try {
        await Promise.race([item.run(signal), aborted]);
        passed = true;
      } catch (thrown) {
        err = thrown;
      }
      if (ended) return;
      if (signal.aborted) return end(cancelledReport(report, elapsed()));
      const durationMs = Math.round(performance.now() - started);
      if (err instanceof GradeBlocked) return end(blockedReport(report, err.message, elapsed()));
      setCheck(i, passed ? { status: 'pass', durationMs } : { ...outcome(item, err), durationMs });
    }
  };
  await Promise.race([Promise.all(Array.from({ length: lanes }, lane)), endedEarly]);
  return ended ?? emit({ ...report, status: finalStatus(report.checks), durationMs: elapsed() });
}

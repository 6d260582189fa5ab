/**
 * Runs a lab's checks one after another and turns each outcome into data:
 * pass, fail (with expected / actual), or error (the handler did not complete, or
 * the check itself broke).
 */
import type { RunError } from '../runtime/errors';
import { CheckFailure, RunDidNotComplete } from './assert';
import type { CheckContext, CheckResult, LabCheck } from './types';

/**
 * Run errors that make every check pointless: the code does not load or never
 * finishes, so each check would report the same thing (a timeout would cost the
 * time limit once per check).
 */
const BLOCKING: ReadonlySet<RunError['kind']> = new Set(['syntax', 'import', 'timeout', 'sandbox']);

export function blocksChecks(error: RunError): boolean {
  return BLOCKING.has(error.kind);
}

/** Every check as an error that names the run error, without running any of them. */
export function checksNotRun(checks: readonly LabCheck[], error: RunError): CheckResult[] {
  return checks.map((c) => ({ id: c.id, task: c.task, title: c.title, status: 'error', actual: `Not run: ${error.message}`, hint: 'Fix the run error first.', durationMs: 0 }));
}

export async function runChecks(checks: readonly LabCheck[], ctx: CheckContext, onResult?: (result: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const result = await runCheck(check, ctx);
    results.push(result);
    onResult?.(result);
  }
  return results;
}

export async function runCheck(check: LabCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = performance.now();
  const base = { id: check.id, task: check.task, title: check.title };
  const done = (rest: Omit<CheckResult, 'id' | 'task' | 'title' | 'durationMs'>): CheckResult => ({
    ...base,
    ...rest,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    await check.run(ctx);
    return done({ status: 'pass' });
  } catch (err) {
    if (err instanceof CheckFailure) return done({ status: 'fail', expected: err.expected, actual: err.actual, hint: check.hint });
    if (err instanceof RunDidNotComplete) {
      return done({ status: 'error', actual: `The handler did not complete: ${err.runError.message}`, hint: 'The handler threw or stopped while this check ran it; the message says what and where.' });
    }
    return done({ status: 'error', actual: `The check itself failed: ${err instanceof Error ? err.message : String(err)}. Please report this.` });
  }
}

/**
 * How a gradable item ends when it does not pass. Checks throw these; the grader
 * (grade.ts) turns each into a result. Anything else a check throws is a bug in the
 * check, reported as such.
 */
import type { RunError } from '../runtime/errors';

/** The check's expectation was not met. `expected` may be empty when the message says it all (an exercise's behaviour). */
export class CheckFailure extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(expected ? `Expected ${expected}, but ${actual}` : actual);
    this.name = 'CheckFailure';
  }
}

/** The learner's code did not produce an answer at all (syntax error, crash, timeout...). */
export class RunDidNotComplete extends Error {
  /** What the result says went wrong; by default "The handler did not complete: <the run error>". */
  readonly summary: string;
  /** Where to look; by default a hint about a handler that threw or stopped. */
  readonly hint: string | undefined;

  constructor(readonly runError: RunError, options: { summary?: string; hint?: string | null } = {}) {
    super(runError.message);
    this.name = 'RunDidNotComplete';
    this.summary = options.summary ?? `The handler did not complete: ${runError.message}`;
    this.hint = options.hint === null ? undefined : options.hint ?? 'The handler threw or stopped while this check ran it; the message says what and where.';
  }
}

/**
 * Nothing more can be graded: the code does not load, or the sandbox failed. Thrown by
 * an item, it ends the whole grade with top-level status `error` and this one message.
 */
export class GradeBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GradeBlocked';
  }
}

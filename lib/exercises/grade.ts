/**
 * Grades an exercise with the one grader (lib/grading/grade.ts): one sandbox run per
 * test (a fresh module instance each time, so tests cannot leak state into each
 * other), then the test's check in the host. A wrong behaviour is a `fail` with the
 * behaviour in `actual`; code that does not load ends the grade with one message.
 * Never throws for anything the learner's code does.
 */
import { grade, type Gradable } from '../grading/grade';
import type { GradeReport } from '../grading/contract';
import { CheckFailure, GradeBlocked, RunDidNotComplete } from '../grading/outcomes';
import type { RunError } from '../runtime/errors';
import { exerciseObservationsSchema } from '../runtime/exercise/script';
import type { SandboxRunner, UpstreamResolver } from '../runtime/sandbox/host';
import { BehaviourFailure, Observed } from './observed';
import type { ExerciseTest } from './types';

export interface GradeInput {
  files: Record<string, string>;
  entry: string;
  /** Per test run; the sandbox kills the run 400 ms after it. */
  timeLimitMs: number;
}

/** Errors that make every later test pointless: the code does not load. */
const BLOCKING: ReadonlySet<RunError['kind']> = new Set(['syntax', 'import', 'sandbox']);

/** Exercises have no upstream: any fetch is refused with a message saying so. */
const noUpstream: UpstreamResolver = async (request) => {
  throw new Error(`Blocked: ${request.method} ${request.url}. Exercises run without network access; use the dependencies passed to your code.`);
};

/** One gradable item per test: its sandbox run, then its check on what was observed. */
export function exerciseItems(sandbox: SandboxRunner, input: GradeInput, tests: readonly ExerciseTest[]): Gradable[] {
  return tests.map((test) => ({
    id: test.id,
    title: test.title,
    visible: test.visible,
    async run(signal) {
      const raw = await sandbox.run({ files: input.files, entry: input.entry, invocation: 'exercise', request: test.script, upstream: noUpstream, timeLimitMs: input.timeLimitMs, signal });
      if (!raw.output.ok) {
        const error = raw.output.error;
        if (BLOCKING.has(error.kind)) throw new GradeBlocked(`No test ran: ${error.message} Fix this first, then run the tests again.`);
        const summary =
          error.kind === 'timeout'
            ? `Your code did not finish within ${input.timeLimitMs} ms and was stopped. Look for a loop that never ends, or waiting that does not use the clock you were given.`
            : error.message;
        throw new RunDidNotComplete(error, { summary, hint: null });
      }
      const parsed = exerciseObservationsSchema.safeParse(raw.output.value);
      if (!parsed.success) throw new RunDidNotComplete({ kind: 'sandbox', message: 'unexpected answer' }, { summary: 'The sandbox sent back something that is not a test observation. Please report this.', hint: null });
      try {
        test.check(new Observed(parsed.data));
      } catch (err) {
        // The behaviour message says it all: there is no separate "expected".
        if (err instanceof BehaviourFailure) throw new CheckFailure('', err.message);
        throw err;
      }
    },
  }));
}

/** Runs every test to the end (or until `signal` aborts) and returns the report. */
export function gradeExercise(
  sandbox: SandboxRunner,
  input: GradeInput,
  tests: readonly ExerciseTest[],
  options: { signal?: AbortSignal; onUpdate?: (report: GradeReport) => void } = {},
): Promise<GradeReport> {
  return grade(exerciseItems(sandbox, input, tests), { signal: options.signal ?? new AbortController().signal, onUpdate: options.onUpdate });
}

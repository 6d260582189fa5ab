/**
 * Grades an exercise: one sandbox run per test (a fresh module instance each time,
 * so tests cannot leak state into each other), then the test's check in the host.
 * Results are data: pass, fail with a behaviour message, or error when the code could
 * not run at all. Never throws for anything the learner's code does.
 */
import type { RunError } from '../runtime/errors';
import { exerciseObservationsSchema } from '../runtime/exercise/script';
import type { SandboxHost, UpstreamResolver } from '../runtime/sandbox/host';
import { BehaviourFailure, Observed } from './observed';
import type { ExerciseTest, TestResult } from './types';

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

export async function gradeExercise(sandbox: SandboxHost, input: GradeInput, tests: readonly ExerciseTest[], onResult?: (result: TestResult, index: number) => void): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const push = (result: TestResult) => {
    results.push(result);
    onResult?.(result, results.length - 1);
  };
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i];
    const base = { id: test.id, title: test.title, visible: test.visible };
    const started = performance.now();
    const raw = await sandbox.run({ files: input.files, entry: input.entry, invocation: 'exercise', request: test.script, upstream: noUpstream, timeLimitMs: input.timeLimitMs });
    const durationMs = Math.round(performance.now() - started);
    if (!raw.output.ok) {
      const error = raw.output.error;
      if (BLOCKING.has(error.kind)) {
        for (const rest of tests.slice(i)) push({ id: rest.id, title: rest.title, visible: rest.visible, status: 'error', message: `Not run: ${error.message}`, durationMs: 0 });
        break;
      }
      const message =
        error.kind === 'timeout'
          ? `Your code did not finish within ${input.timeLimitMs} ms and was stopped. Look for a loop that never ends, or waiting that does not use the clock you were given.`
          : error.message;
      push({ ...base, status: 'error', message, durationMs });
      continue;
    }
    const parsed = exerciseObservationsSchema.safeParse(raw.output.value);
    if (!parsed.success) {
      push({ ...base, status: 'error', message: 'The sandbox sent back something that is not a test observation. Please report this.', durationMs });
      continue;
    }
    try {
      test.check(new Observed(parsed.data));
      push({ ...base, status: 'pass', durationMs });
    } catch (err) {
      if (err instanceof BehaviourFailure) push({ ...base, status: 'fail', message: err.message, durationMs });
      else push({ ...base, status: 'error', message: `The test itself failed: ${err instanceof Error ? err.message : String(err)}. Please report this.`, durationMs });
    }
  }
  return results;
}

/**
 * Exercise tests: each runs a script of operations against the learner's exports in
 * the sandbox, then checks what was observed, here in the host.
 */
import type { ExerciseScript } from '../runtime/exercise/script';
import type { Observed } from './observed';

export interface ExerciseTest {
  /** Stable id (kebab-case). A visible test is described in exercise.json under the same id. */
  id: string;
  /** The behaviour it proves, in a few words: "An entry expires after its TTL". */
  title: string;
  /** Visible tests are examples the learner reads; hidden ones show only their title and, on failure, what went wrong. */
  visible: boolean;
  /** What to run in the sandbox. */
  script: ExerciseScript;
  /** Throws BehaviourFailure (via `behave`) when the observations show wrong behaviour. */
  check(observed: Observed): void;
}

/** Checks ids are unique and kebab-case; returns the list, for `export default defineTests([...])`. */
export function defineTests(tests: ExerciseTest[]): ExerciseTest[] {
  const seen = new Set<string>();
  for (const test of tests) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(test.id)) throw new Error(`Exercise test id "${test.id}" must be kebab-case.`);
    if (seen.has(test.id)) throw new Error(`Exercise test id "${test.id}" is used twice.`);
    seen.add(test.id);
  }
  return tests;
}

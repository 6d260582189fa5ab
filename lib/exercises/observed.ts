/**
 * What tests read: the observations a script produced in the sandbox, with helpers
 * that turn "the code threw" or "it never finished" into a behaviour message. Tests
 * run in the host, on data parsed with zod; learner code never sees them.
 */
import type { CallRecord, ExerciseObservations, ObservedError, ObservedOutcome, PromiseState } from '../runtime/exercise/script';

/** The learner's code did not behave as the test requires. The message says how, in behaviour terms. */
export class BehaviourFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BehaviourFailure';
  }
}

/** Fails the test with `message` (what was wrong, not how the test works) unless `condition` holds. */
export function behave(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new BehaviourFailure(typeof message === 'function' ? message() : message);
}

/** Turns the wire markers back into values: `{ $undefined: true }` becomes undefined. */
export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.$undefined === true && Object.keys(record).length === 1) return undefined;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
}

/** A short, readable rendering of an observed value for messages. */
export function show(value: unknown, max = 120): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function describeError(error: ObservedError): string {
  return `${error.name}: ${error.message}`;
}

export class Observed {
  constructor(readonly raw: ExerciseObservations) {}

  /** The outcome of the op with this id. A missing id is a bug in the test, not in the learner's code. */
  outcome(id: string): ObservedOutcome & { atMs: number } {
    const result = this.raw.results.find((r) => r.id === id);
    if (!result) {
      if (this.raw.stoppedEarly) throw new BehaviourFailure(`The code did not get that far: ${this.raw.stoppedEarly}`);
      throw new Error(`The test reads a result "${id}" that its script never produced.`);
    }
    return { ...result.outcome, atMs: result.atMs };
  }

  /** The value an op returned (or resolved to). Fails, naming `what`, when it threw or never finished. */
  value(id: string, what: string): unknown {
    const outcome = this.outcome(id);
    if (outcome.status === 'error') throw new BehaviourFailure(`${what} threw ${describeError(outcome.error)}`);
    if (outcome.status === 'pending') throw new BehaviourFailure(`${what} never finished: it ${outcome.note}`);
    return decode(outcome.value);
  }

  /** The error an op threw (or rejected with); fails, naming `what`, when it succeeded or never finished. */
  error(id: string, what: string): ObservedError {
    const outcome = this.outcome(id);
    if (outcome.status === 'value') throw new BehaviourFailure(`${what} succeeded (with ${show(decode(outcome.value))}) but should have failed`);
    if (outcome.status === 'pending') throw new BehaviourFailure(`${what} never finished: it ${outcome.note}`);
    return outcome.error;
  }

  /** Calls of a scripted function (or mock method, `conn-1.close`), with decoded arguments. */
  calls(name: string): CallRecord[] {
    return (this.raw.calls[name] ?? []).map((c) => ({ atMs: c.atMs, args: c.args.map(decode) }));
  }

  /** How many times it was called in all (more than `calls` keeps). */
  count(name: string): number {
    return this.raw.callCounts[name] ?? 0;
  }

  /** A promise kept by a `start` op. */
  promise(slot: string): PromiseState {
    const state = this.raw.promises[slot];
    if (!state) throw new Error(`The test reads a promise "${slot}" that its script never started.`);
    return state;
  }
}

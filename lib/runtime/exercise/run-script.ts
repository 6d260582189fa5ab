/**
 * Runs an exercise script (see ./script.ts) against the learner's module exports and
 * returns what happened as plain data. Platform-neutral: the sandbox worker calls it
 * through `execute`, and unit tests call it directly. It never throws: learner errors
 * become `error` outcomes, and a script that cannot be read is reported as such.
 *
 * In the sandbox the script never enters the learner's realm whole: the worker asks the
 * host for one step at a time (a `ScriptSource`), after the step before has finished, so
 * code under test can see at most the steps already taken (which it was called with
 * anyway), never a later call, its inputs or the next hidden test.
 */
import { mulberry32 } from '../../random';
import { RunFailure } from '../errors';
import { createSettler, FakeClock } from './fake-clock';
import { describeError, toJsonValue } from './serialize';
import {
  exerciseScriptSchema,
  opSchema,
  type CallRecord,
  type ExerciseObservations,
  type ObservedOutcome,
  type OpResult,
  type OutcomeSpec,
  type PromiseState,
} from './script';

/** Timers the clock may fire while one op waits for a promise, before giving up on it. */
export const MAX_TIMERS_PER_WAIT = 1000;
/** Calls recorded per scripted function; later ones are only counted. */
const MAX_RECORDED_CALLS = 300;

/** The run's context (a HandlerContext in the sandbox): its signal aborts at the time limit; the `ctx` slot offers it to code. */
export interface ScriptContext {
  signal: AbortSignal;
}

/** A mistake in the test script itself (ours, not the learner's): reported as a sandbox error. */
export class ScriptError extends RunFailure {
  constructor(message: string) {
    super({ kind: 'sandbox', message: `The exercise's test script has a problem (please report it): ${message}` });
  }
}

/**
 * A step needs the result of an earlier call that failed (or never finished), so the
 * script cannot go on. That is the learner's code failing, not a script bug: the run
 * stops, and every result the test reads after it says the code did not get that far.
 */
class StopScript extends Error {}

/** What `stoppedEarly` says when a step needs the result of a call that failed. */
export const NEEDED_RESULT_FAILED = 'an earlier call failed or never finished, and the steps that needed its result could not run.';

interface Tracked {
  promise: Promise<unknown>;
  state: PromiseState;
}

/**
 * Where a run's steps come from: in the sandbox, the host, one step at a time
 * (lib/runtime/sandbox/run-protocol.ts); in unit tests, a whole script
 * (`scriptFromObject`). `step(i)` is only asked for after step `i - 1` has finished;
 * it resolves to the raw op (validated here), or `undefined` past the end.
 */
export interface ScriptSource {
  /** How many steps the script has. */
  length: number;
  step(index: number): Promise<unknown>;
}

const issuesOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');

/** A whole script as a source. Throws ScriptError when it is not a valid script. */
export function scriptFromObject(rawScript: unknown): ScriptSource {
  const parsed = exerciseScriptSchema.safeParse(rawScript);
  if (!parsed.success) throw new ScriptError(`The exercise script is invalid: ${issuesOf(parsed.error.issues)}`);
  const ops = parsed.data.ops;
  return { length: ops.length, step: async (index) => ops[index] };
}

export async function runExerciseScript(exports: Record<string, unknown>, script: ScriptSource, context: ScriptContext): Promise<ExerciseObservations> {
  const clock = new FakeClock();
  const { settle, close } = createSettler();
  const slots = new Map<string, unknown>([
    ['clock', clock.api],
    ['ctx', context],
  ]);
  const names = new WeakMap<object, string>();
  const nameOf = (value: object) => names.get(value);
  const calls: Record<string, CallRecord[]> = {};
  const callCounts: Record<string, number> = {};
  const tracked = new Map<string, Tracked>();
  const results: OpResult[] = [];
  const stray: ExerciseObservations['stray'] = [];
  const mockCounters = new Map<string, number>();
  let stoppedEarly: string | undefined;
  /** Slots an op should have set, but its call failed or never finished. */
  const unset = new Set<string>();
  const missing = (name: string, problem: string): never => {
    if (unset.has(name)) throw new StopScript(NEEDED_RESULT_FAILED);
    throw new ScriptError(problem);
  };

  const observe = (value: unknown) => toJsonValue(value, nameOf);
  const errorOf = (thrown: unknown) => describeError(thrown, nameOf);

  /** A function that records each call and answers from its script; the last outcome repeats. */
  const scripted = (name: string, outcomes: OutcomeSpec[]) => {
    let count = 0;
    calls[name] ??= [];
    const fn = (...args: unknown[]) => {
      callCounts[name] = (callCounts[name] ?? 0) + 1;
      if (calls[name].length < MAX_RECORDED_CALLS) calls[name].push({ atMs: clock.elapsed, args: args.slice(0, 20).map(observe) });
      return produce(outcomes[Math.min(count++, outcomes.length - 1)]);
    };
    names.set(fn, name);
    return fn;
  };

  const makeError = (spec: OutcomeSpec['error']) => {
    const error = new Error(spec?.message ?? 'scripted failure') as Error & Record<string, unknown>;
    error.name = spec?.name ?? 'Error';
    Object.assign(error, materialize(spec?.props ?? {}));
    return error;
  };

  const produce = (outcome: OutcomeSpec): unknown => {
    switch (outcome.kind) {
      case 'return':
        return materialize(outcome.value);
      case 'throw':
        throw makeError(outcome.error);
      case 'hang':
        return new Promise(() => undefined);
      case 'resolve':
      case 'reject': {
        const settleWith = (resolve: (v: unknown) => void, reject: (e: unknown) => void) =>
          outcome.kind === 'resolve' ? resolve(materialize(outcome.value)) : reject(makeError(outcome.error));
        if (!outcome.afterMs) return new Promise(settleWith);
        return new Promise((resolve, reject) => clock.api.setTimeout(() => settleWith(resolve, reject), outcome.afterMs!));
      }
    }
  };

  /** Resolves the markers in a script value: $ref, $undefined, $mock. */
  const materialize = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(materialize);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string') {
      if (!slots.has(record.$ref)) missing(record.$ref, `The script refers to "${record.$ref}", which was never set.`);
      return slots.get(record.$ref);
    }
    if (record.$undefined === true) return undefined;
    if (record.$mock && typeof record.$mock === 'object') {
      const spec = record.$mock as { prefix?: string; methods?: Record<string, OutcomeSpec[]>; props?: Record<string, unknown> };
      const prefix = spec.prefix ?? 'mock';
      const n = (mockCounters.get(prefix) ?? 0) + 1;
      mockCounters.set(prefix, n);
      const id = `${prefix}-${n}`;
      const mock: Record<string, unknown> = { id, ...(materialize(spec.props ?? {}) as object) };
      for (const [method, outcomes] of Object.entries(spec.methods ?? {})) mock[method] = scripted(`${id}.${method}`, outcomes);
      names.set(mock, id);
      return mock;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, materialize(v)]));
  };

  const track = (promise: Promise<unknown>): Tracked => {
    const entry: Tracked = { promise, state: { state: 'pending', outcome: { status: 'pending', note: 'has not settled' } } };
    promise.then(
      (value) => (entry.state = { state: 'resolved', atMs: clock.elapsed, outcome: { status: 'value', value: observe(value) } }),
      (err) => (entry.state = { state: 'rejected', atMs: clock.elapsed, outcome: { status: 'error', error: errorOf(err) } }),
    );
    return entry;
  };

  /**
   * Runs the clock until the promise settles: settle microtasks, fire the next timer,
   * repeat. With `realTime`, waits for real events (upstream answers) when the clock
   * has nothing left.
   */
  const waitFor = async (entry: Tracked, realTime: boolean): Promise<ObservedOutcome> => {
    for (let fired = 0; ; ) {
      await settle();
      if (entry.state.state !== 'pending') return entry.state.outcome;
      if (context.signal.aborted) return { status: 'pending', note: 'still waiting when the run reached its time limit' };
      if (clock.pendingTimers > 0) {
        if (fired++ >= MAX_TIMERS_PER_WAIT) {
          return { status: 'pending', note: `still not settled after ${MAX_TIMERS_PER_WAIT} timers fired (${clock.elapsed} ms of fake time had passed)` };
        }
        clock.fireNext();
        continue;
      }
      if (!realTime) return { status: 'pending', note: 'never settled, and nothing was left on the clock to wait for' };
      await Promise.race([entry.promise.catch(() => undefined), new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }))]);
    }
  };

  const slot = (name: string): unknown => {
    if (!slots.has(name)) missing(name, `The script uses "${name}" before setting it.`);
    return slots.get(name);
  };

  const exported = (name: string): unknown => {
    if (!Object.prototype.hasOwnProperty.call(exports, name)) {
      const error = new Error(`The code does not export ${name}. It exports: ${Object.keys(exports).join(', ') || 'nothing'}.`);
      error.name = 'MissingExport';
      throw error;
    }
    return exports[name];
  };

  try {
    for (let index = 0; index < script.length; index++) {
      if (context.signal.aborted) {
        stoppedEarly = `The run reached its time limit before step ${index + 1} of ${script.length}.`;
        break;
      }
      const checked = opSchema.safeParse(await script.step(index));
      if (!checked.success) throw new ScriptError(`The exercise script is invalid: step ${index + 1}: ${issuesOf(checked.error.issues)}`);
      const op = checked.data;
      const record = (outcome: ObservedOutcome) => results.push({ index, id: 'id' in op ? op.id : undefined, atMs: clock.elapsed, outcome });
      switch (op.op) {
        case 'random': {
          const values = op.values;
          let i = 0;
          // Listed values in turn (the last repeats), else a small seeded generator.
          const random = values?.length ? () => values[Math.min(i++, values.length - 1)] : mulberry32(op.seed ?? 1);
          names.set(random, op.as);
          slots.set(op.as, random);
          break;
        }
        case 'fn':
          slots.set(op.as, scripted(op.as, op.outcomes));
          break;
        case 'controller': {
          const controller = new AbortController();
          slots.set(op.as, controller.signal);
          slots.set(`${op.as}.controller`, controller);
          break;
        }
        case 'abort': {
          (slot(`${op.target}.controller`) as AbortController).abort(new DOMException('The operation was aborted.', 'AbortError'));
          await settle();
          break;
        }
        case 'new': {
          try {
            const Ctor = exported(op.export) as new (...args: unknown[]) => unknown;
            if (typeof Ctor !== 'function') throw new TypeError(`${op.export} is not a class.`);
            const instance = new Ctor(...(materialize(op.args) as unknown[]));
            if (op.as) slots.set(op.as, instance);
            record({ status: 'value', value: observe(instance) });
          } catch (err) {
            if (err instanceof ScriptError || err instanceof StopScript) throw err;
            if (op.as) unset.add(op.as);
            record({ status: 'error', error: errorOf(err) });
          }
          break;
        }
        case 'call': {
          let returned: unknown;
          try {
            const args = materialize(op.args) as unknown[];
            const owner = op.target !== undefined ? slot(op.target) : op.method ? exported(op.export ?? '') : undefined;
            const fn = op.method ? (owner as Record<string, unknown> | null)?.[op.method] : op.target !== undefined ? owner : exported(op.export ?? '');
            if (typeof fn !== 'function') {
              throw new TypeError(`${op.method ?? op.export ?? op.target} is not a function (it is ${fn === null ? 'null' : typeof fn}).`);
            }
            returned = (fn as (...a: unknown[]) => unknown).apply(op.method ? owner : undefined, args);
          } catch (err) {
            if (err instanceof ScriptError || err instanceof StopScript) throw err;
            if (op.as) unset.add(op.as);
            record({ status: 'error', error: errorOf(err) });
            break;
          }
          const isPromise = typeof (returned as { then?: unknown } | null)?.then === 'function';
          if (op.mode === 'start') {
            const entry = track(isPromise ? Promise.resolve(returned) : Promise.resolve(returned));
            if (op.as) tracked.set(op.as, entry);
            await settle();
            record({ status: 'value', value: { $promise: true } });
            break;
          }
          if (op.mode === 'sync' || !isPromise) {
            if (op.as) slots.set(op.as, returned);
            record({ status: 'value', value: op.observe ? observe(returned) : null });
            await settle();
            break;
          }
          const entry = track(Promise.resolve(returned));
          const outcome = await waitFor(entry, op.realTime);
          if (op.as && outcome.status === 'value') slots.set(op.as, await entry.promise);
          else if (op.as) unset.add(op.as);
          record(op.observe || outcome.status !== 'value' ? outcome : { status: 'value', value: null });
          break;
        }
        case 'settle': {
          const entry = tracked.get(op.target);
          if (!entry) missing(op.target, `The script settles "${op.target}", which no start op kept.`);
          const outcome = await waitFor(entry!, false);
          if (outcome.status === 'value') slots.set(op.target, await entry!.promise);
          else unset.add(op.target);
          record(outcome);
          break;
        }
        case 'advance':
          await clock.advance(op.ms, settle);
          break;
        case 'get': {
          try {
            let value = slot(op.target);
            for (const key of op.path) value = (value as Record<string, unknown> | null | undefined)?.[key];
            record({ status: 'value', value: observe(value) });
          } catch (err) {
            if (err instanceof ScriptError || err instanceof StopScript) throw err;
            record({ status: 'error', error: errorOf(err) });
          }
          break;
        }
      }
    }
  } catch (err) {
    if (!(err instanceof StopScript)) throw err;
    stoppedEarly = err.message;
  } finally {
    close();
  }

  for (const err of clock.callbackErrors.slice(0, 50)) stray.push(errorOf(err));
  return {
    kind: 'exercise-observations',
    results,
    calls,
    callCounts,
    promises: Object.fromEntries([...tracked].map(([name, entry]) => [name, entry.state])),
    elapsedMs: clock.elapsed,
    pendingTimers: clock.pendingTimers,
    stray,
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}

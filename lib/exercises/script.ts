/**
 * Small builders for exercise scripts, so tests.ts files read like the code they
 * exercise: `call('cache', 'get', ['a'], { id: 'read' })`.
 */
import type { ErrorSpec, Op, OutcomeSpec } from '../runtime/exercise/script';

type CallOptions = { id?: string; as?: string; mode?: 'sync' | 'await' | 'start'; realTime?: boolean; observe?: boolean };

/** A reference to a slot: `clock`, `ctx`, or something the script kept. */
export const ref = (name: string) => ({ $ref: name });
/** The value undefined, inside args. */
export const UNDEFINED = { $undefined: true };
/** A mock object made each time it is produced; its methods answer from their scripts. */
export const mock = (prefix: string, methods: Record<string, OutcomeSpec[]>, props: Record<string, unknown> = {}) => ({ $mock: { prefix, methods, props } });

export const returns = (value?: unknown): OutcomeSpec => ({ kind: 'return', value: value === undefined ? UNDEFINED : value });
export const resolves = (value?: unknown, afterMs?: number): OutcomeSpec => ({ kind: 'resolve', value: value === undefined ? UNDEFINED : value, afterMs });
export const throws = (error: ErrorSpec): OutcomeSpec => ({ kind: 'throw', error });
export const rejects = (error: ErrorSpec, afterMs?: number): OutcomeSpec => ({ kind: 'reject', error, afterMs });
export const hangs = (): OutcomeSpec => ({ kind: 'hang' });

export const fn = (as: string, ...outcomes: OutcomeSpec[]): Op => ({ op: 'fn', as, outcomes: outcomes.length ? outcomes : [returns()] });
export const construct = (exportName: string, args: unknown[], as: string, id = `new-${as}`): Op => ({ op: 'new', export: exportName, args, as, id });
/** Calls `target.method(...args)`; with `method` null, calls the function in `target`. */
export const call = (target: string, method: string | null, args: unknown[] = [], options: CallOptions = {}): Op => ({
  op: 'call',
  target,
  ...(method ? { method } : {}),
  args,
  ...options,
});
/** Calls an exported function. */
export const callExport = (exportName: string, args: unknown[] = [], options: CallOptions = {}): Op => ({ op: 'call', export: exportName, args, ...options });
export const advance = (ms: number): Op => ({ op: 'advance', ms });
export const settle = (target: string, id?: string): Op => ({ op: 'settle', target, id });
export const get = (target: string, path: string[], id: string): Op => ({ op: 'get', target, path, id });
export const random = (as: string, values: number[]): Op => ({ op: 'random', as, values });
export const controller = (as: string): Op => ({ op: 'controller', as });
export const abort = (target: string): Op => ({ op: 'abort', target });

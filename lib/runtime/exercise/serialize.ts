/**
 * Turns whatever learner code returns or passes into plain, bounded JSON that can
 * cross to the host. Nothing here calls learner code except property getters of
 * plain objects, and every walk is limited in depth and size.
 */
import type { ObservedError } from './script';

const MAX_DEPTH = 8;
const MAX_NODES = 5000;
const MAX_STRING = 2000;
const MAX_ITEMS = 200;

/** Names mock objects and scripted functions, so they serialize as `{ $mock: 'conn-1' }`. */
export type NameOf = (value: object) => string | undefined;

export function toJsonValue(value: unknown, nameOf: NameOf = () => undefined): unknown {
  let nodes = 0;
  const seen = new Set<object>();

  const walk = (v: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES) return '[too large]';
    if (v === undefined) return { $undefined: true };
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
    if (typeof v === 'string') return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    if (typeof v === 'symbol') return { $symbol: v.description ?? '' };
    const named = nameOf(v as object);
    if (typeof v === 'function') return named ? { $fn: named } : { $fn: v.name || 'anonymous' };
    if (named) return { $mock: named };
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (seen.has(v as object)) return '[circular]';
    seen.add(v as object);
    try {
      if (v instanceof Error) return { $error: describeError(v) };
      if (typeof (v as { then?: unknown }).then === 'function') return { $promise: true };
      if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1));
      if (v instanceof Map) return { $map: [...v.entries()].slice(0, MAX_ITEMS).map(([k, val]) => [walk(k, depth + 1), walk(val, depth + 1)]) };
      if (v instanceof Set) return { $set: [...v.values()].slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1)) };
      if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString() };
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        // A class instance (a cache, a pool...): its name is what a test can use.
        return { $instance: (proto?.constructor?.name as string | undefined) || 'object' };
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v as object).slice(0, MAX_ITEMS)) {
        out[key.slice(0, 200)] = walk((v as Record<string, unknown>)[key], depth + 1);
      }
      return out;
    } catch (err) {
      return `[unreadable: ${err instanceof Error ? err.message : String(err)}]`.slice(0, 300);
    } finally {
      seen.delete(v as object);
    }
  };
  return walk(value, 0);
}

/** A thrown value as name, message and its own extra properties (`status`, `retryAfterMs`...). */
export function describeError(thrown: unknown, nameOf?: NameOf): ObservedError {
  if (thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'message' in thrown)) {
    const error = thrown as Error & Record<string, unknown>;
    const props: Record<string, unknown> = {};
    try {
      for (const key of Object.keys(error).slice(0, 20)) {
        if (key !== 'stack' && key !== 'message' && key !== 'name') props[key] = toJsonValue(error[key], nameOf);
      }
    } catch {
      // A hostile getter: the name and message are enough.
    }
    return { name: String(error.name || 'Error').slice(0, 200), message: String(error.message).slice(0, 2000), props };
  }
  let text: string;
  try {
    text = typeof thrown === 'string' ? thrown : JSON.stringify(thrown) ?? String(thrown);
  } catch {
    text = String(thrown);
  }
  return { name: 'Thrown value', message: text.slice(0, 2000), props: {} };
}

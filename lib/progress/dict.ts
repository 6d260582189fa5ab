/**
 * Maps keyed by names that come from outside the app (a backup file, saved storage
 * another release wrote): lab ids, file paths, question ids, exercise ids. A plain
 * object answers `labs.toString` or `files.constructor` with Object.prototype's
 * members even when no such entry was saved, so code that looked entries up that way
 * merged a function as if it were a lab. Everything here reads own entries only and
 * builds objects without a prototype.
 */
import { z } from 'zod';

/** An object without a prototype holding the own entries of `from`. */
export function dict<T>(from?: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (from) for (const key of Object.keys(from)) out[key] = from[key];
  return out;
}

/** The entry saved under `key`, never an inherited member such as `toString`. */
export function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** True when `map` has an entry of its own under `key`. */
export const hasOwn = (map: object | undefined, key: string): boolean => map !== undefined && Object.prototype.hasOwnProperty.call(map, key);

/**
 * `z.record` whose parsed value has no prototype. `__proto__` is refused earlier, when
 * the JSON is read (safe-json.ts), because zod would silently set it as the prototype.
 */
export function dictSchema<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V) {
  return z.record(key, value).transform((record) => dict(record as Record<string, z.output<V>>));
}

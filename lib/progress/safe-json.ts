/**
 * JSON.parse for data the app did not write itself (a backup file, storage another
 * tab or an old release wrote). Keys that could reach an object's prototype when
 * the data is later copied or merged (`__proto__`, `constructor`, `prototype`) are
 * refused with a reason, never quietly kept or dropped.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

class ForbiddenKey extends Error {}

export function parseJsonSafely(text: string): JsonResult {
  try {
    const value: unknown = JSON.parse(text, function (key, v: unknown) {
      if (FORBIDDEN_KEYS.has(key) && !Array.isArray(this)) throw new ForbiddenKey(`it contains the key "${key}", which is not allowed`);
      return v;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ForbiddenKey) return { ok: false, reason: error.message };
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

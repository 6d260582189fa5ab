/**
 * JSON.parse for data the app did not write itself (a backup file, storage another
 * tab or an old release wrote). The key `__proto__` is refused with a reason, never
 * quietly kept or dropped: zod, spreads and assignments treat it as the object's
 * prototype rather than as an entry. Every other name (`constructor`, `toString`,
 * `prototype`) is an ordinary entry; the progress code reads entries with dict.ts,
 * so such names cannot reach a prototype.
 */
const FORBIDDEN_KEYS = new Set(['__proto__']);

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

class ForbiddenKey extends Error {}

export function parseJsonSafely(text: string): JsonResult {
  try {
    const value: unknown = JSON.parse(text, function (key, v: unknown) {
      if (FORBIDDEN_KEYS.has(key) && !Array.isArray(this)) throw new ForbiddenKey(`it contains the key "${key}", which JavaScript reserves for an object's prototype, so it cannot be stored as a name; rename that entry in the file and import it again`);
      return v;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ForbiddenKey) return { ok: false, reason: error.message };
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

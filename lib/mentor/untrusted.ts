/**
 * Reading files and links that came from someone else (a mentor's assignment, a
 * learner's submission, a mentor's feedback): the size first, then JSON without
 * `__proto__` (lib/progress/safe-json.ts), then a zod schema. A refusal always says
 * why, naming the field.
 */
import type { z } from 'zod';
import { parseJsonSafely } from '../progress/safe-json';
import { refuseSize } from './limits';
import { utf8Length } from '../utf8';

export type ReadResult<T> = { ok: true; value: T; raw: unknown } | { ok: false; reason: string };

/** "labs.0: Too big…" for the first problem zod found (the one to fix first). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export interface ReadOptions {
  /** Largest text accepted, in bytes of UTF-8. */
  maxBytes: number;
  /** What the text should be, for messages: "a submission", "an assignment file". */
  what: string;
}

/** Parses untrusted text with `schema`. `raw` is the JSON as read, before zod's defaults (for hashing). */
export function readUntrusted<S extends z.ZodType>(text: string, schema: S, { maxBytes, what }: ReadOptions): ReadResult<z.output<S>> {
  // Length in UTF-16 units is at most the UTF-8 size times one, so a long text is refused without encoding it.
  const tooBig = refuseSize(text.length > maxBytes ? text.length : utf8Length(text), maxBytes, what);
  if (tooBig) return { ok: false, reason: tooBig };
  const json = parseJsonSafely(text);
  if (!json.ok) return { ok: false, reason: `It cannot be read as ${what}: ${json.reason}.` };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, reason: `It is not ${what} this app can read (${firstIssue(parsed.error)}).` };
  return { ok: true, value: parsed.data, raw: json.value };
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

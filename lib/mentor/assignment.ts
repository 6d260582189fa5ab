/**
 * An assignment: what a mentor asks a learner to do by when. It travels as a link
 * (everything in the fragment after `#assignment=`, so no server ever sees it) or as
 * a file with the same JSON. Both are validated with the same schema; the learner saves
 * it with their progress (lib/progress/schema.ts `assignments`).
 */
import { assignmentSchema, ASSIGNMENT_FORMAT, type Assignment } from './assignment-schema';
import { fromBase64Url, randomId, toBase64Url } from './encoding';
import { MAX_ASSIGNMENT_FILE_BYTES, MAX_ASSIGNMENT_LINK_CHARS, refuseSize } from './limits';
import { readUntrusted, type ReadResult } from './untrusted';

export { assignmentSchema, ASSIGNMENT_FORMAT, calendarDaySchema, itemIdSchema, type Assignment } from './assignment-schema';
export { daysBetween, dueText, formatDay, localDay } from './days';

/** The fragment key of an assignment link: `https://…/#assignment=<base64url JSON>`. */
export const ASSIGNMENT_HASH_KEY = 'assignment';


/** What the mentor fills in on the assign form. */
export interface AssignmentDraft {
  mentor: string;
  note: string;
  due: string;
  labs: string[];
  exercises: string[];
  questions: string[];
}

/** How the assign form names each field in a refusal. */
const FIELD_NAMES: Record<string, string> = { mentor: 'your name', due: 'the due day', note: 'the note', labs: 'the labs', exercises: 'the exercises', questions: 'the interview questions' };

/** A validated assignment from the form, or the reason it is not one yet. */
export function createAssignment(draft: AssignmentDraft, now = new Date(), id = randomId()): ReadResult<Assignment> {
  const candidate = { format: ASSIGNMENT_FORMAT, version: 1, id, createdAt: now.toISOString(), ...draft, mentor: draft.mentor.trim() };
  const parsed = assignmentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? (FIELD_NAMES[String(issue.path[0])] ?? String(issue.path[0])) : '';
    return { ok: false, reason: field ? `${field} ${issue.message}` : issue.message };
  }
  return { ok: true, value: parsed.data, raw: candidate };
}

/** The JSON of an assignment, in a fixed key order (links and files built twice are equal). */
export function assignmentJson(a: Assignment): string {
  const { format, version, id, mentor, note, due, createdAt, labs, exercises, questions } = a;
  return JSON.stringify({ format, version, id, mentor, note, due, createdAt, labs, exercises, questions });
}

/**
 * The link a mentor sends: the app's home page with the assignment in the fragment.
 * Returns null with a reason when the encoded assignment is longer than a link should be.
 */
export function assignmentLink(origin: string, a: Assignment): { ok: true; link: string } | { ok: false; reason: string } {
  const encoded = toBase64Url(assignmentJson(a));
  if (encoded.length > MAX_ASSIGNMENT_LINK_CHARS) {
    return { ok: false, reason: `The link would be ${encoded.length} characters long (at most ${MAX_ASSIGNMENT_LINK_CHARS}); shorten the note, or send the file instead.` };
  }
  return { ok: true, link: `${origin.replace(/\/+$/, '')}/#${ASSIGNMENT_HASH_KEY}=${encoded}` };
}

/** The encoded assignment in a location hash (`#assignment=…`), or null when the hash has none. */
export function assignmentParam(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(ASSIGNMENT_HASH_KEY);
}

/** Reads the encoded part of an assignment link. */
export function readAssignmentParam(encoded: string): ReadResult<Assignment> {
  if (encoded.length > MAX_ASSIGNMENT_LINK_CHARS) {
    return { ok: false, reason: `The link's assignment is ${encoded.length} characters long; an assignment link holds at most ${MAX_ASSIGNMENT_LINK_CHARS}. Ask your mentor for the file instead.` };
  }
  const text = fromBase64Url(encoded);
  if (text === null) return { ok: false, reason: 'The link is damaged (its assignment part is not valid base64url text); ask your mentor to send it again, or to send the file.' };
  return readUntrusted(text, assignmentSchema, { maxBytes: MAX_ASSIGNMENT_FILE_BYTES, what: 'an assignment' });
}

/** Reads an assignment file's text. Check `File.size` with `refuseAssignmentFile` before reading it. */
export function readAssignmentFile(text: string): ReadResult<Assignment> {
  return readUntrusted(text, assignmentSchema, { maxBytes: MAX_ASSIGNMENT_FILE_BYTES, what: 'an assignment file' });
}

export const refuseAssignmentFile = (bytes: number) => refuseSize(bytes, MAX_ASSIGNMENT_FILE_BYTES, 'an assignment file');

/** A file name for the assignment: `assignment-2026-12-04-ada.json`. */
export function assignmentFileName(a: Assignment): string {
  return `assignment-${a.due}-${slug(a.mentor)}.json`;
}

/** Lowercase letters, digits and dashes only, for file names built from names people typed. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'unnamed'
  );
}

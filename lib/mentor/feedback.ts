/**
 * A mentor's feedback on one submission: an overall note, and per lab a note and
 * comments on lines of the learner's files. The learner imports the file; it is saved
 * beside their progress (lib/progress/schema.ts `feedback`) and shown next to their
 * code, and never changes a file, an answer or a result.
 */
import { z } from 'zod';
import { dictSchema } from '../progress/dict';
import { itemIdSchema } from './assignment';
import { randomId } from './encoding';
import { MAX_COMMENT_CHARS, MAX_COMMENTS_PER_LAB, MAX_FEEDBACK_BYTES, MAX_NAME_CHARS, MAX_NOTE_CHARS, refuseSize } from './limits';
import { readUntrusted, type ReadResult } from './untrusted';

export const FEEDBACK_FORMAT = 'datasource-lab-feedback';

/** A lab file path as lab.json spells it. */
export const filePathSchema = z
  .string()
  .max(200)
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a relative path like handler.ts')
  .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), 'a path inside the lab (no . or .. parts)');

const tallySchema = z.object({ passed: z.number().int().min(0).max(10_000), total: z.number().int().min(0).max(10_000) });

export const lineCommentSchema = z.object({
  path: filePathSchema.describe('the lab file'),
  line: z.number().int().min(1).max(100_000).describe('1-based line of the file as handed in'),
  text: z.string().trim().min(1, 'the comment is empty').max(MAX_COMMENT_CHARS).describe('plain text, never markup'),
  quote: z.string().max(500).optional().describe('that line as handed in, so the comment still makes sense after the learner edits the file'),
});
export type LineComment = z.infer<typeof lineCommentSchema>;

export const labFeedbackSchema = z.object({
  title: z.string().max(200).optional().describe("the lab's title in the mentor's app"),
  note: z.string().max(MAX_NOTE_CHARS).default(''),
  comments: z.array(lineCommentSchema).max(MAX_COMMENTS_PER_LAB).default([]),
  verified: tallySchema.optional().describe("checks passed when the mentor's app re-ran the handed-in files"),
});
export type LabFeedback = z.infer<typeof labFeedbackSchema>;

export const feedbackSchema = z.object({
  format: z.literal(FEEDBACK_FORMAT).describe('marks the JSON as Datasource Lab feedback'),
  version: z.literal(1),
  id: z.string().regex(/^[a-z0-9]{6,40}$/, '6 to 40 lowercase letters and digits'),
  mentor: z.string().trim().min(1, 'the mentor’s name is empty').max(MAX_NAME_CHARS),
  learner: z.string().max(MAX_NAME_CHARS),
  createdAt: z.string().max(40),
  assignmentId: z.string().max(40).optional(),
  submissionHash: z.string().regex(/^[0-9a-f]{64}$/).optional().describe('SHA-256 of the submission the feedback answers'),
  submittedAt: z.string().max(40).optional().describe('when that submission was made'),
  note: z.string().max(MAX_NOTE_CHARS).default(''),
  labs: dictSchema(itemIdSchema, labFeedbackSchema).default(() => ({})),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** What the learner's progress keeps of a feedback file. */
export const savedFeedbackSchema = z.object({
  feedback: feedbackSchema,
  receivedAt: z.string().max(40),
});
export type SavedFeedback = z.infer<typeof savedFeedbackSchema>;

export interface FeedbackDraft {
  mentor: string;
  learner: string;
  assignmentId?: string;
  submissionHash?: string;
  submittedAt?: string;
  note: string;
  labs: Record<string, LabFeedback>;
}

/** A validated feedback file from the review, or the reason it cannot be made. */
export function createFeedback(draft: FeedbackDraft, now = new Date(), id = randomId()): ReadResult<Feedback> {
  const candidate = { format: FEEDBACK_FORMAT, version: 1, id, createdAt: now.toISOString(), ...draft };
  const parsed = feedbackSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The mentor's name is the one field the review asks for; the rest come from the submission.
    return { ok: false, reason: issue.path[0] === 'mentor' ? 'your name is empty' : `${issue.path.map(String).join('.') || 'feedback'}: ${issue.message}` };
  }
  return { ok: true, value: parsed.data, raw: candidate };
}

export function readFeedbackFile(text: string): ReadResult<Feedback> {
  return readUntrusted(text, feedbackSchema, { maxBytes: MAX_FEEDBACK_BYTES, what: 'a feedback file' });
}

export const refuseFeedbackFile = (bytes: number) => refuseSize(bytes, MAX_FEEDBACK_BYTES, 'a feedback file');

/** Every comment and note for one lab across saved feedback, newest feedback first. */
export function feedbackForLab(saved: readonly SavedFeedback[], labId: string): { feedback: Feedback; lab: LabFeedback }[] {
  return saved
    .map((s) => s.feedback)
    .filter((f) => Object.prototype.hasOwnProperty.call(f.labs, labId))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((feedback) => ({ feedback, lab: feedback.labs[labId] }));
}

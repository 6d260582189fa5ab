/**
 * The feedback file's shape (see feedback.ts for making and reading files). Kept apart
 * so saved progress and the lab page validate and show feedback without the rest.
 */
import { z } from 'zod';
import { dictSchema } from '../progress/dict';
import { itemIdSchema } from './assignment-schema';
import { MAX_COMMENT_CHARS, MAX_COMMENTS_PER_LAB, MAX_NAME_CHARS, MAX_NOTE_CHARS } from './limits';

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

/** Every comment and note for one lab across saved feedback, newest feedback first. */
export function feedbackForLab(saved: readonly SavedFeedback[], labId: string): { feedback: Feedback; lab: LabFeedback }[] {
  return saved
    .map((s) => s.feedback)
    .filter((f) => Object.prototype.hasOwnProperty.call(f.labs, labId))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((feedback) => ({ feedback, lab: feedback.labs[labId] }));
}

/**
 * A mentor's feedback on one submission: an overall note, and per lab a note and
 * comments on lines of the learner's files. The learner imports the file; it is saved
 * beside their progress (lib/progress/schema.ts `feedback`) and shown next to their
 * code, and never changes a file, an answer or a result.
 */
import { feedbackSchema, FEEDBACK_FORMAT, type Feedback, type LabFeedback } from './feedback-schema';
import { randomId } from './encoding';
import { MAX_FEEDBACK_BYTES, refuseSize } from './limits';
import { readUntrusted, type ReadResult } from './untrusted';

export * from './feedback-schema';

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

/**
 * What the learner's progress keeps from mentors: assignments (lib/mentor/assignment.ts)
 * and feedback (lib/mentor/feedback.ts). Both are validated when they arrive, so what
 * is saved already passed the same schema.
 */
import { z } from 'zod';
import { assignmentSchema } from '../mentor/assignment-schema';

export { savedFeedbackSchema } from '../mentor/feedback-schema';

export const savedAssignmentSchema = z.object({
  assignment: assignmentSchema,
  receivedAt: z.string().max(40).describe('ISO time the learner saved it'),
  handedInAt: z.array(z.string().max(40)).max(50).default([]).describe('each time work for it was handed in, oldest first'),
});
export type SavedAssignment = z.infer<typeof savedAssignmentSchema>;

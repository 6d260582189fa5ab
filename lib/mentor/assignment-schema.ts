/**
 * The assignment's shape (see assignment.ts for links and files). Kept apart so saved
 * progress (lib/progress/mentor-schema.ts) validates assignments without carrying the
 * link and file code onto every page.
 */
import { z } from 'zod';
import { MAX_ASSIGNED_ITEMS, MAX_NAME_CHARS, MAX_NOTE_CHARS } from './limits';

export const ASSIGNMENT_FORMAT = 'datasource-lab-assignment';

/** A lab id (`week-2/first-query-path`), an exercise id or an interview question id. */
export const itemIdSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'an id like week-2/first-query-path or lru-ttl-cache');

const itemList = z
  .array(itemIdSchema)
  .max(MAX_ASSIGNED_ITEMS)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'name an item twice' })
  .default([]);

/** A calendar day, YYYY-MM-DD, that exists. */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, written YYYY-MM-DD')
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'must be a day that exists in the calendar');

export const assignmentSchema = z
  .object({
    format: z.literal(ASSIGNMENT_FORMAT).describe('marks the JSON as a Datasource Lab assignment'),
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9]{6,40}$/, '6 to 40 lowercase letters and digits').describe('tells assignments apart; a submission names it'),
    mentor: z.string().trim().min(1, 'is empty').max(MAX_NAME_CHARS).describe('who set it, as they want to be called'),
    note: z.string().max(MAX_NOTE_CHARS).default('').describe('what the mentor wants to say; plain text, never markup'),
    due: calendarDaySchema.describe("the last day to hand in, in the learner's own calendar"),
    createdAt: z.string().max(40).describe('ISO time the mentor made it'),
    labs: itemList.describe('lab ids, in the order to do them'),
    exercises: itemList.describe('exercise and simulation ids'),
    questions: itemList.describe('interview question ids'),
  })
  .refine((a) => a.labs.length + a.exercises.length + a.questions.length > 0, { message: 'nothing is picked: pick at least one lab, exercise or question' });
export type Assignment = z.infer<typeof assignmentSchema>;

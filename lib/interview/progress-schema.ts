/**
 * What interview practice saves, under `interview` in the learner's progress
 * (lib/progress/schema.ts). Saved data that does not parse sends the WHOLE progress to
 * quarantine, so this schema is deliberately lenient where content can change: ids,
 * categories and difficulties are plain strings, and unknown ones are ignored on use.
 * Every field has a default, so older saved data without it still reads.
 */
import { z } from 'zod';
import { dictSchema } from '../progress/dict';

/** Self-scores run 1..5 (see SCORE_LABELS). */
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const SCORE_LABELS: Record<number, string> = {
  1: 'Could not get started',
  2: 'Partial, with big gaps',
  3: 'Covered the basics',
  4: 'Solid, minor gaps',
  5: 'Interview-ready',
};

/** Caps that keep saved progress small; the oldest entries go first. */
export const MAX_ATTEMPTS_PER_QUESTION = 50;
export const MAX_MOCKS = 20;
export const MAX_NOTES_CHARS = 50_000;
export const MAX_MOCK_QUESTIONS = 15;

export const scoreSchema = z.number().int().min(MIN_SCORE).max(MAX_SCORE);

/**
 * A stopwatch that survives reloads without being written every second: the time
 * banked so far, plus when it was last started if it is running.
 */
export const timerStateSchema = z.object({
  elapsedMs: z.number().min(0).default(0).describe('time banked by earlier runs of the clock'),
  runningSince: z.number().optional().describe('epoch ms when the clock was last started; absent when paused'),
});
export type TimerState = z.infer<typeof timerStateSchema>;

/** One finished practice (or one question of a mock interview) with its self-score. */
export const attemptSchema = z.object({
  at: z.string().max(40).describe('ISO time the score was saved'),
  score: scoreSchema,
  hintsUsed: z.number().int().min(0).max(20).default(0),
  elapsedMs: z.number().min(0).default(0).describe('time on the clock when the score was saved'),
  covered: z.number().int().min(0).optional().describe('key points ticked as covered (practice only)'),
  total: z.number().int().min(0).optional().describe('key points in the rubric (practice only)'),
  mode: z.enum(['practice', 'mock']).default('practice'),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const coverageSchema = z.enum(['covered', 'missed']);
export type Coverage = z.infer<typeof coverageSchema>;

/** The practice in progress on one question. */
export const practiceDraftSchema = z.object({
  notes: z.string().max(MAX_NOTES_CHARS).default('').describe('the scratchpad, Markdown'),
  hintsRevealed: z.number().int().min(0).max(20).default(0),
  rubricRevealed: z.boolean().default(false),
  coverage: dictSchema(z.string(), coverageSchema).default(() => ({})).describe('covered/missed by key point id'),
  timer: timerStateSchema.default({ elapsedMs: 0 }),
  savedAt: z.string().max(40).optional().describe('set when this attempt was scored; the next change starts a new one'),
});
export type PracticeDraft = z.infer<typeof practiceDraftSchema>;

export const questionProgressSchema = z.object({
  draft: practiceDraftSchema.default(() => practiceDraftSchema.parse({})),
  attempts: z.array(attemptSchema).max(MAX_ATTEMPTS_PER_QUESTION).default([]).describe('oldest first'),
});
export type QuestionProgress = z.infer<typeof questionProgressSchema>;

/** Bank filters; an empty list means "all". Shared by the bank and the mock interview setup. */
export const interviewFiltersSchema = z.object({
  categories: z.array(z.string().max(40)).max(20).default([]),
  difficulties: z.array(z.string().max(40)).max(20).default([]),
});
export type InterviewFilters = z.infer<typeof interviewFiltersSchema>;

export const mockAnswerSchema = z.object({
  notes: z.string().max(MAX_NOTES_CHARS).default(''),
  hintsRevealed: z.number().int().min(0).max(20).default(0),
  keyPointsShown: z.boolean().default(false).describe('the learner opened the key points to score against'),
  score: scoreSchema.optional(),
  timeMs: z.number().min(0).default(0).describe('session time spent on this question'),
});
export type MockAnswer = z.infer<typeof mockAnswerSchema>;

export const mockSessionSchema = z.object({
  id: z.string().max(40),
  startedAt: z.string().max(40),
  finishedAt: z.string().max(40).optional(),
  questionIds: z.array(z.string().max(100)).min(1).max(MAX_MOCK_QUESTIONS),
  filters: interviewFiltersSchema.default({ categories: [], difficulties: [] }),
  plannedMinutes: z.number().int().min(1).max(24 * 60).describe('sum of the questions’ suggested minutes'),
  timer: timerStateSchema.describe('the one clock of the session'),
  current: z.number().int().min(0).default(0).describe('index into questionIds'),
  enteredCurrentAtMs: z.number().min(0).default(0).describe('session time when the current question was opened'),
  answers: dictSchema(z.string(), mockAnswerSchema).default(() => ({})),
});
export type MockSession = z.infer<typeof mockSessionSchema>;

export const interviewProgressSchema = z.object({
  questions: dictSchema(z.string(), questionProgressSchema).default(() => ({})),
  filters: interviewFiltersSchema.default({ categories: [], difficulties: [] }),
  activeMock: mockSessionSchema.optional(),
  mocks: z.array(mockSessionSchema).max(MAX_MOCKS).default([]).describe('finished mock interviews, oldest first'),
});
export type InterviewProgress = z.infer<typeof interviewProgressSchema>;

export const EMPTY_INTERVIEW: InterviewProgress = { questions: {}, filters: { categories: [], difficulties: [] }, mocks: [] };

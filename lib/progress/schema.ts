/**
 * What the app saves in the learner's browser, versioned. This is the current shape;
 * migrations.ts lifts every older saved shape to it (with a test per version).
 * New optional fields need no version change; a change in meaning or shape does.
 */
import { z } from 'zod';
import { interviewProgressSchema } from '../interview/progress-schema';
import { exerciseProgressSchema } from '../exercises/progress-schema';
import { dictSchema } from './dict';
import { savedAssignmentSchema, savedFeedbackSchema } from './mentor-schema';

/** Version 2 added per-file and per-field change times, so two tabs merge instead of overwriting. */
export const PROGRESS_VERSION = 2;

/** ISO times of the last change, by key; merges keep the newer side per key (lib/progress/merge.ts). */
export const changeTimesSchema = dictSchema(z.string(), z.string().max(40));

export const checkStatusSchema = z.enum(['pass', 'fail', 'error']);

export const answerSchema = z.object({
  choice: z.string().max(20).describe('id of the choice picked, or "L<n>" for the line picked in a line question'),
  correct: z.boolean(),
  at: z.string().describe('ISO time of answering'),
});

export const lastRunSchema = z.object({
  at: z.string().describe('ISO time of the run'),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  checks: dictSchema(z.string(), checkStatusSchema).describe('status per check id'),
  tasks: dictSchema(z.string(), z.number().int().min(1).max(100))
    .optional()
    .describe("the README task (1-based) of each check id, so the task list can read the saved run after a reload; absent in runs saved before it was kept"),
  source: z
    .literal('import')
    .optional()
    .describe('"import": the result arrived in a backup, as saved, and was not re-run in this browser; absent: a Run in this browser'),
});
export type LastRun = z.infer<typeof lastRunSchema>;

/** A short list of times, oldest first (see lib/progress/lab-facts.ts `appendTime`). */
const timesSchema = z.array(z.string().max(40)).max(50);

/** What happened in this browser's Runs of a lab, kept for mentors (lib/progress/lab-facts.ts). */
export const labHistorySchema = z.object({
  runs: z.number().int().min(0).describe('finished Runs (a cancelled Run is not counted)'),
  passes: z.number().int().min(0).describe('Runs in which every check passed'),
  firstRunAt: z.string().max(40).optional().describe('ISO time of the first finished Run'),
  lastRunAt: z.string().max(40).optional(),
  firstPassAt: z.string().max(40).optional().describe('ISO time of the first Run in which every check passed'),
  bestPassed: z.number().int().min(0).optional().describe('most checks passed in one Run'),
});
export type LabHistory = z.infer<typeof labHistorySchema>;

export const labProgressSchema = z.object({
  files: dictSchema(z.string(), z.string().max(500_000)).default(() => ({})).describe('edited files by path; a missing file is the starter'),
  answers: dictSchema(z.string(), answerSchema).default(() => ({})).describe('answers by question id'),
  lastRun: lastRunSchema.optional(),
  queries: z.array(z.object({ refId: z.string().max(20), json: z.string().max(100_000) })).optional().describe('the query models Run sends, as edited'),
  scenarioId: z.string().max(50).optional().describe('the upstream scenario picked for Run'),
  rubric: dictSchema(z.string().max(60), z.boolean()).optional().describe("self-review rubric items the learner ticked, by item id (lab.json 'rubric')"),
  updatedAt: z.string(),
  fileTimes: changeTimesSchema.optional().describe('when each file was last edited or reset; a time without a file means "back to the starter"'),
  fieldTimes: changeTimesSchema.optional().describe('when each other lab field (queries, lastRun, …) last changed'),
  history: labHistorySchema.optional().describe('counts and times of Runs; absent in progress saved before it was kept'),
  solutionShownAt: timesSchema.optional().describe('each time "Show solution" replaced the files, oldest first (the first is always kept)'),
  resetAt: timesSchema.optional().describe('each time "Reset to starter" replaced the files, oldest first (the first is always kept)'),
  hintsShown: z.array(z.string().max(200)).max(500).optional().describe('ids of checks that failed or errored in a Run here, so their hint was on screen'),
  activeMs: z.number().min(0).optional().describe('active time in the lab, ms: the gaps between changes, each counted up to ACTIVE_GAP_MS'),
  activeAt: z.string().max(40).optional().describe('ISO time of the last change counted in activeMs'),
});
export type LabProgress = z.infer<typeof labProgressSchema>;

/** The current saved shape (version 2). Earlier versions exist only as migrations (migrations.ts). */
export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  labs: dictSchema(z.string(), labProgressSchema),
  interview: interviewProgressSchema.optional().describe('interview practice (lib/interview); absent until first used, read as EMPTY_INTERVIEW'),
  exercises: exerciseProgressSchema.optional().describe('coding exercises and simulations (lib/exercises), by id; absent until first used'),
  assignments: dictSchema(z.string().max(40), savedAssignmentSchema).optional().describe("assignments from mentors, by assignment id (lib/mentor/assignment.ts)"),
  feedback: dictSchema(z.string().max(40), savedFeedbackSchema).optional().describe("mentors' feedback files, by feedback id (lib/mentor/feedback.ts); shown beside the work, never applied to it"),
  learnerName: z.string().max(80).optional().describe('the name the learner hands work in under'),
  fieldTimes: changeTimesSchema.optional().describe('when each top-level field other than labs last changed'),
});
export type Progress = z.infer<typeof progressSchema>;

export const EMPTY_PROGRESS: Progress = { version: PROGRESS_VERSION, labs: {} };

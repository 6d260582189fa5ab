/**
 * What the app saves in the learner's browser, versioned. Each version's schema stays
 * here; migrations.ts lifts any older saved shape to the current one.
 */
import { z } from 'zod';

export const PROGRESS_VERSION = 1;

export const checkStatusSchema = z.enum(['pass', 'fail', 'error']);

export const answerSchema = z.object({
  choice: z.string().max(20).describe('id of the choice picked'),
  correct: z.boolean(),
  at: z.string().describe('ISO time of answering'),
});

export const lastRunSchema = z.object({
  at: z.string().describe('ISO time of the run'),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
  checks: z.record(z.string(), checkStatusSchema).describe('status per check id'),
});
export type LastRun = z.infer<typeof lastRunSchema>;

export const labProgressSchema = z.object({
  files: z.record(z.string(), z.string().max(500_000)).default({}).describe('edited files by path; a missing file is the starter'),
  answers: z.record(z.string(), answerSchema).default({}).describe('answers by question id'),
  lastRun: lastRunSchema.optional(),
  queries: z.array(z.object({ refId: z.string().max(20), json: z.string().max(100_000) })).optional().describe('the query models Run sends, as edited'),
  scenarioId: z.string().max(50).optional().describe('the upstream scenario picked for Run'),
  updatedAt: z.string(),
});
export type LabProgress = z.infer<typeof labProgressSchema>;

export const progressV1Schema = z.object({
  version: z.literal(1),
  labs: z.record(z.string(), labProgressSchema),
});
export type Progress = z.infer<typeof progressV1Schema>;

export const EMPTY_PROGRESS: Progress = { version: PROGRESS_VERSION, labs: {} };

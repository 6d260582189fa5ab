/**
 * What an exercise folder (`content/exercises/<id>/`) must contain, as zod schemas.
 * Two kinds share the folder: coding exercises (`exercise.json`, graded by tests that
 * run in the host) and troubleshooting simulations (`sim.json`, a toy plugin to
 * diagnose). Bad content fails the build and the tests with a message naming the file.
 */
import { z } from 'zod';
import { choiceQuestionSchema, editorLanguageSchema, labRunSchema } from '../labs/schema';
import { scenarioSchema } from '../upstreams/scenario';

export const EXERCISE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Markdown, as one string or as lines (easier to read in JSON). */
const markdownSchema = z.union([z.string().min(1), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v.join('\n') : v));

export const exerciseFileSchema = z.object({
  path: z.string().regex(/^[\w.-]+$/, 'a file name like cache.ts').describe('file name, e.g. cache.ts'),
  language: editorLanguageSchema.default('typescript').describe('editor language'),
  description: z.string().optional().describe('one line shown next to the tab'),
});

/** A visible example test, as the learner reads it. Its logic lives in tests.ts under the same id. */
export const exampleSchema = z.object({
  test: z.string().regex(EXERCISE_ID).describe('id of a visible test in tests.ts'),
  description: z.string().min(10).describe('what the example shows, in a sentence'),
  code: z.string().min(5).describe('the example as code a learner can read (what the test does)'),
});
export type ExerciseExample = z.infer<typeof exampleSchema>;

export const exerciseMetaSchema = z.object({
  title: z.string().min(3).describe('heading'),
  summary: z.string().min(10).max(240).describe('one sentence for lists'),
  estimatedMinutes: z.number().int().positive().describe('a realistic time for a junior'),
  topic: z.string().min(3).max(80).describe('what it practises, e.g. "caching", for lists'),
  brief: markdownSchema.describe('the task, in our own words (Markdown)'),
  files: z.array(exerciseFileSchema).min(1).max(4).describe('editor tabs, in order'),
  entry: z.string().describe('the file whose exports the tests use'),
  examples: z.array(exampleSchema).min(1).describe('the visible tests, described'),
  timeLimitMs: z.number().int().min(200).max(10_000).default(2000).describe('per test run; the sandbox is killed 400 ms later'),
});
export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;

/** One single-choice diagnosis question. */
export const diagnosisSchema = z
  .object({
    prompt: z.string().min(10),
    choices: z.array(z.object({ id: z.string().regex(/^[a-z]$/), text: z.string().min(3) })).min(2),
    answer: z.string(),
    explanation: z.string().min(20).describe('shown after answering'),
  })
  .refine((q) => q.choices.some((c) => c.id === q.answer), { message: 'answer must be the id of one of the choices' });
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const simMetaSchema = z.object({
  title: z.string().min(3),
  summary: z.string().min(10).max(240),
  estimatedMinutes: z.number().int().positive(),
  topic: z.string().min(3).max(80),
  brief: markdownSchema.describe('the incident report and what to look at'),
  files: z.array(exerciseFileSchema).min(1).max(4),
  entry: z.string(),
  upstreams: z.array(z.enum(['metrics'])).min(1),
  /** The request Run sends (a lab's run settings). */
  run: labRunSchema,
  /** How the mocked upstream behaves in this incident (e.g. some latency, so overlap shows). */
  scenario: scenarioSchema.partial().default({}),
  /**
   * `single`: Run sends one request and shows the results tabs. `repeat`: Run ×N replays a dashboard refreshing.
   * `incident`: no toy plugin runs; the learner inspects a seeded incident hop by hop (checks.ts exports it as
   * `incident`, lib/exercises/incident.ts) and names the hop and cause; the checks grade that answer. `files` are
   * the learner's notes, `run` the request the panel would send.
   */
  mode: z.enum(['single', 'repeat', 'incident']).default('single'),
  repeat: z
    .object({
      times: z.number().int().min(2).max(40).default(20),
      refreshMs: z.number().int().min(1000).default(30_000).describe('how far the time range moves between requests'),
      statsExport: z.string().default('memoryStats').describe("the toy's own instrumentation: returns { entries, bytes }"),
      timeLimitMs: z.number().int().min(500).max(20_000).default(8000),
    })
    .optional(),
  diagnosis: diagnosisSchema,
  /** More questions under the diagnosis (a week's check-your-understanding questions), as in a lab's questions.json. */
  questions: z.array(choiceQuestionSchema).default([]),
});
export type SimMeta = z.infer<typeof simMetaSchema>;

/**
 * What a lab folder must contain, as zod schemas. The loader parses every lab with
 * these, so bad content fails the build and the tests with a message naming the lab
 * and file, never a learner's session.
 */
import { z } from 'zod';

export const editorLanguageSchema = z.enum(['typescript', 'json', 'yaml', 'markdown', 'dockerfile', 'go', 'plaintext']);

export const labFileSchema = z.object({
  path: z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a relative path like handler.ts').describe('path inside the lab, e.g. handler.ts'),
  language: editorLanguageSchema.describe('editor language for syntax highlighting'),
  readOnly: z.boolean().default(false).describe('true for "code tour" files the learner reads but does not edit'),
  description: z.string().optional().describe('one line shown next to the file tab'),
});
export type LabFile = z.infer<typeof labFileSchema>;

export const sampleQuerySchema = z.object({
  refId: z.string().min(1).describe('refId of the query, e.g. A'),
  queryType: z.string().default('').describe('optional query type'),
  json: z.union([z.record(z.string(), z.unknown()), z.string()]).describe('the query model sent to the handler; a string is sent as-is (even if it is not valid JSON)'),
});

export const labRunSchema = z.object({
  invocation: z.enum(['queryData', 'checkHealth']).default('queryData').describe('which handler function Run calls'),
  timeLimitMs: z.number().int().min(100).max(10_000).default(1500).describe('when ctx.signal aborts; the sandbox is killed 400 ms later'),
  queries: z.array(sampleQuerySchema).min(1).describe('the queries Run sends; the learner can edit them'),
  rangeMs: z.number().int().positive().default(3_600_000).describe('length of the time range Run asks for, ending now'),
  maxDataPoints: z.number().int().positive().default(500).describe('DataQuery.maxDataPoints'),
  intervalMs: z.number().int().positive().default(15_000).describe('DataQuery.intervalMs'),
  url: z.string().default('').describe("the data source instance's URL setting"),
  jsonData: z.record(z.string(), z.unknown()).default({}).describe('the data source jsonData Run uses'),
  secureJsonData: z.record(z.string(), z.string()).default({}).describe('the decrypted secure settings Run uses'),
});
export type LabRun = z.infer<typeof labRunSchema>;

export const labMetaSchema = z.object({
  title: z.string().min(3).describe('shown as the lab heading'),
  summary: z.string().min(10).max(240).describe('one sentence for lists'),
  estimatedMinutes: z.number().int().positive().describe('a realistic time for a junior'),
  files: z.array(labFileSchema).min(1).describe('the files in the editor, in tab order'),
  entry: z.string().optional().describe('the file whose exports the runtime calls; omit for labs without code to run'),
  upstreams: z.array(z.enum(['metrics'])).default([]).describe('mocked upstream APIs the lab serves'),
  run: labRunSchema.optional().describe('what Run sends; required when entry is set'),
});
export type LabMeta = z.infer<typeof labMetaSchema>;

export const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe('stable id; progress is saved under it'),
    prompt: z.string().min(10).describe('the question'),
    choices: z
      .array(z.object({ id: z.string().regex(/^[a-z]$/), text: z.string().min(1) }))
      .min(2)
      .describe('answers to pick from'),
    answer: z.string().describe('id of the right choice'),
    explanation: z.string().min(20).describe('shown after answering: why the right answer is right'),
    source: z.enum(['plan', 'lab']).default('lab').describe("'plan' for the plan's own check-your-understanding questions"),
  })
  .refine((q) => q.choices.some((c) => c.id === q.answer), { message: 'answer must be the id of one of the choices' });
export type Question = z.infer<typeof questionSchema>;
export const questionsFileSchema = z.array(questionSchema);

/** Weeks of the plan: what the home page shows even before a week has labs. */
export const weekSchema = z.object({
  number: z.number().int().min(1).max(4),
  title: z.string(),
  goal: z.string().describe('the week in one line'),
  outcomes: z.array(z.string()).describe('what the learner can do at the end'),
});
export type Week = z.infer<typeof weekSchema>;

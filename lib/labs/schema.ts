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

/** One control of a lab's query editor form; it edits one top-level key of the query model. */
export const queryEditorFieldSchema = z
  .object({
    key: z.string().regex(/^[A-Za-z_][\w]*$/, 'a query model key like metric').describe('the query model key the control edits'),
    label: z.string().min(1).max(40).describe('shown beside the control, as in a Grafana query editor row'),
    kind: z.enum(['select', 'text', 'number']).describe('select: pick from options; text: free text; number: a number (empty leaves the key out)'),
    options: z
      .array(z.object({ value: z.string().min(1), label: z.string().optional(), description: z.string().optional() }))
      .min(1)
      .optional()
      .describe('the choices of a select'),
    description: z.string().min(5).describe("the control's tooltip: what the key does"),
    placeholder: z.string().optional().describe('shown in an empty text or number control'),
  })
  .refine((f) => (f.kind === 'select') === (f.options !== undefined), { message: 'a select needs options, and only a select has them' });
export type QueryEditorField = z.infer<typeof queryEditorFieldSchema>;

/** A small query editor, like a plugin's QueryEditor, shown above the raw JSON of each query. */
export const queryEditorSchema = z.object({
  fields: z
    .array(queryEditorFieldSchema)
    .min(1)
    .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { message: 'each key may have only one control' })
    .describe('the controls, in order'),
});
export type QueryEditor = z.infer<typeof queryEditorSchema>;

/** What an `artifact` lab grades: which file is the deliverable and which simulation replays it. */
export const labArtifactSchema = z.object({
  simulation: z.enum(['pipeline', 'race', 'dockerfile', 'compose', 'kubernetes', 'release']).describe("the simulation Run replays the file in: 'pipeline' runs a GitHub Actions workflow over seeded commits and events; 'race' runs every Go file of the lab in a model of goroutines under seeded schedules with a happens-before race detector; 'dockerfile' builds a model of the image a Dockerfile (and its .dockerignore) makes, then rebuilds it after a code change; 'compose' validates a docker-compose.yml against the Compose schema and simulates docker compose up with Grafana provisioning; 'kubernetes' applies Deployment, Service, ConfigMap, Secret and HPA manifests to a modelled cluster and replays rollout, probe, memory, config and autoscaling scenarios on virtual time; 'release' (the capstone) checks release.yaml and DESIGN.md against the workflows, replays release events through the pipeline simulator, signs and verifies the released plugin with WebCrypto and runs a rollback drill on a simulated fleet (lib/kinds/artifact/simulations.ts lists them)"),
  file: z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a relative path like .github/workflows/ci.yml').describe('the deliverable: one of the lab files, parsed with its real grammar'),
  seed: z.number().int().min(0).default(1).describe('seed of the simulated history (commit ids, order of equal events); the same seed always gives the same result'),
});
export type LabArtifact = z.infer<typeof labArtifactSchema>;

/** Which lab kind (lib/kinds/) runs and grades the lab. */
export const labKindSchema = z.enum(['handler', 'artifact', 'operate']);

export const labMetaSchema = z.object({
  kind: labKindSchema.default('handler').describe("what Run does: 'handler' runs the learner's data source code against mocked upstreams; 'artifact' parses a file a tool would read (a workflow, a Dockerfile…) and simulates it; 'operate' serves a seeded load profile of many requests with the learner's handler and compares what the upstream saw with what the handler and its metrics said"),
  title: z.string().min(3).describe('shown as the lab heading'),
  summary: z.string().min(10).max(240).describe('one sentence for lists'),
  estimatedMinutes: z.number().int().positive().describe('a realistic time for a junior'),
  files: z.array(labFileSchema).min(1).describe('the files in the editor, in tab order'),
  entry: z.string().optional().describe('the file whose exports the runtime calls; omit for labs without code to run'),
  upstreams: z.array(z.enum(['metrics'])).default([]).describe('mocked upstream APIs the lab serves'),
  run: labRunSchema.optional().describe('what Run sends; required when entry is set'),
  artifact: labArtifactSchema.optional().describe("kind 'artifact': the deliverable file and the simulation; required for that kind"),
  queryEditor: queryEditorSchema.optional().describe('a form that edits the query model JSON; omit to show only the JSON'),
  rubric: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/).max(60).describe('stable id; the tick is saved under it'),
        text: z.string().min(10).max(200).describe('a yes/no question the learner answers about their own work'),
      }),
    )
    .min(1)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'rubric item ids must be unique' })
    .optional()
    .describe('self-review items for what a machine cannot judge (e.g. whether prose is clear); ticks are saved with the lab'),
});
export type LabMeta = z.infer<typeof labMetaSchema>;

const questionBase = {
  id: z.string().regex(/^[a-z0-9-]+$/).describe('stable id; progress is saved under it'),
  prompt: z.string().min(10).describe('the question'),
  explanation: z.string().min(20).describe('shown after answering: why the right answer is right'),
  source: z.enum(['plan', 'lab']).default('lab').describe("'plan' for the plan's own check-your-understanding questions"),
};

/** Pick one of several answers. The default kind: a question without `kind` is one of these. */
export const choiceQuestionSchema = z
  .object({
    kind: z.literal('choice'),
    ...questionBase,
    choices: z
      .array(z.object({ id: z.string().regex(/^[a-z]$/), text: z.string().min(1) }))
      .min(2)
      .describe('answers to pick from'),
    answer: z.string().describe('id of the right choice'),
  })
  .refine((q) => q.choices.some((c) => c.id === q.answer), { message: 'answer must be the id of one of the choices' });
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;

/** Lines of a file that count as a right answer to a line question. */
export const lineRangeSchema = z
  .object({
    from: z.number().int().min(1).describe('first accepted line, 1-based'),
    to: z.number().int().min(1).describe('last accepted line, inclusive'),
    contains: z
      .string()
      .min(3)
      .describe('text that must appear within these lines: the build fails when the file changes and the range no longer points at it'),
  })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to' });
export type LineRange = z.infer<typeof lineRangeSchema>;

/** Find the line in a (read-only) lab file: the learner answers by picking a line in the editor. */
export const lineQuestionSchema = z.object({
  kind: z.literal('line'),
  ...questionBase,
  file: z.string().describe('path of a read-only lab file (lab.json "files"); the loader checks it exists and is read-only'),
  accept: z.array(lineRangeSchema).min(1).describe('line ranges that count as right; the first is highlighted after answering'),
});
export type LineQuestion = z.infer<typeof lineQuestionSchema>;

/** Questions without a `kind` are single-choice questions, so older questions.json files parse unchanged. */
export const questionSchema = z.preprocess(
  (raw) => (raw && typeof raw === 'object' && !Array.isArray(raw) && !('kind' in raw) ? { ...raw, kind: 'choice' } : raw),
  z.discriminatedUnion('kind', [choiceQuestionSchema, lineQuestionSchema]),
);
export type Question = z.infer<typeof questionSchema>;
export const questionsFileSchema = z.array(questionSchema);

/** Weeks of the plan: what the home page shows even before a week has labs. */
export const weekSchema = z.object({
  number: z.number().int().min(1).max(4),
  title: z.string(),
  goal: z.string().describe('the week in one line'),
  outcomes: z.array(z.string()).describe('what the learner can do at the end'),
  exercises: z
    .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
    .optional()
    .describe("ids of content/exercises/ items (e.g. a troubleshooting simulation) that belong to the week; the week page lists them after its labs, in the plan's order"),
});
export type Week = z.infer<typeof weekSchema>;

/** One capstone of the plan's last step (content/capstones.json): the learner picks one. */
export const capstoneSchema = z.object({
  letter: z.string().regex(/^[A-Z]$/).describe('A, B…: how the plan names it; a built one lives in labs/capstone/<letter in lower case>-<slug>/'),
  title: z.string().min(3),
  summary: z.string().min(10).max(300).describe('what the learner builds, in a sentence or two'),
  buildsOn: z.string().min(3).describe('which weeks it builds on, e.g. "Weeks 2 and 4"'),
  lab: z
    .string()
    .regex(/^capstone\/[a-z0-9-]+$/)
    .nullable()
    .describe('the lab id (capstone/<slug>), or null while it is not built: the plan then shows it as coming, without a link'),
});
export type Capstone = z.infer<typeof capstoneSchema>;

/** The plan's last step, after the four weeks. */
export const capstoneStepSchema = z.object({
  title: z.string().min(3),
  goal: z.string().min(10).describe('one line: what the step asks'),
  capstones: z.array(capstoneSchema).min(1),
});
export type CapstoneStep = z.infer<typeof capstoneStepSchema>;

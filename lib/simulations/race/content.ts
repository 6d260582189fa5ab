/**
 * The lab's programs, described by content/race/index.json and validated here with
 * zod so that bad content fails tests with a message naming the program. The files
 * themselves are read by the caller (fs in tests and build scripts, a bundle in the
 * browser): this module never touches the file system.
 */
import { z } from 'zod';

const outputSchema = z.array(z.string()).describe('stdout, line by line');

export const raceProgramSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable id, also used by the lab checks.'),
  title: z.string().min(1).describe('Short title shown to the learner.'),
  file: z
    .string()
    .regex(/^labs\/[a-z0-9/-]+\/starter\/[a-z0-9-]+\.go$/)
    .describe("Go source, relative to the repository: the lab's starter file, which content/race/record.mjs runs under real Go."),
  shows: z.string().min(1).describe('What the program teaches, in a sentence or three.'),
  group: z.enum(['caught', 'clean', 'not-caught']).describe('caught: -race flags it; clean: correct and quiet; not-caught: a bug -race does not report.'),
  goFlagsIt: z.boolean().describe("Whether Go's race detector reports a data race for it (and so must the model)."),
  modelOutcome: z.enum(['race', 'clean', 'wrong-result', 'deadlock']).describe('What the model shows for it under some seeds.'),
  toFix: z.boolean().describe('One of the programs the learner fixes.'),
  raceLines: z.tuple([z.number().int(), z.number().int()]).optional().describe('The two source lines the report names (either order).'),
  expectedOutputs: z.array(outputSchema).min(1).describe('Every correct output (more than one when a correct program may print in either order).'),
  wrongOutputs: z.array(outputSchema).optional().describe('Wrong results a schedule can produce (logic races).'),
  minGoroutines: z.number().int().min(1).describe('Goroutines besides main the program (and any fix) must start.'),
  fixes: z.array(z.string()).describe('Ids of the reference fixes.'),
});
export type RaceProgram = z.infer<typeof raceProgramSchema>;

export const raceFixSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  fixes: z.string().describe('Id of the program it fixes.'),
  title: z.string().min(1),
  file: z
    .string()
    .regex(/^(labs\/[a-z0-9/-]+\/(solution|alternative)|content\/race\/fixes)\/[a-z0-9-]+\.go$/)
    .describe("Go source, relative to the repository: the lab's solution or alternative file, or a further fix in content/race/fixes."),
  how: z.string().min(1).describe('The idea of the fix, in a sentence.'),
});
export type RaceFix = z.infer<typeof raceFixSchema>;

export const raceIndexSchema = z
  .object({
    lab: z.string(),
    file: z.string().describe('The path the programs are reported under, as in the transcripts.'),
    programs: z.array(raceProgramSchema).min(1),
    fixes: z.array(raceFixSchema),
  })
  .superRefine((index, ctx) => {
    const ids = new Set(index.programs.map((p) => p.id));
    for (const p of index.programs) {
      if (p.goFlagsIt !== (p.modelOutcome === 'race')) ctx.addIssue({ code: 'custom', message: `program ${p.id}: goFlagsIt and modelOutcome disagree` });
      for (const f of p.fixes) if (!index.fixes.some((x) => x.id === f && x.fixes === p.id)) ctx.addIssue({ code: 'custom', message: `program ${p.id}: fix ${f} is not listed as fixing it` });
    }
    for (const f of index.fixes) if (!ids.has(f.fixes)) ctx.addIssue({ code: 'custom', message: `fix ${f.id}: fixes unknown program ${f.fixes}` });
  });
export type RaceIndex = z.infer<typeof raceIndexSchema>;

/** Parses index.json's data; throws an error naming the file and the bad field. */
export function parseRaceIndex(data: unknown): RaceIndex {
  const r = raceIndexSchema.safeParse(data);
  if (!r.success) throw new Error(`content/race/index.json: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** One real run of a program: the command, what the terminal showed, how it ended. */
export const recordedRunSchema = z.object({
  command: z.string().describe('What was run, in /tmp/race: `go build -race -o prog main.go && ./prog`.'),
  exitCode: z.number().int().nullable().describe('The exit code; null when it hung and was killed.'),
  hung: z.boolean().describe('Still running after the timeout, and killed.'),
  transcript: z.string().describe('stdout and stderr interleaved, as the terminal showed them.'),
});
export type RecordedRun = z.infer<typeof recordedRunSchema>;

/** content/race/recorded.json: real Go race detector runs, written by content/race/record.mjs. */
export const recordedSchema = z.object({
  $comment: z.string().optional(),
  tool: z.object({
    goVersion: z.string().regex(/^go\d/).describe('`go version`: go1.19.8'),
    platform: z.string().describe('linux/amd64'),
    recorded: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('The day of the runs.'),
    runs: z.number().int().positive().describe('Runs of each -race binary.'),
    timeoutSeconds: z.number().positive().describe('A run still going after this long was killed (a hang).'),
    file: z.string().describe('Where each program was compiled from: /tmp/race/main.go, the path in the reports.'),
  }),
  programs: z.record(
    z.string(),
    z.object({
      source: z.string().describe('The exact program that was run.'),
      race: recordedRunSchema.describe('The first -race run.'),
      plain: recordedRunSchema.describe('One run built without -race.'),
      test: recordedRunSchema.describe('`go test -race` with a test that calls main().'),
      sweep: z.object({
        runs: z.number().int().positive(),
        flagged: z.number().int().min(0).describe('Runs whose output had a WARNING: DATA RACE.'),
        hung: z.number().int().min(0),
        outputs: z.array(z.object({ output: z.string(), count: z.number().int().positive() })).describe('Each distinct stdout (without the detector\'s lines) and how many runs printed it.'),
      }),
    }),
  ),
});
export type Recorded = z.infer<typeof recordedSchema>;

/** Parses recorded.json's data; throws an error naming the file and the bad field. */
export function parseRecorded(data: unknown): Recorded {
  const r = recordedSchema.safeParse(data);
  if (!r.success) throw new Error(`content/race/recorded.json: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

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
  file: z.string().regex(/^programs\/[a-z0-9-]+\.go$/).describe('Go source, relative to content/race/.'),
  shows: z.string().min(1).describe('What the program teaches, in a sentence or three.'),
  group: z.enum(['caught', 'clean', 'not-caught']).describe('caught: -race flags it; clean: correct and quiet; not-caught: a bug -race does not report.'),
  goFlagsIt: z.boolean().describe("Whether Go's race detector reports a data race for it (and so must the model)."),
  modelOutcome: z.enum(['race', 'clean', 'wrong-result', 'deadlock']).describe('What the model shows for it under some seeds.'),
  toFix: z.boolean().describe('One of the programs the learner fixes.'),
  raceLines: z.tuple([z.number().int(), z.number().int()]).optional().describe('The two source lines the report names (either order).'),
  expectedOutputs: z.array(outputSchema).min(1).describe('Every correct output (more than one when a correct program may print in either order).'),
  wrongOutputs: z.array(outputSchema).optional().describe('Wrong results a schedule can produce (logic races).'),
  minGoroutines: z.number().int().min(1).describe('Goroutines besides main the program (and any fix) must start.'),
  recorded: z.string().regex(/^recorded\/[a-z0-9-]+\.txt$/).optional().describe('Reference transcript of `go run -race` for it.'),
  fixes: z.array(z.string()).describe('Ids of the reference fixes.'),
});
export type RaceProgram = z.infer<typeof raceProgramSchema>;

export const raceFixSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  fixes: z.string().describe('Id of the program it fixes.'),
  title: z.string().min(1),
  file: z.string().regex(/^fixes\/[a-z0-9-]+\.go$/),
  how: z.string().min(1).describe('The idea of the fix, in a sentence.'),
});
export type RaceFix = z.infer<typeof raceFixSchema>;

export const raceIndexSchema = z
  .object({
    lab: z.string(),
    file: z.string().describe('The path the programs are reported under, as in the transcripts.'),
    transcripts: z.object({
      kind: z.literal('reference').describe('Written in the real tool format, not captured here; see note.'),
      command: z.string(),
      goVersion: z.string(),
      platform: z.string(),
      written: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      note: z.string().min(1),
    }),
    programs: z.array(raceProgramSchema).min(1),
    fixes: z.array(raceFixSchema),
  })
  .superRefine((index, ctx) => {
    const ids = new Set(index.programs.map((p) => p.id));
    for (const p of index.programs) {
      if (p.goFlagsIt && !p.recorded) ctx.addIssue({ code: 'custom', message: `program ${p.id}: Go flags it, so it needs a recorded transcript` });
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

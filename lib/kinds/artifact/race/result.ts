/**
 * What the `race` simulation produces, as zod schemas (it crosses from the engine's
 * Worker to the page). For every Go program of the lab: its source, a sweep over many
 * seeded schedules (which seeds raced, deadlocked, crashed or printed a wrong result),
 * one run in detail (the race reports with both stacks, the interleaving, the terminal),
 * and, for the programs the lab ships, what the real Go race detector printed for them.
 * Shapes mirror lib/simulations/race (RunResult, SeedSweep, RaceReport).
 */
import { z } from 'zod';
import { provenanceSchema } from '../common';

/** One line pair of a Go stack trace. */
export const stackFrameSchema = z.object({
  /** Go symbol: `main.main.func1`, `runtime.mapassign_faststr`. */
  func: z.string(),
  file: z.string(),
  line: z.number().int(),
  /** `+0x..`: deterministic, not from a real binary. */
  offset: z.string(),
});
export type StackFrame = z.infer<typeof stackFrameSchema>;

/** One side of a data race. */
export const raceAccessSchema = z.object({
  op: z.enum(['read', 'write']),
  atomic: z.boolean(),
  /** Go's goroutine id: 1 is main, the program's own start at 7. */
  goroutine: z.number().int(),
  /** Innermost frame first. */
  stack: z.array(stackFrameSchema),
  /** The `go` statement's stack; absent for main. */
  createdAt: z.array(stackFrameSchema).optional(),
  status: z.enum(['running', 'finished']),
  /** Scheduling step of the access, 1-based. */
  step: z.number().int(),
});
export type RaceAccess = z.infer<typeof raceAccessSchema>;

export const raceReportSchema = z.object({
  /** The variable (or map) raced on. */
  variable: z.string(),
  address: z.string(),
  /** The access that found the race (Go's first stack). */
  current: raceAccessSchema,
  /** The earlier access it conflicts with ("Previous write at …"). */
  previous: raceAccessSchema,
  /** Source lines of [current, previous] in the program. */
  lines: z.tuple([z.number().int(), z.number().int()]),
  step: z.number().int(),
});
export type RaceReport = z.infer<typeof raceReportSchema>;

export const goroutineSchema = z.object({
  id: z.number().int(),
  /** `main.main`, `main.main.func1`, `main.worker`. */
  func: z.string(),
  /** Line of the `go` statement; absent for main. */
  createdAtLine: z.number().int().optional(),
  finished: z.boolean(),
  steps: z.number().int(),
});
export type GoroutineInfo = z.infer<typeof goroutineSchema>;

/** One run of one program under one seed, in detail. */
export const runDetailSchema = z.object({
  seed: z.number().int(),
  /** main returned (races or not). */
  ok: z.boolean(),
  output: z.array(z.string()),
  report: z.array(raceReportSchema),
  /** go vet findings in the code that ran (a lock passed by value). */
  warnings: z.array(z.object({ line: z.number().int(), message: z.string() })),
  deadlock: z
    .object({
      message: z.string(),
      goroutines: z.array(z.object({ goroutine: z.number().int(), state: z.string(), stack: z.array(stackFrameSchema) })),
    })
    .optional(),
  panic: z.string().optional(),
  runtimeError: z.string().optional(),
  stepLimitExceeded: z.boolean(),
  /** What `go run -race` would exit with: 0, 2 (panic, deadlock), 66 (races). */
  exitCode: z.number().int(),
  steps: z.number().int(),
  goroutines: z.array(goroutineSchema),
  /** [goroutine id, consecutive steps], from step 1. */
  slices: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** The run had more slices than `slices` holds. */
  truncated: z.boolean(),
  /** The terminal: stdout and the detector's stderr interleaved. */
  transcript: z.array(z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() })),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

/** What happened under one seed of a sweep, for the strip of schedules. */
export const seedOutcomeSchema = z.enum(['race', 'deadlock', 'failed', 'wrong', 'clean']);
export type SeedOutcome = z.infer<typeof seedOutcomeSchema>;

/** One program over many seeds (lib/simulations/race runSeeds). */
export const sweepSchema = z.object({
  firstSeed: z.number().int(),
  /** Seeds run (fewer than asked when it stopped at a run that never ended). */
  runs: z.number().int(),
  /** Outcome per seed, firstSeed first. */
  outcomes: z.array(seedOutcomeSchema),
  racySeeds: z.array(z.number().int()),
  deadlockSeeds: z.array(z.number().int()),
  failedSeeds: z.array(z.number().int()),
  /** Why each failed seed failed. */
  failures: z.array(z.object({ seed: z.number().int(), kind: z.enum(['panic', 'model-error', 'step-limit']), message: z.string() })),
  /** Seeds that ended normally but printed none of the program's right answers (known programs only). */
  wrongSeeds: z.array(z.number().int()),
  /** Each distinct stdout and the seeds that printed it. */
  outputs: z.array(z.object({ output: z.string(), seeds: z.array(z.number().int()) })),
  /** Fewest goroutines (besides main) any run started. */
  minGoroutinesStarted: z.number().int(),
  /** Distinct race line pairs, "17/17" (current/previous). */
  raceLines: z.array(z.string()),
  /** "racy under 50 of 50 schedules", "race-free under all 50 schedules; wrong result under 16". */
  summary: z.string(),
  stoppedAt: z.number().int().optional(),
});
export type Sweep = z.infer<typeof sweepSchema>;

/** One real run, as content/race/recorded.json keeps it. */
export const recordedRunSchema = z.object({
  command: z.string(),
  exitCode: z.number().int().nullable(),
  hung: z.boolean(),
  transcript: z.string(),
});

/** What the real Go race detector did with the program as the lab ships it. */
export const recordingSchema = z.object({
  /** kind 'recorded', tool "go1.19.8 linux/amd64", basis: the day of the runs. */
  provenance: provenanceSchema,
  /** The lab's file is still exactly the recorded program; false once the learner edited it. */
  sameSource: z.boolean(),
  /** The first `-race` run. */
  race: recordedRunSchema,
  /** One run built without `-race`. */
  plain: recordedRunSchema,
  /** `go test -race` with a test calling main(). */
  test: recordedRunSchema,
  /** All the -race runs: how many the detector flagged, how many hung, what they printed. */
  sweep: z.object({
    runs: z.number().int(),
    flagged: z.number().int(),
    hung: z.number().int(),
    timeoutSeconds: z.number(),
    outputs: z.array(z.object({ output: z.string(), count: z.number().int() })),
  }),
});
export type Recording = z.infer<typeof recordingSchema>;

export const raceProgramResultSchema = z.object({
  /** The lab file: `counter.go`. */
  path: z.string(),
  /** The program of content/race it is (by file name), or null for a file the lab adds. */
  id: z.string().nullable(),
  title: z.string().optional(),
  /** What the program teaches. */
  shows: z.string().optional(),
  /** caught: -race flags it; clean: correct and quiet; not-caught: a bug -race does not report. */
  group: z.enum(['caught', 'clean', 'not-caught']).optional(),
  /** Every right stdout (lines joined by \n), when the program is known. */
  expectedOutputs: z.array(z.string()).optional(),
  /** Goroutines besides main it (and any fix) starts. */
  minGoroutines: z.number().int().optional(),
  source: z.string(),
  /** The sweep; null when the run asked for none (one seed only). */
  sweep: sweepSchema.nullable(),
  /** The run shown in detail. */
  detail: runDetailSchema,
  recorded: recordingSchema.nullable(),
});
export type RaceProgramResult = z.infer<typeof raceProgramResultSchema>;

export const raceResultSchema = z.object({
  simulation: z.literal('race'),
  /** One per Go file of the lab: the programs content/race knows in its order, then the others by path. */
  programs: z.array(raceProgramResultSchema),
  /** What is simulated and what was recorded, in a sentence or two. */
  note: z.string(),
});
export type RaceResult = z.infer<typeof raceResultSchema>;

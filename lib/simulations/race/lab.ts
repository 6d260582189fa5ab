/**
 * The check API of the lab "What -race catches": run a learner's Go program in the
 * model under one seeded schedule, or under many, and get back data a check can
 * assert on (races, output, deadlock, how many goroutines ran), never a thrown error.
 */
import { z } from 'zod';
import { GoSyntaxError, ModelError } from './errors';
import { Interpreter } from './interpreter';
import { Machine, type Outcome, type TranscriptLine } from './machine';
import type { Program } from './ast';
import { parseProgram } from './parser';
import { formatDeadlock, formatPanic, formatRaceReport, formatRaceSummary } from './report-format';
import type { DeadlockInfo, RaceReport, StackFrame } from './report-types';
import { sweepSummary } from './sweep-summary';

export const DEFAULT_STEP_LIMIT = 200_000;
/** Slices of the interleaving a result keeps, so a long run stays small to send and draw. */
export const MAX_SLICES = 4000;

export const runOptionsSchema = z.object({
  seed: z.number().int().describe('Seed of the scheduler: the same program and seed always give the same interleaving.'),
  stepLimit: z.number().int().positive().default(DEFAULT_STEP_LIMIT).describe('Scheduling steps before the run is stopped as a program that never ends.'),
});
export type RunOptions = z.input<typeof runOptionsSchema>;

/** Where the source failed to parse (or uses a construct outside the model). */
export interface ParseErrorInfo {
  line: number;
  column: number;
  /** "line 7, column 12: expected '{' after func()". */
  message: string;
}

/** A goroutine of the run: id as Go prints it (1 = main), its function, how far it got. */
export interface GoroutineSummary {
  id: number;
  /** The function it started in: `main.main`, `main.main.func1`, `main.worker`. */
  func: string;
  /** Line of the `go` statement that started it; absent for main. */
  createdAtLine?: number;
  /** It returned before the program ended. */
  finished: boolean;
  steps: number;
}

export interface RunResult {
  /** Parsed, and main returned normally (races or not). False on a parse error, panic, deadlock or step limit. */
  ok: boolean;
  parseError?: ParseErrorInfo;
  /** A model error at run time (an undefined name, a wrong type: what Go would reject when compiling): the message. */
  runtimeError?: string;
  /** Where that model error is, 1-based. */
  runtimeErrorAt?: { line: number; column: number };
  /** What go vet would report about the code that ran (a lock copied by value), per line. */
  warnings: { line: number; message: string }[];
  /** What the program printed, line by line. */
  output: string[];
  /** Data races found, in the order the detector reported them. */
  report: RaceReport[];
  deadlock?: DeadlockInfo;
  /** A Go panic or fatal error message (`panic: assignment to entry in nil map`). */
  panic?: string;
  /** The run was stopped at the step limit. */
  stepLimitExceeded: boolean;
  /** What `go run -race` would exit with: 0, 2 (panic, deadlock) or 66 (races found). */
  exitCode: number;
  steps: number;
  /** Every goroutine, main first. `goroutines.length - 1` is how many `go` statements ran. */
  goroutines: GoroutineSummary[];
  interleaving: {
    /** How often the scheduler switched from one goroutine to another. */
    switches: number;
    /** Consecutive steps per goroutine, e.g. "1×14 6×3 7×5 …" (capped at 40 slices). */
    summary: string;
    /** Every slice: [goroutine id, consecutive steps], in order, from step 1 (capped at MAX_SLICES). */
    slices: [number, number][];
    /** More slices ran than `slices` holds. */
    truncated: boolean;
  };
  /** The terminal as `go run -race main.go` shows it: stdout and the detector's stderr interleaved. */
  transcript: TranscriptLine[];
}

/** A program parsed once, or its syntax error: what `runProgram` runs. */
export type ParsedSource = { program: Program } | { parseError: NonNullable<RunResult['parseError']> };

/** Parses `source` (line and column of a syntax error, 1-based). Throws only for a bug of the parser. */
export function parseSource(source: string): ParsedSource {
  try {
    return { program: parseProgram(source) };
  } catch (err) {
    if (err instanceof GoSyntaxError) return { parseError: { line: err.pos.line, column: err.pos.col, message: err.message } };
    throw err;
  }
}

/**
 * Runs `source` once under the schedule of `seed`. Never throws for a bad program.
 * `parsed`: `source` already parsed (a sweep parses once for all its seeds; the
 * interpreter never changes the syntax tree, lab.test.ts runs it frozen).
 */
export function runProgram(source: string, options: RunOptions, parsed: ParsedSource = parseSource(source)): RunResult {
  const { seed, stepLimit } = runOptionsSchema.parse(options);
  const empty = { output: [], report: [], warnings: [], stepLimitExceeded: false, steps: 0, goroutines: [], interleaving: { switches: 0, summary: '', slices: [], truncated: false }, transcript: [] };
  if ('parseError' in parsed) return { ...empty, ok: false, exitCode: 1, parseError: parsed.parseError };
  const { program } = parsed;
  let machine!: Machine;
  machine = new Machine(seed, stepLimit, (r) => machine.stderr(formatRaceReport(r)));
  const interp = new Interpreter(machine, program);
  machine.spawn(() => interp.main(), undefined, []);
  machine.current = machine.goroutines[0];
  let outcome: Outcome;
  try {
    outcome = machine.run();
  } catch (err) {
    if (err instanceof ModelError) outcome = { kind: 'error', message: err.message, line: err.pos.line, column: err.pos.col };
    else throw err;
  }
  machine.flushStdout();
  const created = new Map<number, { stack: StackFrame[]; parent: number }>();
  for (const g of machine.goroutines) if (g.createdAt) created.set(g.gid, { stack: g.createdAt, parent: g.parentGid ?? 1 });
  const races = machine.detector.reports.length;
  let exitCode = 0;
  const result: RunResult = {
    ok: outcome.kind === 'exit',
    output: machine.stdout.split('\n').filter((line, i, all) => i < all.length - 1 || line !== ''),
    report: machine.detector.reports,
    warnings: machine.warnings,
    stepLimitExceeded: outcome.kind === 'step-limit',
    exitCode,
    steps: machine.steps,
    goroutines: machine.goroutines.map((g) => ({
      id: g.gid,
      func: g.entry ?? 'main.main',
      createdAtLine: g.createdAt?.[0]?.line,
      finished: g.done,
      steps: g.steps,
    })),
    interleaving: {
      switches: Math.max(0, machine.slices.length - 1),
      summary: machine.slices.slice(0, 40).map(([gid, n]) => `${gid}×${n}`).join(' ') + (machine.slices.length > 40 ? ' …' : ''),
      slices: machine.slices.slice(0, MAX_SLICES).map(([gid, n]) => [gid, n] as [number, number]),
      truncated: machine.slices.length > MAX_SLICES,
    },
    transcript: machine.transcript,
  };
  switch (outcome.kind) {
    case 'exit':
      machine.stderr(formatRaceSummary(races));
      exitCode = races ? 66 : 0;
      break;
    case 'deadlock':
      result.deadlock = outcome.deadlock;
      machine.stderr(formatDeadlock(outcome.deadlock, created));
      exitCode = 2;
      break;
    case 'panic':
      result.panic = outcome.message;
      machine.stderr(formatPanic(outcome.message, outcome.goroutine, outcome.stack, created.get(outcome.goroutine)));
      exitCode = 2;
      break;
    case 'error':
      result.runtimeError = outcome.message;
      result.runtimeErrorAt = { line: outcome.line, column: outcome.column };
      machine.stderr([`model error: ${outcome.message}`]);
      exitCode = 1;
      break;
    case 'step-limit':
      machine.stderr([`model: stopped after ${machine.steps} scheduling steps: the program may never end (a loop without an exit, or goroutines that wait on each other while one keeps running)`]);
      exitCode = 1;
      break;
  }
  result.exitCode = exitCode;
  return result;
}

/** Why a seed's run did not end normally (besides a deadlock). */
export interface SeedFailure {
  seed: number;
  kind: 'panic' | 'model-error' | 'step-limit';
  /** Go's panic message, the model error with its line, or the step limit note. */
  message: string;
  /** Line of a model error, 1-based. */
  line?: number;
  column?: number;
}

/** Aggregate of one program over many seeds. */
export interface SeedSweep {
  /** Seeds run (fewer than asked when the sweep stopped at a run that never ended). */
  runs: number;
  firstSeed: number;
  /** Seeds whose run reported at least one race. */
  racySeeds: number[];
  deadlockSeeds: number[];
  /** Seeds that panicked, hit a model error or the step limit. */
  failedSeeds: number[];
  /** What went wrong under each failed seed. */
  failures: SeedFailure[];
  /** The sweep stopped early: this seed's run hit the step limit, and every further seed would likely cost as much. */
  stoppedAt?: number;
  /** Each distinct stdout (lines joined by \n) and the seeds that printed it. */
  outputs: { output: string; seeds: number[] }[];
  /** Fewest goroutines (besides main) any run started. */
  minGoroutinesStarted: number;
  /** Distinct race line pairs over all runs, "12/12" (current/previous). */
  raceLines: string[];
  /** "racy under 37 of 50 schedules", "race-free under all 50 schedules". */
  summary: string;
  parseError?: ParseErrorInfo;
}

/**
 * Runs seeds firstSeed … firstSeed+runs-1 and aggregates. With `stopOnStepLimit`, the
 * first run that hits the step limit ends the sweep (`stoppedAt`): a program that never
 * ends would cost the full limit under every seed.
 */
export function runSeeds(source: string, options: { runs?: number; firstSeed?: number; stepLimit?: number; stopOnStepLimit?: boolean } = {}): SeedSweep {
  const runs = options.runs ?? 50;
  const first = options.firstSeed ?? 1;
  const sweep: SeedSweep = { runs, firstSeed: first, racySeeds: [], deadlockSeeds: [], failedSeeds: [], failures: [], outputs: [], minGoroutinesStarted: Infinity, raceLines: [], summary: '' };
  const outputs = new Map<string, number[]>();
  const lines = new Set<string>();
  const parsed = parseSource(source);
  for (let seed = first; seed < first + runs; seed++) {
    const r = runProgram(source, { seed, stepLimit: options.stepLimit }, parsed);
    if (r.parseError) return { ...sweep, runs: 0, minGoroutinesStarted: 0, parseError: r.parseError, summary: r.parseError.message };
    if (r.report.length) sweep.racySeeds.push(seed);
    if (r.deadlock) sweep.deadlockSeeds.push(seed);
    if (r.panic || r.runtimeError || r.stepLimitExceeded) {
      sweep.failedSeeds.push(seed);
      if (r.panic) sweep.failures.push({ seed, kind: 'panic', message: r.panic });
      else if (r.runtimeError) sweep.failures.push({ seed, kind: 'model-error', message: r.runtimeError, line: r.runtimeErrorAt?.line, column: r.runtimeErrorAt?.column });
      else sweep.failures.push({ seed, kind: 'step-limit', message: `stopped after ${r.steps} scheduling steps: the program may never end` });
    }
    for (const rep of r.report) lines.add(`${rep.lines[0]}/${rep.lines[1]}`);
    const out = r.output.join('\n');
    outputs.set(out, [...(outputs.get(out) ?? []), seed]);
    sweep.minGoroutinesStarted = Math.min(sweep.minGoroutinesStarted, r.goroutines.length - 1);
    if (r.stepLimitExceeded && options.stopOnStepLimit) {
      sweep.stoppedAt = seed;
      sweep.runs = seed - first + 1;
      break;
    }
  }
  sweep.outputs = [...outputs].map(([output, seeds]) => ({ output, seeds }));
  sweep.raceLines = [...lines].sort();
  sweep.summary = sweepSummary(sweep);
  return sweep;
}

/**
 * What a lab check asks of a learner's fix: no race under any of the seeds, no crash,
 * still as concurrent as the original (at least `minGoroutines` started), and a
 * right answer printed every time (`outputs` lists every acceptable stdout). `message` says which failed, in the learner's terms.
 */
export function verifyFix(
  source: string,
  expect: { outputs: string[][]; minGoroutines: number; runs?: number },
): { pass: boolean; message: string; sweep: SeedSweep } {
  const sweep = runSeeds(source, { runs: expect.runs ?? 50 });
  const fail = (message: string) => ({ pass: false, message, sweep });
  if (sweep.parseError) return fail(`The program does not parse: ${sweep.parseError.message}`);
  if (sweep.racySeeds.length) return fail(`Still racy: the detector reported a race under ${sweep.racySeeds.length} of ${sweep.runs} schedules (first: seed ${sweep.racySeeds[0]}).`);
  if (sweep.deadlockSeeds.length) return fail(`The fix deadlocks under ${sweep.deadlockSeeds.length} of ${sweep.runs} schedules (first: seed ${sweep.deadlockSeeds[0]}).`);
  if (sweep.failedSeeds.length) return fail(`The program crashed or never ended under seed ${sweep.failedSeeds[0]}.`);
  if (sweep.minGoroutinesStarted < expect.minGoroutines) {
    return fail(`Only ${sweep.minGoroutinesStarted} goroutine(s) started; the work must still run in ${expect.minGoroutines} goroutines (removing the go statements is not a fix).`);
  }
  const wanted = expect.outputs.map((o) => o.join('\n'));
  const wrong = sweep.outputs.find((o) => !wanted.includes(o.output));
  if (wrong) return fail(`Under seed ${wrong.seeds[0]} it printed ${JSON.stringify(wrong.output)} instead of ${wanted.map((w) => JSON.stringify(w)).join(' or ')}.`);
  return { pass: true, message: `Race-free and correct under all ${sweep.runs} schedules.`, sweep };
}

/**
 * The `race` simulation: every Go file of the lab is a program, run in the race model
 * (lib/simulations/race) under a sweep of seeded schedules and once in detail. Pure and
 * deterministic for the same files and options; never throws for a bad program.
 *
 * Options: options.ts (which programs, which seed in detail, how many seeds).
 */
import type { FileError, ParseResult } from '../common';
import type { SimulateOptions } from '../record';
import { runProgram, runSeeds, type RunResult, type SeedSweep } from '../../../simulations/race/lab';
import { RECORDED, RECORDED_TOOL, recordingFor } from './catalogue';
import { readRaceOptions } from './options';
import { programForPath, RACE_INDEX } from './programs';
import { raceSweepSummary } from './summary';
import type { RaceProgramResult, RaceResult, RunDetail, SeedOutcome, Sweep } from './result';

/**
 * Scheduling steps before a run counts as never ending. The lab's programs need under
 * 2,000; the limit leaves room for any reasonable fix and keeps a sweep of a program that
 * spins forever short (the sweep stops at the first such seed).
 */
export const STEP_LIMIT = 50_000;

export const NEEDS = 'Go programs that compile, in the part of Go the model runs';

export const SIMULATED_NOTE =
  `Simulated: Go does not run in the browser. Each program runs in a model of goroutines with a seeded scheduler and a happens-before race detector of the kind -race uses; one seed is one schedule. ` +
  `The real output beside it was recorded from ${RECORDED_TOOL} on ${RECORDED.tool.recorded}, for the programs as the lab ships them.`;

/** Known programs in content/race's order, then the others by path. */
function programPaths(files: Record<string, string>, only?: string[]): string[] {
  const order = (path: string) => {
    const known = programForPath(path);
    return known ? RACE_INDEX.programs.indexOf(known) : RACE_INDEX.programs.length;
  };
  return Object.keys(files)
    .filter((p) => p.endsWith('.go') && (!only || only.includes(p)))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

function toSweep(s: SeedSweep, expected: string[] | undefined): Sweep {
  const racy = new Set(s.racySeeds);
  const deadlocked = new Set(s.deadlockSeeds);
  const failed = new Set(s.failedSeeds);
  const wrongSeeds = expected ? s.outputs.filter((o) => !expected.includes(o.output)).flatMap((o) => o.seeds.filter((seed) => !deadlocked.has(seed) && !failed.has(seed))).sort((a, b) => a - b) : [];
  const wrong = new Set(wrongSeeds);
  const outcomes: SeedOutcome[] = [];
  for (let seed = s.firstSeed; seed < s.firstSeed + s.runs; seed++) {
    outcomes.push(racy.has(seed) ? 'race' : deadlocked.has(seed) ? 'deadlock' : failed.has(seed) ? 'failed' : wrong.has(seed) ? 'wrong' : 'clean');
  }
  const failures = s.failures.map(({ seed, kind, message }) => ({ seed, kind, message }));
  return {
    firstSeed: s.firstSeed,
    runs: s.runs,
    outcomes,
    racySeeds: s.racySeeds,
    deadlockSeeds: s.deadlockSeeds,
    failedSeeds: s.failedSeeds,
    failures,
    wrongSeeds,
    outputs: s.outputs,
    minGoroutinesStarted: Number.isFinite(s.minGoroutinesStarted) ? s.minGoroutinesStarted : 0,
    raceLines: s.raceLines,
    summary: raceSweepSummary({ ...s, failures, wrongSeeds }),
    ...(s.stoppedAt !== undefined ? { stoppedAt: s.stoppedAt } : {}),
  };
}

function toDetail(seed: number, r: RunResult): RunDetail {
  return {
    seed,
    ok: r.ok,
    output: r.output,
    report: r.report,
    warnings: r.warnings,
    ...(r.deadlock ? { deadlock: r.deadlock } : {}),
    ...(r.panic ? { panic: r.panic } : {}),
    ...(r.runtimeError ? { runtimeError: r.runtimeError } : {}),
    stepLimitExceeded: r.stepLimitExceeded,
    exitCode: r.exitCode,
    steps: r.steps,
    goroutines: r.goroutines,
    slices: r.interleaving.slices,
    truncated: r.interleaving.truncated,
    transcript: r.transcript,
  };
}

/** The seed to show: the first that went wrong, so the picture shows the bug when there is one. */
function firstInteresting(sweep: Sweep | null): number | undefined {
  if (!sweep) return undefined;
  const i = sweep.outcomes.findIndex((o) => o !== 'clean');
  return i >= 0 ? sweep.firstSeed + i : undefined;
}

/** Runs the lab's Go programs. `labSeed` is lab.json's `artifact.seed`. */
export function simulateRace(files: Record<string, string>, options: SimulateOptions, labSeed: number): { parse: ParseResult; result: RaceResult | null } {
  const opts = readRaceOptions(options);
  const errors: FileError[] = [];
  const programs: RaceProgramResult[] = [];
  for (const path of programPaths(files, opts.programs)) {
    const source = files[path];
    const known = programForPath(path);
    const expected = known?.expectedOutputs.map((o) => o.join('\n'));
    const raw = opts.runs > 0 ? runSeeds(source, { runs: opts.runs, firstSeed: opts.firstSeed, stepLimit: STEP_LIMIT, stopOnStepLimit: true }) : null;
    const sweep = raw && !raw.parseError ? toSweep(raw, expected) : null;
    const seed = opts.seed ?? firstInteresting(sweep) ?? labSeed;
    const run = runProgram(source, { seed, stepLimit: STEP_LIMIT });
    if (run.parseError) {
      errors.push({ file: path, line: run.parseError.line, column: run.parseError.column, message: run.parseError.message.replace(/^line \d+, column \d+: /, '') });
      continue;
    }
    // The model finds what a Go compiler would reject (an undefined name, a wrong type)
    // only when the code runs: it is still the file's error, at its line.
    const modelError = raw?.failures.find((f) => f.kind === 'model-error' && f.line) ?? (run.runtimeErrorAt ? { line: run.runtimeErrorAt.line, column: run.runtimeErrorAt.column, message: run.runtimeError ?? '' } : undefined);
    if (modelError?.line) {
      errors.push({ file: path, line: modelError.line, column: modelError.column ?? 1, message: modelError.message.replace(/^line \d+, column \d+: /, '') });
      continue;
    }
    programs.push({
      path,
      id: known?.id ?? null,
      ...(known ? { title: known.title, shows: known.shows, group: known.group, expectedOutputs: expected, minGoroutines: known.minGoroutines } : {}),
      source,
      sweep,
      detail: toDetail(seed, run),
      recorded: known ? recordingFor(known.id, source) : null,
    });
  }
  if (errors.length) return { parse: { ok: false, errors, needs: NEEDS }, result: null };
  return { parse: { ok: true, errors: [] }, result: { simulation: 'race', programs, note: SIMULATED_NOTE } };
}

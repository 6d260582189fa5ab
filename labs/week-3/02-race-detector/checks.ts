/**
 * Checks for "What -race catches". Each one runs the learner's two fixed programs in the
 * race model (lib/simulations/race, through the `race` simulation) under a sweep of 50
 * seeded schedules and asserts on what happened: races reported, deadlocks and crashes,
 * goroutines started, what was printed. None reads the Go text, so any correct fix passes
 * (a mutex, an atomic, a channel, a private copy…) and a fix that only looks right fails.
 */
import { expect, fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext } from '@/lib/kinds/artifact/record';
import type { RaceProgramResult, RaceResult } from '@/lib/kinds/artifact/race/result';
import { raceProgram } from '@/lib/kinds/artifact/race/programs';

type Ctx = ArtifactCheckContext<RaceResult>;

const COUNTER = 'counter.go';
const MAP = 'map-range.go';
/** Both fixes in one simulation, which every check shares (same options, one run). */
const OPTIONS = { programs: [COUNTER, MAP], runs: 50 };

/** The sweep and detail run of one of the two programs, or a failure saying why there is none. */
async function program(ctx: Ctx, path: string): Promise<RaceProgramResult & { sweep: NonNullable<RaceProgramResult['sweep']> }> {
  const record = await ctx.simulate(OPTIONS);
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail(`${path} runs in the model`, `${e.file}:${e.line}:${e.column}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'race') fail('the programs simulated', record.engineError ?? 'the simulation did not run');
  const result = record.simulation.programs.find((p) => p.path === path);
  if (!result?.sweep) fail(`${path} simulated under 50 schedules`, `the lab has no file ${path}`);
  return result as RaceProgramResult & { sweep: NonNullable<RaceProgramResult['sweep']> };
}

const seeds = (list: number[]) => (list.length === 1 ? `seed ${list[0]}` : `seeds ${list.slice(0, 3).join(', ')}${list.length > 3 ? '…' : ''}`);

/** No race under any schedule; the message names the lines and the first seeds. */
async function noRace(ctx: Ctx, path: string) {
  const p = await program(ctx, path);
  const { racySeeds, raceLines, runs } = p.sweep;
  const lines = raceLines.map((pair) => pair.split('/').map((l) => `line ${l}`).join(' against ')).join('; ');
  expect(racySeeds.length === 0, `no data race under any of the ${runs} schedules`, () => `the detector reported a race under ${racySeeds.length} of ${runs} schedules (${seeds(racySeeds)}): ${lines}. Pick one of those seeds in the results to see both stacks.`);
}

/** Every schedule that finished printed one of the right answers, and at least one finished. */
async function rightOutput(ctx: Ctx, path: string, id: string) {
  const p = await program(ctx, path);
  const right = raceProgram(id).expectedOutputs.map((o) => o.join('\n'));
  const wanted = right.map((r) => JSON.stringify(r)).join(' or ');
  const { deadlockSeeds, failedSeeds, outputs, runs } = p.sweep;
  const ended = outputs.filter((o) => o.seeds.some((s) => !deadlockSeeds.includes(s) && !failedSeeds.includes(s)));
  expect(ended.length > 0, `the program to finish and print ${wanted}`, `no schedule of ${runs} ran to the end, so nothing was printed (see the check on deadlocks)`);
  const wrong = ended.find((o) => !right.includes(o.output));
  expect(!wrong, `${wanted} under every schedule`, () => `under ${seeds(wrong!.seeds)} it printed ${JSON.stringify(wrong!.output)}`);
}

/** At least as many goroutines as the original program starts, under every schedule. */
async function stillConcurrent(ctx: Ctx, path: string, id: string) {
  const p = await program(ctx, path);
  const needed = raceProgram(id).minGoroutines;
  const started = p.sweep.minGoroutinesStarted;
  expect(started >= needed, `the work still done by ${needed} goroutine${needed > 1 ? 's' : ''} besides main under every schedule`, `only ${started} started under some schedule: a program without go statements has no race to report, and no concurrency either`);
}

/** No deadlock, no panic, no run that never ends, under any schedule. */
async function alwaysEnds(ctx: Ctx, path: string) {
  const p = await program(ctx, path);
  const { deadlockSeeds, failures, stoppedAt, runs } = p.sweep;
  if (deadlockSeeds.length) {
    const blocked = p.detail.deadlock?.goroutines.map((g) => `goroutine ${g.goroutine} waits in ${g.state} at line ${g.stack.find((f) => f.file.endsWith('main.go'))?.line ?? '?'}`).join(', ');
    fail(`the program to end under every one of the ${runs} schedules`, `it deadlocked under ${deadlockSeeds.length} (${seeds(deadlockSeeds)})${blocked && p.detail.seed === deadlockSeeds[0] ? `: ${blocked}` : ''}`);
  }
  if (stoppedAt !== undefined) fail('the program to end under every schedule', `under seed ${stoppedAt} it was still running after 50,000 scheduling steps: look for a loop that waits for something that never comes`);
  const first = failures[0];
  expect(!first, 'no panic under any schedule', () => `under seed ${first!.seed}: ${first!.message}`);
}

const checks: LabCheck<Ctx>[] = [
  {
    id: 'counter-race-free',
    task: 1,
    title: 'The counter has no data race under any of 50 schedules',
    hint: 'Both goroutines must agree on what orders their counter++: one sync.Mutex they share, an atomic counter, or a channel so only one goroutine ever touches it. A sleep orders nothing.',
    run: (ctx) => noRace(ctx, COUNTER),
  },
  {
    id: 'counter-total',
    task: 1,
    title: 'The counter prints 200 under every schedule',
    hint: 'Read the total only after both goroutines are done (wg.Wait, or receiving from each), and make each read-increment-write one step no other goroutine can cut in two.',
    run: (ctx) => rightOutput(ctx, COUNTER, 'counter'),
  },
  {
    id: 'map-race-free',
    task: 2,
    title: 'The map write and the range never race',
    hint: 'The write and the whole range loop must be ordered: hold one lock around each (Lock for the write, RLock for the loop), range over a real copy made before the goroutine starts, or wait for the writer first.',
    run: (ctx) => noRace(ctx, MAP),
  },
  {
    id: 'map-result',
    task: 2,
    title: 'The map program still counts right: total 8 or 12, and 3 players',
    hint: 'The total may include linus or not, depending on who went first; the number of players is read after the writer finished, so it is always 3.',
    run: (ctx) => rightOutput(ctx, MAP, 'map-range'),
  },
  {
    id: 'counter-concurrent',
    task: 3,
    title: 'The counter is still bumped by two goroutines',
    hint: 'Keep the go statements: running the loops one after the other hides the race instead of fixing it.',
    run: (ctx) => stillConcurrent(ctx, COUNTER, 'counter'),
  },
  {
    id: 'map-concurrent',
    task: 3,
    title: 'The map is still written by its own goroutine',
    hint: 'Keep the go statement of the writer.',
    run: (ctx) => stillConcurrent(ctx, MAP, 'map-range'),
  },
  {
    id: 'counter-ends',
    task: 3,
    title: 'The counter never deadlocks, panics or hangs',
    hint: 'Every Lock needs its Unlock on the same path, before the next Lock: a defer runs when the function returns, not at the end of a loop iteration.',
    run: (ctx) => alwaysEnds(ctx, COUNTER),
  },
  {
    id: 'map-ends',
    task: 3,
    title: 'The map program never deadlocks, panics or hangs',
    hint: 'Do not wait for the writer while you hold the lock it needs: release the read lock before wg.Wait().',
    run: (ctx) => alwaysEnds(ctx, MAP),
  },
];

export default checks;

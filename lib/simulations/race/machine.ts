/**
 * The goroutines of one run and the seeded scheduler that interleaves them.
 *
 * Each goroutine is a generator that yields at every scheduling point (each shared
 * memory access, channel and lock operation, go statement, Sleep and loop
 * iteration). After every yield a PRNG seeded by the run's seed picks which
 * runnable goroutine takes the next step, so a program and a seed always give the
 * same interleaving. Time is virtual: a step is one microsecond, time.Sleep parks a
 * goroutine until that much virtual time has passed, and when every goroutine is
 * asleep or blocked the clock jumps to the next wake-up. Nothing reads the wall clock.
 *
 * Goroutine ids follow what a `-race` build of Go 1.19 prints (content/race/recorded.json):
 * main is 1 and the runtime's own goroutines take 2-6, so the program's first `go`
 * statement makes 7.
 */
import type { Accessor } from './detector';
import { Detector } from './detector';
import { GoPanic, ModelError } from './errors';
import { mulberry32 } from '../../random';
import { materialise, type DeadlockInfo, type RaceReport, type StackFrame } from './report-types';
import { Location } from './values';
import { VectorClock } from './vector-clock';

/** What a goroutine yields to the scheduler. */
export type Step =
  | { kind: 'point' }
  | { kind: 'block'; until: () => boolean; state: string }
  | { kind: 'sleep'; ns: number };

export type Gen<T> = Generator<Step, T, void>;

export const POINT: Step = { kind: 'point' };

/** Virtual nanoseconds one scheduling step takes. */
export const STEP_NS = 1000;
export const FIRST_USER_GOROUTINE_ID = 7;

export interface Goroutine extends Accessor {
  /** Outermost first; the top frame's line moves as the goroutine runs. */
  frames: { func: string; line: number }[];
  gen: Gen<unknown>;
  wait?: { until: () => boolean; state: string };
  wakeAt?: number;
  steps: number;
  /**
   * The last copy of `frames` an access kept (the detector holds it in its shadows, so it is
   * never changed): a loop's accesses at the same lines share one copy instead of each
   * allocating its own (framesNow).
   */
  framesKept?: { func: string; line: number }[];
  /** The function the goroutine runs (set at its first call): `main.main.func1`, `main.worker`. */
  entry?: string;
  /** Go id of the goroutine whose `go` statement started this one; absent for main. */
  parentGid?: number;
}

/** A copy of the goroutine's frames as they are now, reusing the last copy when they have not changed since. */
function framesNow(g: Goroutine): { func: string; line: number }[] {
  const now = g.frames;
  const kept = g.framesKept;
  if (kept && kept.length === now.length) {
    let same = true;
    for (let i = 0; i < now.length && same; i++) same = kept[i].line === now[i].line && kept[i].func === now[i].func;
    if (same) return kept;
  }
  return (g.framesKept = now.map((f) => ({ func: f.func, line: f.line })));
}

/** How the run ended. */
export type Outcome =
  | { kind: 'exit' }
  | { kind: 'deadlock'; deadlock: DeadlockInfo }
  | { kind: 'panic'; message: string; fatal: boolean; goroutine: number; stack: StackFrame[] }
  | { kind: 'error'; message: string; line: number; column: number }
  | { kind: 'step-limit' };

/** A line as the terminal shows it: the program's stdout, or the race detector's stderr. */
export interface TranscriptLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export class Machine {
  readonly goroutines: Goroutine[] = [];
  readonly detector = new Detector();
  readonly transcript: TranscriptLine[] = [];
  stdout = '';
  current!: Goroutine;
  steps = 0;
  now = 0;
  /** Consecutive runs of one goroutine: [gid, steps]. */
  readonly slices: [number, number][] = [];
  /** What go vet would say about the code that ran (e.g. a lock copied by value), once per line and message. */
  readonly warnings: { line: number; message: string }[] = [];
  readonly rand: () => number;
  private locations = 0;
  private pendingStdout = '';

  constructor(
    seed: number,
    private readonly stepLimit: number,
    private readonly onRace: (r: RaceReport) => void,
  ) {
    this.rand = mulberry32(seed);
  }

  /** Notes a go vet finding at `line`, once. */
  warn(line: number, message: string): void {
    if (!this.warnings.some((w) => w.line === line && w.message === message)) this.warnings.push({ line, message });
  }

  newLocation(name: string, line: number, global = false): Location {
    return new Location(++this.locations, name, line, global);
  }

  /** Starts a goroutine; the parent's clock so far happens before the child's first step. */
  spawn(body: () => Gen<unknown>, createdAt: StackFrame[] | undefined, frames: { func: string; line: number }[]): Goroutine {
    const index = this.goroutines.length;
    const parent = this.goroutines.length ? this.current : undefined;
    const clock = parent ? parent.clock.copy() : new VectorClock();
    clock.tick(index);
    const g: Goroutine = {
      index,
      gid: index === 0 ? 1 : FIRST_USER_GOROUTINE_ID + index - 1,
      clock,
      createdAt,
      done: false,
      frames,
      gen: undefined as unknown as Gen<unknown>,
      steps: 0,
      parentGid: parent?.gid,
    };
    g.gen = body();
    this.goroutines.push(g);
    if (parent) parent.clock.tick(parent.index);
    return g;
  }

  /** The current goroutine's stack, innermost first, optionally under a runtime frame (map operations). */
  stack(runtimeFrame?: StackFrame): StackFrame[] {
    return materialise({ frames: this.current.frames, runtime: runtimeFrame });
  }

  setLine(line: number): void {
    const frames = this.current.frames;
    if (frames.length) frames[frames.length - 1].line = line;
  }

  access(loc: Location, op: 'read' | 'write', atomic: boolean, runtimeFrame?: StackFrame): void {
    const frames = framesNow(this.current);
    const report = this.detector.access(loc, op, atomic, this.current, { frames, runtime: runtimeFrame }, this.steps);
    if (report) this.onRace(report);
  }

  acquire(clock: VectorClock): void {
    this.current.clock.join(clock);
  }

  /** Publishes everything the current goroutine did so far into `clock`, then starts a new epoch. */
  release(clock: VectorClock): void {
    clock.join(this.current.clock);
    this.current.clock.tick(this.current.index);
  }

  print(text: string): void {
    this.stdout += text;
    this.pendingStdout += text;
    const lines = this.pendingStdout.split('\n');
    this.pendingStdout = lines.pop() ?? '';
    for (const line of lines) this.transcript.push({ stream: 'stdout', text: line });
  }

  stderr(lines: string[]): void {
    this.flushStdout();
    for (const text of lines) this.transcript.push({ stream: 'stderr', text });
  }

  flushStdout(): void {
    if (this.pendingStdout) this.transcript.push({ stream: 'stdout', text: this.pendingStdout });
    this.pendingStdout = '';
  }

  /** Runs until main returns, every goroutine is blocked, a panic, or the step limit. */
  run(): Outcome {
    const main = this.goroutines[0];
    const runnable: Goroutine[] = [];
    for (;;) {
      if (this.steps >= this.stepLimit) return { kind: 'step-limit' };
      runnable.length = 0;
      for (const g of this.goroutines) if (!g.done && (g.wakeAt === undefined || g.wakeAt <= this.now) && (!g.wait || g.wait.until())) runnable.push(g);
      if (runnable.length === 0) {
        const sleepers = this.goroutines.filter((g) => !g.done && g.wakeAt !== undefined);
        if (sleepers.length) {
          this.now = Math.min(...sleepers.map((g) => g.wakeAt!));
          continue;
        }
        return { kind: 'deadlock', deadlock: this.deadlock() };
      }
      const g = runnable.length === 1 ? runnable[0] : runnable[Math.floor(this.rand() * runnable.length)];
      g.wait = undefined;
      g.wakeAt = undefined;
      this.current = g;
      this.steps++;
      this.now += STEP_NS;
      g.steps++;
      const last = this.slices[this.slices.length - 1];
      if (last && last[0] === g.gid) last[1]++;
      else this.slices.push([g.gid, 1]);
      let r: IteratorResult<Step, unknown>;
      try {
        r = g.gen.next();
      } catch (err) {
        if (err instanceof GoPanic) return { kind: 'panic', message: err.message, fatal: err.fatal, goroutine: g.gid, stack: this.stack() };
        if (err instanceof ModelError) return { kind: 'error', message: err.message, line: err.pos.line, column: err.pos.col };
        if (err instanceof RangeError) return { kind: 'panic', message: 'stack overflow', fatal: true, goroutine: g.gid, stack: this.stack() };
        throw err;
      }
      if (r.done) {
        g.done = true;
        if (g === main) return { kind: 'exit' };
      } else if (r.value.kind === 'block') {
        g.wait = { until: r.value.until, state: r.value.state };
      } else if (r.value.kind === 'sleep') {
        g.wakeAt = this.now + r.value.ns;
      }
    }
  }

  private deadlock(): DeadlockInfo {
    return {
      message: 'fatal error: all goroutines are asleep - deadlock!',
      goroutines: this.goroutines
        .filter((g) => !g.done)
        .map((g) => {
          this.current = g;
          return { goroutine: g.gid, state: g.wait?.state ?? 'runnable', stack: this.stack() };
        }),
    };
  }
}

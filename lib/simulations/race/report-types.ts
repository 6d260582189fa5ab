/** The shapes a run reports: stack frames, race reports, deadlocks. */

/** The file every learner program is reported as, like `go run -race` of /tmp/race/main.go. */
export const MAIN_FILE = '/tmp/race/main.go';

/** One line pair of a Go stack trace: `main.main.func1()` / `/tmp/race/main.go:12 +0x3c`. */
export interface StackFrame {
  /** Go symbol: `main.main`, `main.main.func1`, `runtime.mapassign_faststr`. */
  func: string;
  file: string;
  line: number;
  /** The `+0x..` PC offset. Fake but deterministic (see fakeOffset); runtime entry frames are `+0x0` as in Go. */
  offset: string;
}

/** One side of a race: what was done, by whom, where. */
export interface RaceAccess {
  op: 'read' | 'write';
  /** An atomic operation (sync/atomic). Two atomics never race; an atomic and a plain access can. */
  atomic: boolean;
  /** Go's goroutine id: 1 is main; the program's own goroutines are numbered from 7, as Go 1.19 under -race numbers them (see machine.ts). */
  goroutine: number;
  /** Innermost frame first, as Go prints it. */
  stack: StackFrame[];
  /** The stack of the `go` statement that started the goroutine; absent for main. */
  createdAt?: StackFrame[];
  /** Whether the goroutine was still running or had finished when the race was reported. */
  status: 'running' | 'finished';
  /** The run's scheduling step at which the access happened (1-based, as RunResult.steps counts). */
  step: number;
}

/** A data race the detector found: two accesses to one location, at least one a write, unordered by happens-before. */
export interface RaceReport {
  /** The Go variable (or map) raced on. */
  variable: string;
  /** Deterministic fake address of the location, `0x00c000012118`. */
  address: string;
  /** The access that detected the race (Go's first stack). */
  current: RaceAccess;
  /** The earlier, conflicting access (Go's "Previous ..." stack). */
  previous: RaceAccess;
  /** The source lines in main.go of the innermost program frame of each access: [current, previous]. */
  lines: [number, number];
  /** The step of the run at which it was reported. */
  step: number;
}

/** A goroutine's state when the program deadlocked. */
export interface BlockedGoroutine {
  goroutine: number;
  /** Go's wait reason: `sync.Mutex.Lock`, `chan receive`, `sync.WaitGroup.Wait`. */
  state: string;
  stack: StackFrame[];
}

export interface DeadlockInfo {
  message: 'fatal error: all goroutines are asleep - deadlock!';
  goroutines: BlockedGoroutine[];
}

/**
 * A fake `+0x..` offset for a frame, derived from the function name and line so
 * that it is the same on every run (real offsets are PC distances into the
 * compiled function, which this model does not have).
 */
export function fakeOffset(func: string, line: number): string {
  let h = line * 131;
  for (let i = 0; i < func.length; i++) h = (h * 31 + func.charCodeAt(i)) >>> 0;
  return `+0x${(0x1c + (h % 0x1e0)).toString(16)}`;
}

/**
 * A fake address for a location, derived from its name and declaration line (real
 * ones vary per run): package-level variables live in the binary's data segment
 * (`0x0000006…` on linux/amd64), everything else on the heap (`0x00c000…`).
 */
export function fakeAddress(name: string, line: number, id: number, global = false): string {
  let h = line * 7 + id * 104729;
  for (let i = 0; i < name.length; i++) h = (h * 33 + name.charCodeAt(i)) >>> 0;
  const low = (0x10000 + (h % 0xf0000)) & ~7;
  return global ? `0x0000006${(low & 0xfffff).toString(16).padStart(5, '0')}` : `0x00c000${low.toString(16).padStart(6, '0')}`;
}

/** A stack as captured at an access (outermost first, cheap to copy); turned into StackFrames only for a report. */
export interface RawStack {
  frames: { func: string; line: number }[];
  /** The runtime function the access happened in (map operations, atomics). */
  runtime?: StackFrame;
}

/** Innermost first, with the program's file and deterministic fake offsets. */
export function materialise(raw: RawStack): StackFrame[] {
  const frames: StackFrame[] = [];
  for (let i = raw.frames.length - 1; i >= 0; i--) {
    const f = raw.frames[i];
    frames.push({ func: f.func, file: MAIN_FILE, line: f.line, offset: fakeOffset(f.func, f.line) });
  }
  return raw.runtime ? [raw.runtime, ...frames] : frames;
}

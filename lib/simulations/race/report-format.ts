/**
 * Formats what a run found the way a `go run -race` terminal shows it: race reports
 * between `==================` rules, Go's deadlock and panic tracebacks (with the
 * runtime's own frames left out), `Found N data race(s)` and the exit status.
 */
import type { BlockedGoroutine, DeadlockInfo, RaceAccess, RaceReport, StackFrame } from './report-types';

export const RULE = '==================';

function frames(stack: StackFrame[]): string[] {
  return stack.flatMap((f) => [`  ${f.func}()`, `      ${f.file}:${f.line} ${f.offset}`]);
}

function who(a: RaceAccess): string {
  return a.goroutine === 1 ? 'main goroutine' : `goroutine ${a.goroutine}`;
}

function opLabel(a: RaceAccess, first: boolean): string {
  const base = `${a.atomic ? 'atomic ' : ''}${a.op}`;
  const text = first ? base : `previous ${base}`;
  return text[0].toUpperCase() + text.slice(1);
}

/** One race report, as the Go race detector prints it to stderr. */
export function formatRaceReport(r: RaceReport): string[] {
  const out = [RULE, 'WARNING: DATA RACE'];
  out.push(`${opLabel(r.current, true)} at ${r.address} by ${who(r.current)}:`, ...frames(r.current.stack), '');
  out.push(`${opLabel(r.previous, false)} at ${r.address} by ${who(r.previous)}:`, ...frames(r.previous.stack));
  const seen = new Set<number>();
  for (const a of [r.current, r.previous]) {
    if (a.goroutine === 1 || !a.createdAt || seen.has(a.goroutine)) continue;
    seen.add(a.goroutine);
    out.push('', `Goroutine ${a.goroutine} (${a.status}) created at:`, ...frames(a.createdAt));
  }
  out.push(RULE);
  return out;
}

function traceback(stack: StackFrame[]): string[] {
  return stack.flatMap((f) => [`${f.func}()`, `\t${f.file}:${f.line} ${f.offset}`]);
}

/** Go's deadlock crash: the fatal error, then each goroutine's wait reason and stack (runtime frames omitted). */
export function formatDeadlock(d: DeadlockInfo, createdAt: Map<number, { stack: StackFrame[]; parent: number }>): string[] {
  const out: string[] = [d.message];
  for (const g of d.goroutines) out.push('', ...goroutineBlock(g, createdAt.get(g.goroutine)));
  out.push('exit status 2');
  return out;
}

/** Go prints at most 100 frames of a goroutine and elides the rest. */
const MAX_FRAMES = 100;

function goroutineBlock(g: BlockedGoroutine, created?: { stack: StackFrame[]; parent: number }): string[] {
  const out = [`goroutine ${g.goroutine} [${g.state}]:`, ...traceback(g.stack.slice(0, MAX_FRAMES))];
  if (g.stack.length > MAX_FRAMES) out.push('...additional frames elided...');
  if (created?.stack.length) {
    const c = created.stack[0];
    out.push(`created by ${c.func} in goroutine ${created.parent}`, `\t${c.file}:${c.line} ${c.offset}`);
  }
  return out;
}

/** A panic or fatal error: the message, then the failing goroutine's traceback. */
export function formatPanic(message: string, goroutine: number, stack: StackFrame[], created?: { stack: StackFrame[]; parent: number }): string[] {
  return [...message.split('\n'), '', ...goroutineBlock({ goroutine, state: 'running', stack }, created), 'exit status 2'];
}

/** The last lines of a run with races: Go's race runtime makes the process exit with status 66. */
export function formatRaceSummary(count: number): string[] {
  return count ? [`Found ${count} data race(s)`, 'exit status 66'] : [];
}

/**
 * A happens-before race detector of ThreadSanitizer's kind (the one `go test -race`
 * links in): every goroutine has a vector clock, synchronisation joins clocks, and
 * each location keeps a shadow of its last write and of the last read per goroutine.
 * An access races with a shadowed one when they come from different goroutines, one
 * is a write, not both are atomic, and the earlier does not happen before the later.
 *
 * Like Go's, it only sees the accesses that happened in this one execution: a racy
 * path the schedule (or the tests) never ran is invisible to it.
 *
 * Reports are de-duplicated as TSan does by default (suppress_equal_addresses and
 * suppress_equal_stacks): one report per location, and one per pair of source lines.
 */
import { materialise, type RaceAccess, type RaceReport, type RawStack, type StackFrame } from './report-types';
import type { Location } from './values';
import { happensBefore, type VectorClock } from './vector-clock';

/** The goroutine doing an access, as the detector needs it. */
export interface Accessor {
  index: number;
  gid: number;
  clock: VectorClock;
  createdAt?: StackFrame[];
  done: boolean;
}

interface Shadow {
  op: 'read' | 'write';
  atomic: boolean;
  who: Accessor;
  epoch: number;
  stack: RawStack;
  /** Scheduling step of the access in the run (for pictures of the interleaving). */
  step: number;
}

interface LocationShadow {
  write?: Shadow;
  reads: Map<number, Shadow>;
}

export class Detector {
  readonly reports: RaceReport[] = [];
  private readonly shadows = new Map<number, LocationShadow>();
  private readonly reportedLocations = new Set<number>();
  private readonly reportedPairs = new Set<string>();

  /** Records an access and returns the race it completes, if it is a new one. */
  access(loc: Location, op: 'read' | 'write', atomic: boolean, who: Accessor, stack: RawStack, step: number): RaceReport | undefined {
    let shadow = this.shadows.get(loc.id);
    if (!shadow) {
      shadow = { reads: new Map() };
      this.shadows.set(loc.id, shadow);
    }
    const current: Shadow = { op, atomic, who, epoch: who.clock.get(who.index), stack, step };
    const candidates = op === 'write' ? [shadow.write, ...shadow.reads.values()] : [shadow.write];
    let report: RaceReport | undefined;
    for (const prev of candidates) {
      if (prev && this.races(prev, current)) {
        report = this.report(loc, current, prev, step);
        break;
      }
    }
    if (op === 'write') {
      shadow.write = current;
      shadow.reads.clear(); // every later access is checked against this write, which the reads were
    } else {
      shadow.reads.set(who.index, current);
    }
    return report;
  }

  private races(prev: Shadow, cur: Shadow): boolean {
    if (prev.who.index === cur.who.index) return false;
    if (prev.op === 'read' && cur.op === 'read') return false;
    if (prev.atomic && cur.atomic) return false;
    return !happensBefore(prev.who.index, prev.epoch, cur.who.clock);
  }

  private report(loc: Location, cur: Shadow, prev: Shadow, step: number): RaceReport | undefined {
    const lines: [number, number] = [userLine(cur.stack), userLine(prev.stack)];
    const pair = [`${innermost(cur.stack)}:${lines[0]}`, `${innermost(prev.stack)}:${lines[1]}`].sort().join('|');
    if (this.reportedLocations.has(loc.id) || this.reportedPairs.has(pair)) return undefined;
    this.reportedLocations.add(loc.id);
    this.reportedPairs.add(pair);
    const side = (s: Shadow): RaceAccess => ({
      op: s.op,
      atomic: s.atomic,
      goroutine: s.who.gid,
      stack: materialise(s.stack),
      createdAt: s.who.createdAt,
      status: s.who.done ? 'finished' : 'running',
      step: s.step,
    });
    const report: RaceReport = { variable: loc.name, address: loc.address, current: side(cur), previous: side(prev), lines, step };
    this.reports.push(report);
    return report;
  }
}

/** The line of the innermost frame in the program's own file. */
function userLine(stack: RawStack): number {
  return stack.frames[stack.frames.length - 1]?.line ?? 0;
}

function innermost(stack: RawStack): string {
  return stack.frames[stack.frames.length - 1]?.func ?? '';
}

/**
 * Run-time values of the model and the memory locations the detector shadows.
 * Variables, maps and atomics each get one Location; a map is one location for
 * all its entries, as Go's runtime map instrumentation treats it.
 */
import type { FuncNode, TypeNode } from './ast';
import { fakeAddress } from './report-types';
import { VectorClock } from './vector-clock';

/**
 * A shadowed memory location: a variable, a map, or an atomic.Int64. Loops make one
 * per iteration variable, so the address and the atomic clock are only built when used.
 */
export class Location {
  private clock?: VectorClock;

  constructor(
    readonly id: number,
    /** The Go name, for reports and tests: `counter`, `scores`. */
    public name: string,
    /** Line where it was declared (or the map was made). */
    readonly line: number,
    /** A package-level variable (reported at a data-segment address). */
    readonly global: boolean,
  ) {}

  /** Deterministic fake address (see fakeAddress). */
  get address(): string {
    return fakeAddress(this.name, this.line, this.id, this.global);
  }

  /** Clock of the synchronising (atomic) operations on this location. */
  get syncClock(): VectorClock {
    return (this.clock ??= new VectorClock());
  }
}

export interface Cell {
  name: string;
  value: Value;
  loc: Location;
  /** Constants and function names: reading them is not a memory access. */
  constant: boolean;
}

export interface MapValue {
  kind: 'map';
  /** null for a nil map (reads give zero values, writes panic). */
  entries: Map<string | number | boolean, Value> | null;
  loc: Location;
  type: Extract<TypeNode, { kind: 'map' }>;
}

/** A value in flight on a channel, with the sender's clock at the send. */
export interface ChanItem {
  value: Value;
  clock: VectorClock;
  /** Unbuffered only: set when a receiver took it, with the receiver's clock. */
  taken: boolean;
  recvClock?: VectorClock;
}

export interface ChanValue {
  kind: 'chan';
  id: number;
  /** null for a nil channel (every operation blocks forever). */
  cap: number | null;
  elem: TypeNode;
  queue: ChanItem[];
  closed: boolean;
  closeClock: VectorClock;
  /** Buffered: receiver clocks by receive number; the k-th receive happens before send k+cap completes. */
  recvClocks: VectorClock[];
  sends: number;
}

export interface MutexValue {
  kind: 'mutex';
  rw: boolean;
  /** Held for writing (Lock). */
  locked: boolean;
  readers: number;
  /** Released by Unlock, acquired by Lock and RLock. */
  clock: VectorClock;
  /** Released by RUnlock, acquired by Lock only. */
  readClock: VectorClock;
}

export interface WaitGroupValue {
  kind: 'waitgroup';
  counter: number;
  clock: VectorClock;
}

/** atomic.Int64 / atomic.Int32: a value only touched through atomic methods. */
export interface AtomicValue {
  kind: 'atomic';
  value: number;
  loc: Location;
}

export interface FuncValue {
  kind: 'func';
  node: FuncNode;
  /** The scope the function closes over. */
  env: unknown;
}

export interface PointerValue {
  kind: 'pointer';
  cell: Cell | null;
}

export type Value = number | string | boolean | MapValue | ChanValue | MutexValue | WaitGroupValue | AtomicValue | FuncValue | PointerValue;

/** Sync values must not be copied (go vet's copylocks check); the model refuses to. */
export function isSyncValue(v: Value): v is MutexValue | WaitGroupValue | AtomicValue {
  return typeof v === 'object' && (v.kind === 'mutex' || v.kind === 'waitgroup' || v.kind === 'atomic');
}

export function typeName(t: TypeNode): string {
  switch (t.kind) {
    case 'named':
      return t.name;
    case 'qualified':
      return `${t.pkg}.${t.name}`;
    case 'map':
      return `map[${typeName(t.key)}]${typeName(t.value)}`;
    case 'chan':
      return `chan ${typeName(t.elem)}`;
    case 'pointer':
      return `*${typeName(t.elem)}`;
  }
}

/** Formats a value as fmt's %v does: `map[a:1 b:2]` with sorted keys, channels as addresses. */
export function formatValue(v: Value): string {
  if (typeof v !== 'object') return String(v);
  switch (v.kind) {
    case 'map': {
      if (!v.entries) return 'map[]';
      const keys = [...v.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `map[${keys.map((k) => `${String(k)}:${formatValue(v.entries!.get(k)!)}`).join(' ')}]`;
    }
    case 'chan':
      return v.cap === null ? '<nil>' : `0xc0000${(0x1a000 + v.id * 0x60).toString(16)}`;
    case 'atomic':
      return `{{} ${v.value}}`;
    case 'pointer':
      return v.cell ? `0xc0000${(0x12000 + v.cell.loc.id * 8).toString(16)}` : '<nil>';
    case 'func':
      return `0x${(0x47a000 + v.node.pos.line * 0x20).toString(16)}`;
    default:
      return '{...}';
  }
}

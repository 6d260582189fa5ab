/**
 * A tree-walking interpreter for the Go subset, written as generators so that every
 * goroutine can be suspended at each scheduling point (see machine.ts). Each read or
 * write of a variable, and each map operation, yields to the scheduler and is then
 * reported to the race detector with the goroutine's stack.
 */
import type { Expr, FuncNode, Pos, Program, TypeNode } from './ast';
import { packageValue, PACKAGE_NAMES, prepareBuiltin, prepareMethod, preparePackageCall } from './builtins';
import { GoPanic, ModelError } from './errors';
import { POINT, type Gen, type Machine } from './machine';
import { mapFrame } from './runtime-frames';
import { Scope } from './scope';
import { declare, execBlock } from './statements';
import { newMutex, receive } from './sync-ops';
import { VectorClock } from './vector-clock';
import { isSyncValue, typeName, type AtomicValue, type Cell, type FuncValue, type MapValue, type MutexValue, type Value, type WaitGroupValue } from './values';

/** A call whose function and arguments are evaluated, ready to run now, later (defer) or in a new goroutine (go). */
export interface PreparedCall {
  invoke(): Gen<Value | undefined>;
}

export type Completion = undefined | { kind: 'break' } | { kind: 'continue' } | { kind: 'return'; value?: Value };
export interface FuncCtx {
  defers: PreparedCall[];
}
export type Target = { kind: 'cell'; cell: Cell; pos: Pos } | { kind: 'entry'; map: MapValue; key: Value; pos: Pos } | { kind: 'discard' };

export const NIL: Value = { kind: 'pointer', cell: null };
const MAX_DEPTH = 500;

export class Interpreter {
  readonly globals = new Scope();
  private depth = new Map<number, number>();

  constructor(
    readonly m: Machine,
    readonly program: Program,
  ) {
    for (const [name, node] of program.funcs) {
      this.globals.vars.set(name, { name, value: { kind: 'func', node, env: this.globals }, loc: m.newLocation(name, node.pos.line), constant: true });
    }
  }

  /** Package-level variables, in order, then main(): the body of goroutine 1. */
  *main(): Gen<void> {
    for (const decl of this.program.globals) yield* declare(this, decl, this.globals);
    const main = this.globals.vars.get('main')!.value as FuncValue;
    yield* this.callFunction(main, [], main.node.pos, true);
  }

  cell(name: string, value: Value, pos: Pos, constant = false, global = false): Cell {
    const loc = typeof value === 'object' && value.kind === 'atomic' ? value.loc : this.m.newLocation(name, pos.line, global);
    if (typeof value === 'object' && value.kind === 'atomic') loc.name = name;
    return { name, value, loc, constant };
  }

  // ---- places ----

  *target(e: Expr, env: Scope): Gen<Target> {
    if (e.kind === 'ident') {
      if (e.name === '_') return { kind: 'discard' };
      const cell = env.lookup(e.name);
      if (!cell) throw new ModelError(e.pos, `undefined: ${e.name}`);
      if (cell.constant) throw new ModelError(e.pos, `cannot assign to ${e.name} (neither addressable nor a map index expression)`);
      return { kind: 'cell', cell, pos: e.pos };
    }
    if (e.kind === 'index') {
      const map = yield* this.eval(e.x, env);
      if (typeof map !== 'object' || map.kind !== 'map') throw new ModelError(e.pos, 'only maps can be indexed in this model');
      const key = yield* this.eval(e.index, env);
      return { kind: 'entry', map, key, pos: e.pos };
    }
    throw new ModelError(e.pos, 'cannot assign to this expression');
  }

  *load(t: Target): Gen<Value> {
    if (t.kind === 'discard') throw new ModelError({ line: 0, col: 0 }, 'cannot use _ as value');
    this.m.setLine(t.pos.line);
    yield POINT;
    if (t.kind === 'cell') {
      this.m.access(t.cell.loc, 'read', false);
      return t.cell.value;
    }
    this.m.access(t.map.loc, 'read', false, mapFrame('mapaccess1', typeName(t.map.type.key)));
    return t.map.entries?.get(t.key as string) ?? this.zero(t.map.type.value, '', t.pos);
  }

  *store(t: Target, v: Value): Gen<void> {
    if (t.kind === 'discard') return;
    if (isSyncValue(v)) throw copyError(t.pos, v.kind);
    this.m.setLine(t.pos.line);
    yield POINT;
    if (t.kind === 'cell') {
      this.m.access(t.cell.loc, 'write', false);
      t.cell.value = v;
      return;
    }
    this.m.access(t.map.loc, 'write', false, mapFrame('mapassign', typeName(t.map.type.key)));
    if (!t.map.entries) throw new GoPanic('panic: assignment to entry in nil map');
    t.map.entries.set(t.key as string, v);
  }

  // ---- expressions ----

  *eval(e: Expr, env: Scope): Gen<Value> {
    switch (e.kind) {
      case 'int':
        return e.value;
      case 'string':
        return e.value;
      case 'ident': {
        const cell = env.lookup(e.name);
        if (!cell) {
          if (e.name === 'true') return true;
          if (e.name === 'false') return false;
          if (e.name === 'nil') return NIL;
          throw new ModelError(e.pos, `undefined: ${e.name}`);
        }
        if (cell.constant) return cell.value;
        if (isSyncValue(cell.value)) throw copyError(e.pos, cell.value.kind);
        return yield* this.load({ kind: 'cell', cell, pos: e.pos });
      }
      case 'binary': {
        const left = yield* this.eval(e.left, env);
        if (e.op === '&&' || e.op === '||') {
          if (typeof left !== 'boolean') throw new ModelError(e.pos, `${e.op} needs bools`);
          if (e.op === '&&' ? !left : left) return left;
          const right = yield* this.eval(e.right, env);
          if (typeof right !== 'boolean') throw new ModelError(e.pos, `${e.op} needs bools`);
          return right;
        }
        const right = yield* this.eval(e.right, env);
        return this.binary(e.op, left, right, e.pos);
      }
      case 'unary': {
        if (e.op === '&') {
          if (e.operand.kind !== 'ident') throw new ModelError(e.pos, 'the model takes the address (&) of variables only');
          const cell = env.lookup(e.operand.name);
          if (!cell) throw new ModelError(e.pos, `undefined: ${e.operand.name}`);
          return { kind: 'pointer', cell };
        }
        const v = yield* this.eval(e.operand, env);
        if (e.op === '<-') {
          if (typeof v !== 'object' || v.kind !== 'chan') throw new ModelError(e.pos, 'receive (<-) needs a channel');
          this.m.setLine(e.pos.line);
          return (yield* receive(this.m, v, this.zero(v.elem, '', e.pos))).value;
        }
        if (e.op === '!') {
          if (typeof v !== 'boolean') throw new ModelError(e.pos, '! needs a bool');
          return !v;
        }
        if (typeof v !== 'number') throw new ModelError(e.pos, 'unary - needs a number');
        return -v;
      }
      case 'call': {
        const call = yield* this.prepareCall(e, env);
        const v = yield* call.invoke();
        if (v === undefined) throw new ModelError(e.pos, 'this call has no value to use');
        return v;
      }
      case 'make':
        return yield* this.make(e.type, e.size, env, e.pos);
      case 'selector': {
        if (e.x.kind === 'ident' && !env.lookup(e.x.name) && PACKAGE_NAMES.has(e.x.name)) return packageValue(e.x.name, e.name, e.pos);
        throw new ModelError(e.pos, `the model does not support the selector .${e.name} here (struct fields are not modelled)`);
      }
      case 'index': {
        const map = yield* this.eval(e.x, env);
        if (typeof map === 'string') throw new ModelError(e.pos, 'indexing strings is not supported by this model');
        if (typeof map !== 'object' || map.kind !== 'map') throw new ModelError(e.pos, 'only maps can be indexed in this model');
        const key = yield* this.eval(e.index, env);
        return yield* this.load({ kind: 'entry', map, key, pos: e.pos });
      }
      case 'funcLit':
        return { kind: 'func', node: e.func, env };
      case 'mapLit': {
        const map = (yield* this.make(e.type, undefined, env, e.pos)) as MapValue;
        for (const en of e.entries) map.entries!.set((yield* this.eval(en.key, env)) as string, yield* this.eval(en.value, env));
        return map;
      }
    }
  }

  /** `v, ok := m[k]` and `v, ok := <-ch`. */
  *commaOk(e: Expr, env: Scope): Gen<Value[]> {
    if (e.kind === 'index') {
      const map = yield* this.eval(e.x, env);
      if (typeof map !== 'object' || map.kind !== 'map') throw new ModelError(e.pos, 'only maps can be indexed in this model');
      const key = (yield* this.eval(e.index, env)) as string;
      this.m.setLine(e.pos.line);
      yield POINT;
      this.m.access(map.loc, 'read', false, mapFrame('mapaccess2', typeName(map.type.key)));
      const has = map.entries?.has(key) ?? false;
      return [has ? map.entries!.get(key)! : this.zero(map.type.value, '', e.pos), has];
    }
    if (e.kind === 'unary' && e.op === '<-') {
      const ch = yield* this.eval(e.operand, env);
      if (typeof ch !== 'object' || ch.kind !== 'chan') throw new ModelError(e.pos, 'receive (<-) needs a channel');
      this.m.setLine(e.pos.line);
      const r = yield* receive(this.m, ch, this.zero(ch.elem, '', e.pos));
      return [r.value, r.ok];
    }
    throw new ModelError(e.pos, 'assignment mismatch: 2 variables but 1 value');
  }

  binary(op: string, a: Value, b: Value, pos: Pos): Value {
    if (op === '==' || op === '!=') {
      const eq = a === NIL || b === NIL ? isNil(a) && isNil(b) : a === b;
      return op === '==' ? eq : !eq;
    }
    if (typeof a === 'string' && typeof b === 'string') {
      if (op === '+') return a + b;
      if (op === '<') return a < b;
      if (op === '<=') return a <= b;
      if (op === '>') return a > b;
      if (op === '>=') return a >= b;
    }
    if (typeof a !== 'number' || typeof b !== 'number') throw new ModelError(pos, `invalid operation: operator ${op} on ${describe(a)} and ${describe(b)}`);
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
      case '%':
        if (b === 0) throw new GoPanic('panic: runtime error: integer divide by zero');
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
    throw new ModelError(pos, `operator ${op} is not supported by this model`);
  }

  private *make(type: TypeNode, size: Expr | undefined, env: Scope, pos: Pos): Gen<Value> {
    const n = size ? yield* this.eval(size, env) : 0;
    if (typeof n !== 'number' || n < 0) throw new ModelError(pos, 'make needs a non-negative int size');
    if (type.kind === 'map') return { kind: 'map', entries: new Map(), loc: this.m.newLocation('map', pos.line), type };
    if (type.kind === 'chan') {
      return { kind: 'chan', id: this.m.newLocation('chan', pos.line).id, cap: n, elem: type.elem, queue: [], closed: false, closeClock: new VectorClock(), recvClocks: [], sends: 0 };
    }
    throw new ModelError(pos, 'make takes a map or channel type');
  }

  zero(type: TypeNode | undefined, name: string, pos: Pos): Value {
    if (!type) throw new ModelError(pos, 'a var needs a type or a value');
    switch (type.kind) {
      case 'named':
        return type.name === 'string' ? '' : type.name === 'bool' ? false : 0;
      case 'qualified':
        if (type.name === 'WaitGroup') return { kind: 'waitgroup', counter: 0, clock: new VectorClock() };
        if (type.name === 'Mutex' || type.name === 'RWMutex') return newMutex(type.name === 'RWMutex');
        return { kind: 'atomic', value: 0, loc: this.m.newLocation(name, pos.line) };
      case 'map':
        return { kind: 'map', entries: null, loc: this.m.newLocation(name || 'map', pos.line), type };
      case 'chan':
        return { kind: 'chan', id: 0, cap: null, elem: type.elem, queue: [], closed: false, closeClock: new VectorClock(), recvClocks: [], sends: 0 };
      case 'pointer':
        return NIL;
    }
  }

  // ---- calls ----

  *prepareCall(call: Extract<Expr, { kind: 'call' }>, env: Scope): Gen<PreparedCall> {
    const fn = call.fn;
    this.m.setLine(call.lparen.line);
    if (fn.kind === 'selector' && fn.x.kind === 'ident' && !env.lookup(fn.x.name) && PACKAGE_NAMES.has(fn.x.name)) {
      return yield* preparePackageCall(this, fn.x.name, fn.name, call, env);
    }
    if (fn.kind === 'selector') return yield* prepareMethod(this, fn, call, env);
    if (fn.kind === 'ident' && !env.lookup(fn.name)) {
      const builtin = yield* prepareBuiltin(this, fn.name, call, env);
      if (builtin) return builtin;
    }
    const f = yield* this.eval(fn, env);
    if (typeof f !== 'object' || f.kind !== 'func') throw new ModelError(call.pos, 'cannot call a non-function');
    const args: Value[] = [];
    for (const a of call.args) {
      const v = a.kind === 'ident' && isSyncValue(env.lookup(a.name)?.value ?? 0) ? env.lookup(a.name)!.value : yield* this.eval(a, env);
      args.push(v);
    }
    return { invoke: () => this.callFunction(f, args, call.lparen) };
  }

  /**
   * A copy of a mutex, WaitGroup or atomic, as passing one by value makes: the same
   * state at the moment of the copy, at a new address, so the race detector (which
   * keys synchronisation by address) sees a fresh object with no history.
   */
  private copySync(v: MutexValue | WaitGroupValue | AtomicValue, name: string, pos: Pos): Value {
    if (v.kind === 'mutex') return { ...v, clock: new VectorClock(), readClock: new VectorClock() };
    if (v.kind === 'waitgroup') return { ...v, clock: new VectorClock() };
    return { kind: 'atomic', value: v.value, loc: this.m.newLocation(name, pos.line) };
  }

  *callFunction(f: FuncValue, args: Value[], pos: Pos, isMain = false): Gen<Value | undefined> {
    const node: FuncNode = f.node;
    if (args.length !== node.params.length) throw new ModelError(pos, `wrong number of arguments in call to ${node.name}: have ${args.length}, want ${node.params.length}`);
    const g = this.m.current;
    const depth = (this.depth.get(g.index) ?? 0) + 1;
    if (depth > MAX_DEPTH) throw new GoPanic('runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow', true);
    this.depth.set(g.index, depth);
    g.frames.push({ func: node.name, line: node.pos.line });
    g.entry ??= node.name;
    const scope = new Scope(f.env as Scope);
    node.params.forEach((p, i) => {
      let arg = args[i];
      if (isSyncValue(arg)) {
        // Go copies it, as it copies any value passed by value: the function locks (or
        // counts down) its own copy, which orders nothing with the original.
        this.m.warn(pos.line, `call of ${node.name.replace(/^main\./, '')} copies lock value: ${syncTypeName(arg.kind, arg.kind === 'mutex' && arg.rw)}`);
        arg = this.copySync(arg, p.name, node.pos);
      }
      scope.vars.set(p.name, this.cell(p.name, arg, node.pos));
    });
    const fc: FuncCtx = { defers: [] };
    const c = yield* execBlock(this, node.body, scope, fc);
    for (const d of fc.defers.reverse()) yield* d.invoke();
    if (!isMain) g.frames.pop();
    this.depth.set(g.index, depth - 1);
    return c?.kind === 'return' ? c.value : undefined;
  }
}

function isNil(v: Value): boolean {
  if (v === NIL) return true;
  if (typeof v !== 'object') return false;
  if (v.kind === 'map') return v.entries === null;
  if (v.kind === 'chan') return v.cap === null;
  if (v.kind === 'pointer') return v.cell === null;
  return false;
}

function describe(v: Value): string {
  return typeof v === 'object' ? v.kind : typeof v;
}

function syncTypeName(kind: string, rw = false): string {
  if (kind === 'mutex') return rw ? 'sync.RWMutex' : 'sync.Mutex';
  return kind === 'waitgroup' ? 'sync.WaitGroup' : 'atomic.Int64';
}

function copyError(pos: Pos, kind: string, advice = 'use a pointer (&x) instead'): ModelError {
  const type = syncTypeName(kind);
  return new ModelError(pos, `this copies a ${type}, which must not be copied after first use (go vet reports it as copylocks): ${advice}`);
}

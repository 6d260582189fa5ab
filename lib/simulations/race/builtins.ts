/**
 * The library surface the model knows: fmt.Println/Printf/Sprintf, time.Sleep and
 * its duration constants, sync/atomic's functions, the methods of sync.Mutex,
 * sync.RWMutex, sync.WaitGroup and atomic.Int64/Int32, and the builtins len,
 * close, delete and panic.
 */
import type { Expr, Pos } from './ast';
import { GoPanic, ModelError } from './errors';
import type { Interpreter, PreparedCall } from './interpreter';
import { POINT, type Gen } from './machine';
import { atomicFrame, mapFrame } from './runtime-frames';
import type { Scope } from './scope';
import { atomicOp, close, lock, rlock, runlock, unlock, wgAdd, wgWait } from './sync-ops';
import { formatValue, typeName, type Location, type Value } from './values';

type CallExpr = Extract<Expr, { kind: 'call' }>;

export const PACKAGE_NAMES = new Set(['fmt', 'time', 'atomic', 'sync']);

const DURATIONS: Record<string, number> = { Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9 };

export function packageValue(pkg: string, name: string, pos: Pos): Value {
  if (pkg === 'time' && name in DURATIONS) return DURATIONS[name];
  throw new ModelError(pos, `${pkg}.${name} is not supported by this model`);
}

function* evalArgs(it: Interpreter, call: CallExpr, env: Scope): Gen<Value[]> {
  const out: Value[] = [];
  for (const a of call.args) out.push(yield* it.eval(a, env));
  return out;
}

function arity(call: CallExpr, name: string, n: number): void {
  if (call.args.length !== n) throw new ModelError(call.pos, `${name} takes ${n} argument${n === 1 ? '' : 's'}, got ${call.args.length}`);
}

const done = (v?: Value): PreparedCall => ({
  *invoke() {
    return v;
  },
});

export function* preparePackageCall(it: Interpreter, pkg: string, name: string, call: CallExpr, env: Scope): Gen<PreparedCall> {
  const m = it.m;
  const key = `${pkg}.${name}`;
  if (key === 'fmt.Println' || key === 'fmt.Print') {
    const args = yield* evalArgs(it, call, env);
    return { *invoke() { m.print(args.map(formatValue).join(key === 'fmt.Println' ? ' ' : '') + (key === 'fmt.Println' ? '\n' : '')); return undefined; } };
  }
  if (key === 'fmt.Printf' || key === 'fmt.Sprintf') {
    const args = yield* evalArgs(it, call, env);
    const text = sprintf(args, call.pos);
    if (key === 'fmt.Sprintf') return done(text);
    return { *invoke() { m.print(text); return undefined; } };
  }
  if (key === 'time.Sleep') {
    arity(call, key, 1);
    const [d] = yield* evalArgs(it, call, env);
    if (typeof d !== 'number') throw new ModelError(call.pos, 'time.Sleep takes a duration such as 10 * time.Millisecond');
    return {
      *invoke() {
        m.setLine(call.lparen.line);
        yield POINT;
        if (d > 0) yield { kind: 'sleep', ns: d };
        return undefined;
      },
    };
  }
  const atomicFn = /^atomic\.(Add|Load|Store|CompareAndSwap)(Int64|Int32)$/.exec(key);
  if (atomicFn) {
    const [, op] = atomicFn;
    arity(call, key, op === 'Load' ? 1 : op === 'CompareAndSwap' ? 3 : 2);
    const [ptr, ...rest] = yield* evalArgs(it, call, env);
    if (typeof ptr !== 'object' || ptr.kind !== 'pointer' || !ptr.cell) throw new ModelError(call.pos, `${key} takes a pointer to an integer variable: ${key}(&x, ...)`);
    const cell = ptr.cell;
    return {
      *invoke() {
        m.setLine(call.lparen.line);
        return yield* atomicInt(it, cell.loc, op, rest, () => cell.value as number, (v) => (cell.value = v), `sync/atomic.${op}${atomicFn[2]}`);
      },
    };
  }
  throw new ModelError(call.pos, `${key} is not supported by this model`);
}

function* atomicInt(it: Interpreter, loc: Location, op: string, args: Value[], get: () => number, set: (v: number) => void, frame: string): Gen<Value | undefined> {
  const m = it.m;
  const [a, b] = args as number[];
  return yield* atomicOp(m, loc, op === 'Load' ? 'read' : 'write', atomicFrame(frame), (): Value | undefined => {
    if (op === 'Add') {
      set(get() + a);
      return get();
    }
    if (op === 'Load') return get();
    if (op === 'Store') {
      set(a);
      return undefined;
    }
    if (get() !== a) return false;
    set(b);
    return true;
  });
}

export function* prepareMethod(it: Interpreter, fn: Extract<Expr, { kind: 'selector' }>, call: CallExpr, env: Scope): Gen<PreparedCall> {
  const m = it.m;
  let recv: Value;
  if (fn.x.kind === 'ident') {
    const cell = env.lookup(fn.x.name);
    if (!cell) throw new ModelError(fn.x.pos, `undefined: ${fn.x.name}`);
    recv = cell.value; // a method call takes the receiver's address: not a read of it
  } else {
    recv = yield* it.eval(fn.x, env);
  }
  if (typeof recv === 'object' && recv.kind === 'pointer') {
    if (!recv.cell) throw new GoPanic('panic: runtime error: invalid memory address or nil pointer dereference');
    recv = recv.cell.value;
  }
  const args = yield* evalArgs(it, call, env);
  const name = fn.name;
  const at = (body: () => Gen<Value | undefined>): PreparedCall => ({
    *invoke() {
      m.setLine(call.lparen.line);
      return yield* body();
    },
  });
  if (typeof recv === 'object' && recv.kind === 'mutex') {
    const mu = recv;
    arity(call, name, 0);
    if (name === 'Lock') return at(() => lock(m, mu) as Gen<undefined>);
    if (name === 'Unlock') return at(() => unlock(m, mu) as Gen<undefined>);
    if (mu.rw && name === 'RLock') return at(() => rlock(m, mu) as Gen<undefined>);
    if (mu.rw && name === 'RUnlock') return at(() => runlock(m, mu) as Gen<undefined>);
    throw new ModelError(call.pos, `${mu.rw ? 'sync.RWMutex' : 'sync.Mutex'}.${name} is not supported by this model (Lock and Unlock${mu.rw ? ', RLock and RUnlock' : ''} are)`);
  }
  if (typeof recv === 'object' && recv.kind === 'waitgroup') {
    const wg = recv;
    if (name === 'Add') {
      arity(call, name, 1);
      return at(() => wgAdd(m, wg, args[0] as number) as Gen<undefined>);
    }
    arity(call, name, 0);
    if (name === 'Done') return at(() => wgAdd(m, wg, -1) as Gen<undefined>);
    if (name === 'Wait') return at(() => wgWait(m, wg) as Gen<undefined>);
    throw new ModelError(call.pos, `sync.WaitGroup.${name} is not supported by this model (Add, Done and Wait are)`);
  }
  if (typeof recv === 'object' && recv.kind === 'atomic') {
    const a = recv;
    if (!['Add', 'Load', 'Store', 'CompareAndSwap'].includes(name)) throw new ModelError(call.pos, `atomic.Int64.${name} is not supported by this model (Add, Load, Store, CompareAndSwap are)`);
    arity(call, name, name === 'Load' ? 0 : name === 'CompareAndSwap' ? 2 : 1);
    return at(() => atomicInt(it, a.loc, name, args, () => a.value, (v) => (a.value = v), `sync/atomic.(*Int64).${name}`));
  }
  throw new ModelError(fn.pos, `.${name}: the model has methods only on sync.Mutex, sync.RWMutex, sync.WaitGroup and atomic.Int64`);
}

/** len, close, delete, panic; undefined when `name` is not one (then it is a program function). */
export function* prepareBuiltin(it: Interpreter, name: string, call: CallExpr, env: Scope): Gen<PreparedCall | undefined> {
  const m = it.m;
  if (name === 'len') {
    arity(call, name, 1);
    const [v] = yield* evalArgs(it, call, env);
    if (typeof v === 'string') return done(v.length);
    if (typeof v === 'object' && v.kind === 'map') return done(v.entries?.size ?? 0);
    if (typeof v === 'object' && v.kind === 'chan') return done(v.cap ? v.queue.length : 0);
    throw new ModelError(call.pos, 'len takes a string, a map or a channel here');
  }
  if (name === 'close') {
    arity(call, name, 1);
    const [ch] = yield* evalArgs(it, call, env);
    if (typeof ch !== 'object' || ch.kind !== 'chan') throw new ModelError(call.pos, 'close takes a channel');
    return { *invoke() { m.setLine(call.lparen.line); yield* close(m, ch); return undefined; } };
  }
  if (name === 'delete') {
    arity(call, name, 2);
    const [map, key] = yield* evalArgs(it, call, env);
    if (typeof map !== 'object' || map.kind !== 'map') throw new ModelError(call.pos, 'delete takes a map and a key');
    return {
      *invoke() {
        m.setLine(call.lparen.line);
        yield POINT;
        m.access(map.loc, 'write', false, mapFrame('mapdelete', typeName(map.type.key)));
        map.entries?.delete(key as string);
        return undefined;
      },
    };
  }
  if (name === 'panic') {
    arity(call, name, 1);
    const [v] = yield* evalArgs(it, call, env);
    return { *invoke(): Gen<undefined> { throw new GoPanic(`panic: ${formatValue(v)}`); } };
  }
  if (name === 'make' || name === 'append' || name === 'new' || name === 'cap' || name === 'recover' || name === 'copy') {
    throw new ModelError(call.pos, `the builtin ${name} is not supported by this model here`);
  }
  return undefined;
}

/** fmt's %d %s %v %t %q and %%. */
function sprintf(args: Value[], pos: Pos): string {
  const [format, ...rest] = args;
  if (typeof format !== 'string') throw new ModelError(pos, 'the first argument of Printf is the format string');
  let i = 0;
  return format.replace(/%([%dsvtq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (i >= rest.length) return `%!${verb}(MISSING)`;
    const v = rest[i++];
    return verb === 'q' ? JSON.stringify(String(v)) : formatValue(v);
  });
}

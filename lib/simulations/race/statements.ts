/**
 * Statements of the Go subset: declarations, assignments, loops (with Go 1.22's
 * per-iteration loop variables), range over maps, channels and ints (map order drawn
 * from the run's seed, as Go randomises it), go, defer, if, return.
 */
import type { Block, Stmt, TypeNode } from './ast';
import { ModelError } from './errors';
import type { Completion, FuncCtx, Interpreter, Target } from './interpreter';
import { POINT, type Gen } from './machine';
import { mapFrame } from './runtime-frames';
import { Scope } from './scope';
import { receive, send } from './sync-ops';
import { typeName, type Value } from './values';

export function* execBlock(it: Interpreter, block: Block, env: Scope, fc: FuncCtx): Gen<Completion> {
  for (const s of block.stmts) {
    const c = yield* exec(it, s, env, fc);
    if (c) return c;
  }
  return undefined;
}

export function* exec(it: Interpreter, s: Stmt, env: Scope, fc: FuncCtx): Gen<Completion> {
  it.m.setLine(s.pos.line);
  switch (s.kind) {
    case 'var':
    case 'const':
      yield* declare(it, s, env);
      return undefined;
    case 'assign':
      yield* assign(it, s, env);
      return undefined;
    case 'incdec': {
      const t = yield* it.target(s.target, env);
      const old = yield* it.load(t);
      if (typeof old !== 'number') throw new ModelError(s.pos, `${s.op} needs a number`);
      yield* it.store(t, old + (s.op === '++' ? 1 : -1));
      return undefined;
    }
    case 'expr':
      if (s.expr.kind === 'call') yield* (yield* it.prepareCall(s.expr, env)).invoke();
      else yield* it.eval(s.expr, env);
      return undefined;
    case 'send': {
      const ch = yield* it.eval(s.ch, env);
      const v = yield* it.eval(s.value, env);
      if (typeof ch !== 'object' || ch.kind !== 'chan') throw new ModelError(s.pos, 'send (<-) needs a channel on the left');
      it.m.setLine(s.pos.line);
      yield* send(it.m, ch, v);
      return undefined;
    }
    case 'go': {
      const call = yield* it.prepareCall(s.call, env);
      it.m.setLine(s.pos.line);
      yield POINT;
      const createdAt = it.m.stack();
      const frames = s.wrapper ? [{ func: s.wrapper, line: s.call.lparen.line }] : [];
      it.m.spawn(() => call.invoke(), createdAt, frames);
      return undefined;
    }
    case 'defer':
      fc.defers.push(yield* it.prepareCall(s.call, env));
      return undefined;
    case 'if': {
      const scope = new Scope(env);
      if (s.init) yield* exec(it, s.init, scope, fc);
      const cond = yield* it.eval(s.cond, scope);
      if (typeof cond !== 'boolean') throw new ModelError(s.cond.pos, 'the if condition must be a bool');
      if (cond) return yield* execBlock(it, s.then, new Scope(scope), fc);
      if (!s.else) return undefined;
      if ('kind' in s.else) return yield* exec(it, s.else, scope, fc);
      return yield* execBlock(it, s.else, new Scope(scope), fc);
    }
    case 'for':
      return yield* forLoop(it, s, env, fc);
    case 'range':
      return yield* rangeLoop(it, s, env, fc);
    case 'return': {
      if (s.values.length > 1) throw new ModelError(s.pos, 'the model supports one return value');
      const value = s.values.length ? yield* it.eval(s.values[0], env) : undefined;
      return { kind: 'return', value };
    }
    case 'break':
    case 'continue':
      return { kind: s.kind };
    case 'block':
      return yield* execBlock(it, s.block, new Scope(env), fc);
  }
}

export function* declare(it: Interpreter, s: Extract<Stmt, { kind: 'var' | 'const' }>, env: Scope): Gen<void> {
  if (s.values.length && s.values.length !== s.names.length) throw new ModelError(s.pos, `assignment mismatch: ${s.names.length} variable(s) but ${s.values.length} value(s)`);
  const values: Value[] = [];
  for (let i = 0; i < s.names.length; i++) {
    if (s.values.length) values.push(yield* it.eval(s.values[i], env));
    else values.push(it.zero((s as { type: TypeNode }).type, s.names[i], s.pos));
  }
  s.names.forEach((name, i) => {
    if (name !== '_') env.vars.set(name, it.cell(name, values[i], s.pos, s.kind === 'const', env === it.globals));
  });
}

export function* assign(it: Interpreter, s: Extract<Stmt, { kind: 'assign' }>, env: Scope): Gen<void> {
  if (s.op === ':=' || s.op === '=') {
    let values: Value[];
    if (s.targets.length === 2 && s.values.length === 1) values = yield* it.commaOk(s.values[0], env);
    else {
      if (s.targets.length !== s.values.length) throw new ModelError(s.pos, `assignment mismatch: ${s.targets.length} variable(s) but ${s.values.length} value(s)`);
      values = [];
      for (const e of s.values) values.push(yield* it.eval(e, env));
    }
    if (s.op === ':=') {
      let fresh = 0;
      for (let i = 0; i < s.targets.length; i++) {
        const name = (s.targets[i] as { name: string }).name;
        if (name === '_') continue;
        const existing = env.vars.get(name);
        if (existing) yield* it.store({ kind: 'cell', cell: existing, pos: s.targets[i].pos }, values[i]);
        else {
          fresh++;
          env.vars.set(name, it.cell(name, values[i], s.pos));
        }
      }
      if (!fresh) throw new ModelError(s.pos, 'no new variables on left side of :=');
      return;
    }
    const targets: Target[] = [];
    for (const t of s.targets) targets.push(yield* it.target(t, env));
    for (let i = 0; i < targets.length; i++) yield* it.store(targets[i], values[i]);
    return;
  }
  if (s.targets.length !== 1 || s.values.length !== 1) throw new ModelError(s.pos, `${s.op} takes one variable and one value`);
  const t = yield* it.target(s.targets[0], env);
  const old = yield* it.load(t);
  const rhs = yield* it.eval(s.values[0], env);
  yield* it.store(t, it.binary(s.op.slice(0, -1), old, rhs, s.pos));
}

export function* forLoop(it: Interpreter, s: Extract<Stmt, { kind: 'for' }>, env: Scope, fc: FuncCtx): Gen<Completion> {
  let scope = new Scope(env);
  if (s.init) yield* exec(it, s.init, scope, fc);
  for (;;) {
    it.m.setLine(s.pos.line);
    yield POINT; // every iteration is preemptible, so a loop that never ends meets the step limit
    if (s.cond) {
      const cond = yield* it.eval(s.cond, scope);
      if (cond !== true && cond !== false) throw new ModelError(s.cond.pos, 'the loop condition must be a bool');
      if (!cond) return undefined;
    }
    const c = yield* execBlock(it, s.body, new Scope(scope), fc);
    if (c?.kind === 'break') return undefined;
    if (c?.kind === 'return') return c;
    // Go 1.22: each iteration has its own copy of the loop variables; post runs on the new copy.
    const next = new Scope(env);
    for (const [name, cell] of scope.vars) next.vars.set(name, it.cell(name, cell.value, { line: s.pos.line, col: s.pos.col }));
    scope = next;
    if (s.post) yield* exec(it, s.post, scope, fc);
  }
}

export function* rangeLoop(it: Interpreter, s: Extract<Stmt, { kind: 'range' }>, env: Scope, fc: FuncCtx): Gen<Completion> {
  const x = yield* it.eval(s.x, env);
  const bind = function* (key: Value, value: Value | undefined): Gen<Scope> {
    const scope = new Scope(env);
    const pairs: [string | undefined, Value | undefined][] = [[s.key, key], [s.value, value]];
    for (const [name, v] of pairs) {
      if (!name || v === undefined) continue;
      if (s.define) scope.vars.set(name, it.cell(name, v, s.pos));
      else {
        const cell = env.lookup(name);
        if (!cell) throw new ModelError(s.pos, `undefined: ${name}`);
        yield* it.store({ kind: 'cell', cell, pos: s.pos }, v);
      }
    }
    return scope;
  };
  const body = function* (scope: Scope): Gen<Completion | 'stop'> {
    const c = yield* execBlock(it, s.body, scope, fc);
    if (c?.kind === 'break') return 'stop';
    if (c?.kind === 'return') return c;
    return undefined;
  };

  if (typeof x === 'number') {
    for (let i = 0; i < x; i++) {
      it.m.setLine(s.pos.line);
      yield POINT;
      const c = yield* body(yield* bind(i, undefined));
      if (c === 'stop') return undefined;
      if (c) return c;
    }
    return undefined;
  }
  if (typeof x === 'object' && x.kind === 'map') {
    const keyType = typeName(x.type.key);
    it.m.setLine(s.pos.line);
    yield POINT;
    it.m.access(x.loc, 'read', false, mapFrame('mapiterinit', keyType));
    // Go randomises map iteration order; the model draws it from the run's seed.
    const keys = x.entries ? [...x.entries.keys()] : [];
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(it.m.rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    for (const key of keys) {
      if (!x.entries!.has(key)) continue; // deleted while ranging: Go skips it too
      const c = yield* body(yield* bind(key, x.entries!.get(key)));
      if (c === 'stop') return undefined;
      if (c) return c;
      it.m.setLine(s.pos.line);
      yield POINT;
      it.m.access(x.loc, 'read', false, mapFrame('mapiternext', keyType));
    }
    return undefined;
  }
  if (typeof x === 'object' && x.kind === 'chan') {
    for (;;) {
      it.m.setLine(s.pos.line);
      const r = yield* receive(it.m, x, it.zero(x.elem, '', s.pos));
      if (!r.ok) return undefined;
      if (s.value) throw new ModelError(s.pos, 'range over a channel permits only one iteration variable');
      const c = yield* body(yield* bind(r.value, undefined));
      if (c === 'stop') return undefined;
      if (c) return c;
    }
  }
  throw new ModelError(s.x.pos, 'range needs a map, a channel or an int here');
}

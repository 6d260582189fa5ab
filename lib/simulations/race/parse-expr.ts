/** Expressions and types of the Go subset (recursive descent, Go's five precedence levels). */
import type { Expr, FuncNode, Pos, TypeNode } from './ast';
import type { Cursor } from './parse-cursor';
import { describeToken } from './tokenizer';
import { parseBlock } from './parse-stmt';

const PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3, '+': 4, '-': 4, '|': 4, '^': 4, '*': 5, '/': 5, '%': 5, '&': 5,
};
const SUPPORTED_BINARY = new Set(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);
const BASIC_TYPES = new Set(['int', 'int64', 'int32', 'string', 'bool']);
const SYNC_TYPES = new Set(['Mutex', 'RWMutex', 'WaitGroup']);
const ATOMIC_TYPES = new Set(['Int64', 'Int32']);

/** `noLiteral` is set in if/for headers, where `x {` starts the block, as in Go. */
export function parseExpr(c: Cursor, prec = 1): Expr {
  let left = parseUnary(c);
  for (;;) {
    const t = c.peek;
    const p = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
    if (p === undefined || p < prec) return left;
    if (!SUPPORTED_BINARY.has(t.text)) throw c.unsupported(t.pos, `the bitwise operator '${t.text}'`);
    c.next();
    const right = parseExpr(c, p + 1);
    left = { kind: 'binary', op: t.text, left, right, pos: t.pos };
  }
}

function parseUnary(c: Cursor): Expr {
  const t = c.peek;
  if (t.kind === 'op' && (t.text === '!' || t.text === '-' || t.text === '&' || t.text === '<-')) {
    c.next();
    return { kind: 'unary', op: t.text, operand: parseUnary(c), pos: t.pos };
  }
  if (t.kind === 'op' && t.text === '*') throw c.unsupported(t.pos, 'pointer dereference (*p)', 'share variables directly or through closures');
  return parsePrimary(c);
}

function parsePrimary(c: Cursor): Expr {
  let x = parseOperand(c);
  for (;;) {
    const t = c.peek;
    if (c.is('.')) {
      c.next();
      const name = c.ident("after '.'");
      x = { kind: 'selector', x, name: name.text, pos: x.pos };
    } else if (c.is('[')) {
      c.next();
      if (c.is(':') || c.is(']')) throw c.unsupported(t.pos, 'slice expressions');
      const index = parseExpr(c);
      if (c.is(':')) throw c.unsupported(c.peek.pos, 'slice expressions');
      c.expect(']', 'to close the index');
      x = { kind: 'index', x, index, pos: x.pos };
    } else if (c.is('(')) {
      c.next();
      const args: Expr[] = [];
      while (!c.is(')')) {
        args.push(parseExpr(c));
        if (c.is('...')) throw c.unsupported(c.peek.pos, "variadic arguments ('...')");
        if (!c.accept(',')) break;
      }
      c.expect(')', 'to close the argument list');
      x = { kind: 'call', fn: x, args, lparen: t.pos, pos: x.pos };
    } else {
      return x;
    }
  }
}

function parseOperand(c: Cursor): Expr {
  const t = c.peek;
  if (t.kind === 'int') {
    c.next();
    return { kind: 'int', value: Number(t.text), pos: t.pos };
  }
  if (t.kind === 'string') {
    c.next();
    return { kind: 'string', value: t.text, pos: t.pos };
  }
  if (t.kind === 'ident') {
    if (t.text === 'make' && c.peekAt(1).text === '(') return parseMake(c);
    c.next();
    return { kind: 'ident', name: t.text, pos: t.pos };
  }
  if (c.is('(')) {
    c.next();
    const inner = parseExpr(c);
    c.expect(')', 'to close the parenthesis');
    return inner;
  }
  if (c.is('func')) {
    c.next();
    const func = parseFuncRest(c, c.enterLiteral(), t.pos, 'func');
    c.exitFunc();
    return { kind: 'funcLit', func, pos: t.pos };
  }
  if (c.is('map')) {
    const type = parseType(c);
    c.expect('{', `after ${'map type'} (a map literal is written map[string]int{})`);
    const entries: { key: Expr; value: Expr }[] = [];
    while (!c.is('}')) {
      while (c.accept(';'));
      if (c.is('}')) break;
      const key = parseExpr(c);
      c.expect(':', 'between a map key and its value');
      const value = parseExpr(c);
      entries.push({ key, value });
      if (!c.accept(',')) {
        while (c.accept(';'));
        break;
      }
    }
    c.expect('}', 'to close the map literal');
    return { kind: 'mapLit', type, entries, pos: t.pos };
  }
  if (c.is('[')) throw c.unsupported(t.pos, 'slices and arrays', 'use a map or separate variables');
  if (c.is('struct')) throw c.unsupported(t.pos, 'struct types', 'use separate variables');
  if (c.is('chan')) throw c.unsupported(t.pos, 'a channel type here', 'create channels with make(chan int)');
  throw c.error(t.pos, `expected an expression, found ${t.kind === 'eof' ? 'end of file' : t.kind === ';' ? (t.auto ? 'newline' : "';'") : `'${t.text}'`}`);
}

function parseMake(c: Cursor): Expr {
  const start = c.next();
  c.expect('(', 'after make');
  const type = parseType(c);
  if (type.kind !== 'map' && type.kind !== 'chan') throw c.error(type.pos, 'make takes a map or channel type here, e.g. make(chan int)');
  let size: Expr | undefined;
  if (c.accept(',')) size = parseExpr(c);
  c.expect(')', 'to close make(...)');
  return { kind: 'make', type, size, pos: start.pos };
}

/** After `func` (and the name, for declarations): parameters, results, body. The caller has entered the naming scope. */
export function parseFuncRest(c: Cursor, name: string, pos: Pos, what: string): FuncNode {
  c.expect('(', `after ${what}`);
  const params: { name: string; type: TypeNode }[] = [];
  const pending: string[] = [];
  while (!c.is(')')) {
    const id = c.ident('for a parameter');
    if (c.is(',')) {
      pending.push(id.text);
      c.next();
      continue;
    }
    const type = parseType(c);
    for (const n of [...pending, id.text]) params.push({ name: n, type });
    pending.length = 0;
    if (!c.accept(',')) break;
  }
  if (pending.length) throw c.error(c.peek.pos, `parameter ${pending[0]} needs a type`);
  c.expect(')', `to close the parameters of ${what}`);
  const results: TypeNode[] = [];
  const t = c.peek;
  if (c.is('(')) throw c.unsupported(t.pos, 'multiple or named results', 'return one value');
  if (t.kind === 'ident' || c.is('map') || c.is('chan') || c.is('*') || c.is('[') || c.is('struct')) results.push(parseType(c));
  if (!c.is('{')) throw c.error(c.peek.pos, `expected '{' after ${what}(), found ${describeToken(c.peek)}`);
  const body = parseBlock(c);
  return { name, params, results, body, pos };
}

export function parseType(c: Cursor): TypeNode {
  const t = c.peek;
  if (c.accept('*')) return { kind: 'pointer', elem: parseType(c), pos: t.pos };
  if (c.accept('map')) {
    c.expect('[', 'after map');
    const key = parseType(c);
    c.expect(']', 'after the map key type');
    return { kind: 'map', key, value: parseType(c), pos: t.pos };
  }
  if (c.accept('chan')) {
    if (c.is('<-')) throw c.unsupported(c.peek.pos, 'directional channel types', 'use chan T');
    return { kind: 'chan', elem: parseType(c), pos: t.pos };
  }
  if (c.is('<-')) throw c.unsupported(t.pos, 'directional channel types', 'use chan T');
  if (c.is('[')) throw c.unsupported(t.pos, 'slices and arrays', 'use a map or separate variables');
  if (c.is('struct')) throw c.unsupported(t.pos, 'struct types', 'use separate variables or chan bool');
  if (c.is('func')) throw c.unsupported(t.pos, 'function types', 'call functions by name or use closures');
  if (c.is('interface')) throw c.unsupported(t.pos, 'interface types');
  if (t.kind !== 'ident') throw c.error(t.pos, `expected a type, found '${t.text}'`);
  c.next();
  if (c.is('.')) {
    c.next();
    const name = c.ident('after the package name');
    if (t.text === 'sync' && SYNC_TYPES.has(name.text)) return { kind: 'qualified', pkg: 'sync', name: name.text as 'Mutex', pos: t.pos };
    if (t.text === 'atomic' && ATOMIC_TYPES.has(name.text)) return { kind: 'qualified', pkg: 'atomic', name: name.text as 'Int64', pos: t.pos };
    throw c.unsupported(t.pos, `the type ${t.text}.${name.text}`, 'the model knows sync.Mutex, sync.RWMutex, sync.WaitGroup, atomic.Int64 and atomic.Int32');
  }
  if (BASIC_TYPES.has(t.text)) return { kind: 'named', name: t.text as 'int', pos: t.pos };
  throw c.unsupported(t.pos, `the type ${t.text}`, 'use int, int64, string, bool, maps, channels and the sync types');
}

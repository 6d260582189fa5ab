/** Statements and blocks of the Go subset. */
import type { Block, Expr, Stmt, TypeNode } from './ast';
import type { Cursor } from './parse-cursor';
import { parseExpr, parseType } from './parse-expr';
import { describeToken } from './tokenizer';

type RangeStmt = Extract<Stmt, { kind: 'range' }>;

export function parseBlock(c: Cursor): Block {
  const open = c.expect('{', 'to open a block');
  const stmts: Stmt[] = [];
  for (;;) {
    while (c.accept(';'));
    if (c.is('}') || c.peek.kind === 'eof') break;
    stmts.push(parseStmt(c));
    c.endStatement();
  }
  c.expect('}', `to close the block opened at line ${open.pos.line}`);
  return { stmts, pos: open.pos };
}

const UNSUPPORTED_KEYWORDS: Record<string, [string, string?]> = {
  select: ["'select' statements", 'use a plain channel receive'],
  switch: ["'switch' statements", 'use if / else if'],
  goto: ["'goto' statements"],
  fallthrough: ["'fallthrough'"],
  type: ['type declarations', 'use separate variables'],
  struct: ['struct types', 'use separate variables'],
  interface: ['interface types'],
  case: ["'case' outside a switch"],
  default: ["'default' outside a switch"],
};

export function parseStmt(c: Cursor): Stmt {
  const t = c.peek;
  if (t.kind === 'keyword') {
    const unsupported = UNSUPPORTED_KEYWORDS[t.text];
    if (unsupported) throw c.unsupported(t.pos, unsupported[0], unsupported[1]);
    switch (t.text) {
      case 'var':
      case 'const':
        if (c.peekAt(1).text === '(') throw c.unsupported(t.pos, `grouped ${t.text} ( ... ) inside a function`, `write one ${t.text} per line`);
        return parseVarDecl(c)[0];
      case 'go':
      case 'defer': {
        c.next();
        const call = parseExpr(c);
        if (call.kind !== 'call') throw c.error(call.pos, `the expression after ${t.text} must be a function call (add the () that runs it)`);
        if (t.text === 'defer') return { kind: 'defer', call, pos: t.pos };
        return { kind: 'go', call, wrapper: call.args.length > 0 ? c.wrapperName() : undefined, pos: t.pos };
      }
      case 'if':
        return parseIf(c);
      case 'for':
        return parseFor(c);
      case 'return': {
        c.next();
        const values: Expr[] = [];
        if (!c.is(';') && !c.is('}')) values.push(...parseExprList(c));
        return { kind: 'return', values, pos: t.pos };
      }
      case 'break':
      case 'continue':
        c.next();
        if (c.peek.kind === 'ident') throw c.unsupported(c.peek.pos, 'labelled break and continue');
        return { kind: t.text, pos: t.pos };
      case 'func':
        if (c.peekAt(1).text === '(') break; // func() { ... }() called in place
        throw c.error(t.pos, 'function declarations go at the top level; inside a function, assign a func literal: f := func() { ... }');
    }
  }
  if (c.is('{')) return { kind: 'block', block: parseBlock(c), pos: t.pos };
  const s = parseSimpleStmt(c, false);
  return s;
}

function parseExprList(c: Cursor): Expr[] {
  const list = [parseExpr(c)];
  while (c.accept(',')) list.push(parseExpr(c));
  return list;
}

/** An expression, assignment, short declaration, `x++` or send; in a for header also `k, v := range x`. */
function parseSimpleStmt(c: Cursor, allowRange: boolean, header = false): Stmt {
  const start = c.peek.pos;
  const lhs = parseExprList(c);
  const t = c.peek;
  if (t.kind === 'op' && (t.text === ':=' || t.text === '=' || /^[-+*/%]=$/.test(t.text))) {
    c.next();
    if (c.is('range')) {
      if (!allowRange) throw c.error(c.peek.pos, "'range' is only allowed in a for statement");
      const rangeAt = c.next();
      if (lhs.length > 2) throw c.error(start, 'range yields at most two values (key, value)');
      const names = lhs.map((e) => {
        if (e.kind !== 'ident') throw c.error(e.pos, 'range variables must be plain names');
        return e.name === '_' ? undefined : e.name;
      });
      return { kind: 'range', key: names[0], value: names[1], define: t.text === ':=', x: parseExpr(c), body: { stmts: [], pos: rangeAt.pos }, pos: start };
    }
    const values = parseExprList(c);
    if (t.text === ':=') {
      for (const e of lhs) if (e.kind !== 'ident') throw c.error(e.pos, 'the left side of := must be names');
    }
    return { kind: 'assign', op: t.text, targets: lhs, values, pos: start };
  }
  if (lhs.length > 1) throw c.error(t.pos, `expected := or = after a list of names, found '${t.text}'`);
  if (c.is('++') || c.is('--')) {
    c.next();
    return { kind: 'incdec', op: t.text as '++', target: lhs[0], pos: start };
  }
  if (c.is('<-')) {
    c.next();
    return { kind: 'send', ch: lhs[0], value: parseExpr(c), pos: start };
  }
  const e = lhs[0];
  // In an if/for header a bare expression is the condition; as a statement it must do something.
  if (!header && e.kind !== 'call' && !(e.kind === 'unary' && e.op === '<-')) {
    throw c.error(e.pos, 'this expression is evaluated but not used: a statement must call a function, assign, send or receive');
  }
  return { kind: 'expr', expr: e, pos: start };
}

function parseIf(c: Cursor): Extract<Stmt, { kind: 'if' }> {
  const start = c.next();
  let init: Stmt | undefined;
  let cond: Expr;
  const first = parseSimpleStmt(c, false, true);
  if (c.accept(';')) {
    if (first.kind === 'expr' && first.expr.kind !== 'call' && !(first.expr.kind === 'unary' && first.expr.op === '<-')) {
      throw c.error(first.pos, 'this expression is evaluated but not used: an if init statement must assign or call');
    }
    init = first;
    cond = parseExpr(c);
  } else {
    if (first.kind !== 'expr') throw c.error(first.pos, "expected a condition after if (an init statement needs a ';' after it)");
    cond = first.expr;
  }
  if (!c.is('{')) throw c.error(c.peek.pos, `expected '{' after the if condition, found ${describeToken(c.peek)}`);
  const then = parseBlock(c);
  let elseBranch: Block | Extract<Stmt, { kind: 'if' }> | undefined;
  if (c.accept('else')) {
    if (c.is('if')) elseBranch = parseIf(c);
    else if (c.is('{')) elseBranch = parseBlock(c);
    else throw c.error(c.peek.pos, "expected 'if' or '{' after else");
  }
  return { kind: 'if', init, cond, then, else: elseBranch, pos: start.pos };
}

function parseFor(c: Cursor): Stmt {
  const start = c.next();
  if (c.is('{')) return { kind: 'for', body: parseBlock(c), pos: start.pos };
  if (c.is('range')) {
    c.next();
    const x = parseExpr(c);
    return { kind: 'range', define: false, x, body: parseBlock(c), pos: start.pos };
  }
  let init: Stmt | undefined;
  let cond: Expr | undefined;
  let post: Stmt | undefined;
  if (!c.is(';')) {
    const first = parseSimpleStmt(c, true, true);
    if (first.kind === 'range') {
      if (!c.is('{')) throw c.error(c.peek.pos, "expected '{' after the range expression");
      return { ...first, body: parseBlock(c), pos: start.pos };
    }
    if (c.is('{')) {
      if (first.kind !== 'expr') throw c.error(first.pos, 'expected a loop condition');
      return { kind: 'for', cond: first.expr, body: parseBlock(c), pos: start.pos };
    }
    init = first;
  }
  c.expect(';', 'after the loop init statement');
  if (!c.is(';')) cond = parseExpr(c);
  c.expect(';', 'after the loop condition');
  if (!c.is('{')) post = parseSimpleStmt(c, false);
  if (!c.is('{')) throw c.error(c.peek.pos, `expected '{' after the for clause, found ${describeToken(c.peek)}`);
  return { kind: 'for', init, cond, post, body: parseBlock(c), pos: start.pos };
}

/** `var x int`, `var a, b = 1, 2`, `const N = 10`, and grouped `var ( ... )`. */
export function parseVarDecl(c: Cursor): Extract<Stmt, { kind: 'var' | 'const' }>[] {
  const kw = c.next();
  const kind = kw.text as 'var' | 'const';
  if (c.accept('(')) {
    const out: Extract<Stmt, { kind: 'var' | 'const' }>[] = [];
    for (;;) {
      while (c.accept(';'));
      if (c.is(')')) break;
      out.push(parseVarSpec(c, kind));
      c.endStatement();
    }
    c.expect(')', `to close the ${kind} group`);
    return out;
  }
  return [parseVarSpec(c, kind)];
}

function parseVarSpec(c: Cursor, kind: 'var' | 'const'): Extract<Stmt, { kind: 'var' | 'const' }> {
  const start = c.peek.pos;
  const names = [c.ident(`after ${kind}`).text];
  while (c.accept(',')) names.push(c.ident('in the name list').text);
  let type: TypeNode | undefined;
  if (!c.is('=')) type = parseType(c);
  const values: Expr[] = [];
  if (c.accept('=')) values.push(...parseExprList(c));
  if (kind === 'const') {
    if (values.length !== names.length) throw c.error(start, 'a constant needs a value: const N = 10 (iota is not supported by this model)');
    return { kind: 'const', names, values, pos: start };
  }
  if (!type && values.length === 0) throw c.error(start, 'a var needs a type or a value');
  return { kind: 'var', names, type, values, pos: start };
}

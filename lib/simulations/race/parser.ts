/**
 * Parses a Go source file of the race lab's subset: `package main`, imports of
 * fmt, sync, sync/atomic and time, package-level var/const, and func declarations.
 * Throws GoSyntaxError ("line 7, column 12: expected '{' after func()") for syntax
 * errors and for constructs the model leaves out, naming them.
 */
import type { Expr, Program, Stmt } from './ast';
import { GoSyntaxError } from './errors';
import { Cursor } from './parse-cursor';
import { parseFuncRest } from './parse-expr';
import { parseVarDecl } from './parse-stmt';
import { tokenize } from './tokenizer';

/** The packages a program may import, and the name it is used by. */
export const SUPPORTED_IMPORTS: Record<string, string> = { fmt: 'fmt', sync: 'sync', 'sync/atomic': 'atomic', time: 'time' };

export function parseProgram(source: string): Program {
  const c = new Cursor(tokenize(source));
  while (c.accept(';'));
  c.expect('package', 'at the start of the file (write package main)');
  const pkg = c.ident('after package');
  if (pkg.text !== 'main') throw new GoSyntaxError(pkg.pos, `the program must be package main, not package ${pkg.text}`);
  c.endStatement();

  const program: Program = { imports: [], globals: [], funcs: new Map() };
  while (c.accept(';'));
  while (c.is('import')) {
    c.next();
    const grouped = c.accept('(');
    do {
      while (c.accept(';'));
      if (grouped && c.is(')')) break;
      const t = c.next();
      if (t.kind !== 'string') throw new GoSyntaxError(t.pos, `expected an import path in quotes, e.g. "sync"`);
      if (!(t.text in SUPPORTED_IMPORTS)) {
        throw new GoSyntaxError(t.pos, `import "${t.text}" is not supported by this model: it knows fmt, sync, sync/atomic and time`);
      }
      program.imports.push({ path: t.text, pos: t.pos });
      if (grouped) c.endStatement();
    } while (grouped && !c.is(')'));
    if (grouped) c.expect(')', 'to close the import list');
    c.endStatement();
    while (c.accept(';'));
  }

  for (;;) {
    while (c.accept(';'));
    const t = c.peek;
    if (t.kind === 'eof') break;
    if (c.is('func')) {
      c.next();
      if (c.is('(')) throw c.unsupported(c.peek.pos, 'methods (func with a receiver)', 'write plain functions');
      const name = c.ident('after func');
      if (program.funcs.has(name.text)) throw new GoSyntaxError(name.pos, `${name.text} redeclared in this block`);
      c.enterFunc(`main.${name.text}`);
      const fn = parseFuncRest(c, `main.${name.text}`, t.pos, `func ${name.text}`);
      c.exitFunc();
      if (name.text === 'main' && (fn.params.length || fn.results.length)) throw new GoSyntaxError(name.pos, 'func main must have no arguments and no return values');
      program.funcs.set(name.text, fn);
    } else if (c.is('var') || c.is('const')) {
      c.enterFunc('main');
      program.globals.push(...parseVarDecl(c));
      c.exitFunc();
    } else if (c.is('import')) {
      throw new GoSyntaxError(t.pos, 'imports must come before other declarations');
    } else if (c.is('type')) {
      throw c.unsupported(t.pos, 'type declarations', 'use separate variables');
    } else {
      throw new GoSyntaxError(t.pos, `expected func, var or const at the top level, found '${t.text}'`);
    }
    c.endStatement();
  }
  if (!program.funcs.has('main')) throw new GoSyntaxError(c.peek.pos, 'function main is undeclared in the main package: add func main() { ... }');
  checkImportsUsed(program);
  return program;
}

/** Go refuses to compile a file with an unused import; so does the model. */
function checkImportsUsed(program: Program): void {
  const used = new Set<string>();
  const visitExpr = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case 'selector':
        if (e.x.kind === 'ident') used.add(e.x.name);
        visitExpr(e.x);
        return;
      case 'binary':
        visitExpr(e.left);
        visitExpr(e.right);
        return;
      case 'unary':
        visitExpr(e.operand);
        return;
      case 'call':
        visitExpr(e.fn);
        e.args.forEach(visitExpr);
        return;
      case 'make':
        markType(e.type);
        visitExpr(e.size);
        return;
      case 'index':
        visitExpr(e.x);
        visitExpr(e.index);
        return;
      case 'funcLit':
        e.func.params.forEach((p) => markType(p.type));
        e.func.body.stmts.forEach(visitStmt);
        return;
      case 'mapLit':
        e.entries.forEach((en) => (visitExpr(en.key), visitExpr(en.value)));
        return;
    }
  };
  const markType = (t: import('./ast').TypeNode): void => {
    if (t.kind === 'qualified') used.add(t.pkg);
    else if (t.kind === 'map') (markType(t.key), markType(t.value));
    else if (t.kind === 'chan' || t.kind === 'pointer') markType(t.elem);
  };
  const visitStmt = (s: Stmt | undefined): void => {
    if (!s) return;
    switch (s.kind) {
      case 'var':
        if (s.type) markType(s.type);
        s.values.forEach(visitExpr);
        return;
      case 'const':
        s.values.forEach(visitExpr);
        return;
      case 'assign':
        s.targets.forEach(visitExpr);
        s.values.forEach(visitExpr);
        return;
      case 'incdec':
        return visitExpr(s.target);
      case 'expr':
        return visitExpr(s.expr);
      case 'send':
        visitExpr(s.ch);
        return visitExpr(s.value);
      case 'go':
      case 'defer':
        return visitExpr(s.call);
      case 'if':
        visitStmt(s.init);
        visitExpr(s.cond);
        s.then.stmts.forEach(visitStmt);
        if (s.else && 'kind' in s.else) visitStmt(s.else);
        else if (s.else) s.else.stmts.forEach(visitStmt);
        return;
      case 'for':
        visitStmt(s.init);
        visitExpr(s.cond);
        visitStmt(s.post);
        s.body.stmts.forEach(visitStmt);
        return;
      case 'range':
        visitExpr(s.x);
        s.body.stmts.forEach(visitStmt);
        return;
      case 'return':
        s.values.forEach(visitExpr);
        return;
      case 'block':
        s.block.stmts.forEach(visitStmt);
        return;
    }
  };
  program.globals.forEach(visitStmt);
  for (const fn of program.funcs.values()) {
    fn.params.forEach((p) => markType(p.type));
    fn.body.stmts.forEach(visitStmt);
  }
  for (const imp of program.imports) {
    if (!used.has(SUPPORTED_IMPORTS[imp.path])) throw new GoSyntaxError(imp.pos, `"${imp.path}" imported and not used: remove the import or use it`);
  }
}

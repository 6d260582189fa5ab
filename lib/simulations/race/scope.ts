/** Lexical scopes: name → Cell, chained to the enclosing scope (closures keep theirs). */
import type { Cell } from './values';

export class Scope {
  readonly vars = new Map<string, Cell>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Cell | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const c = s.vars.get(name);
      if (c) return c;
    }
    return undefined;
  }
}

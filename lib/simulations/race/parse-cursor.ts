/**
 * The token cursor the parser modules share: lookahead, expectations with
 * line/column errors, and Go's naming of function literals (`main.main.func1`,
 * nested `main.main.func1.1`, go-statement wrappers `main.main.gowrap1`).
 */
import type { Pos } from './ast';
import { GoSyntaxError } from './errors';
import { describeToken, type Token } from './tokenizer';

interface NamingScope {
  name: string;
  topLevel: boolean;
  literals: number;
  wrappers: number;
}

export class Cursor {
  private i = 0;
  private naming: NamingScope[] = [];

  constructor(private readonly tokens: Token[]) {}

  get peek(): Token {
    return this.tokens[this.i];
  }

  peekAt(offset: number): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  /** True when the next token is the operator, keyword or `;` `text`. */
  is(text: string): boolean {
    const t = this.peek;
    return (t.kind === 'op' || t.kind === 'keyword' || t.kind === ';') && t.text === text;
  }

  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  /** Consumes `text` or throws "expected '{' after func(), found newline". */
  expect(text: string, context?: string): Token {
    if (this.is(text)) return this.next();
    throw this.error(this.peek.pos, `expected '${text}'${context ? ` ${context}` : ''}, found ${describeToken(this.peek)}`);
  }

  ident(context: string): Token {
    if (this.peek.kind === 'ident') return this.next();
    throw this.error(this.peek.pos, `expected a name ${context}, found ${describeToken(this.peek)}`);
  }

  /** Ends a statement: `;`, a newline, or nothing before `)` / `}`. */
  endStatement(): void {
    if (this.accept(';')) return;
    if (this.is(')') || this.is('}') || this.peek.kind === 'eof') return;
    throw this.error(this.peek.pos, `expected end of statement (a newline or ';'), found ${describeToken(this.peek)}`);
  }

  error(pos: Pos, detail: string): GoSyntaxError {
    return new GoSyntaxError(pos, detail);
  }

  /** An error for a real Go construct the model leaves out, naming it and saying so. */
  unsupported(pos: Pos, construct: string, advice?: string): GoSyntaxError {
    return new GoSyntaxError(pos, `${construct} ${construct.endsWith('s') ? 'are' : 'is'} not supported by this model${advice ? `: ${advice}` : ''}`);
  }

  enterFunc(name: string): void {
    this.naming.push({ name, topLevel: true, literals: 0, wrappers: 0 });
  }

  /** Names the next function literal the way the Go compiler does. */
  enterLiteral(): string {
    const parent = this.naming[this.naming.length - 1];
    if (!parent) return 'main.glob..func1';
    parent.literals++;
    const name = parent.topLevel ? `${parent.name}.func${parent.literals}` : `${parent.name}.${parent.literals}`;
    this.naming.push({ name, topLevel: false, literals: 0, wrappers: 0 });
    return name;
  }

  exitFunc(): void {
    this.naming.pop();
  }

  /** The name of the wrapper closure Go 1.22+ builds for `go f(args)`. */
  wrapperName(): string {
    const scope = this.naming[this.naming.length - 1];
    scope.wrappers++;
    return `${scope.name}.gowrap${scope.wrappers}`;
  }
}

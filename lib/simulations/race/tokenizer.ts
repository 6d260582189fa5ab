/**
 * A hand-written tokenizer for the Go subset, with Go's automatic semicolon rule:
 * a newline after an identifier, a literal, `break`/`continue`/`return`, `++`, `--`,
 * `)`, `]` or `}` ends the statement.
 */
import type { Pos } from './ast';
import { GoSyntaxError } from './errors';

export type TokenKind = 'ident' | 'keyword' | 'int' | 'string' | 'op' | ';' | 'eof';

/** One token; `auto` marks a semicolon inserted at a newline (shown as "newline" in errors). */
export interface Token {
  kind: TokenKind;
  text: string;
  pos: Pos;
  auto?: boolean;
}

export const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go',
  'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

// Longest first, so `<-` wins over `<` and `:=` over `:`.
const OPERATORS = [
  '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '+=', '-=', '*=', '/=', '%=', '...',
  '+', '-', '*', '/', '%', '<', '>', '=', '!', '&', '|', '^', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':',
];

const ENDS_STATEMENT = new Set(['break', 'continue', 'return', 'fallthrough', '++', '--', ')', ']', '}']);

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", r: '\r', '0': '\0' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  const last = () => tokens[tokens.length - 1];
  const newline = () => {
    const prev = last();
    if (prev && (prev.kind === 'ident' || prev.kind === 'int' || prev.kind === 'string' || ENDS_STATEMENT.has(prev.text)) && prev.kind !== ';') {
      tokens.push({ kind: ';', text: ';', pos: pos(), auto: true });
    }
    line++;
    lineStart = i + 1;
  };

  while (i < source.length) {
    const c = source[i];
    if (c === '\n') {
      newline();
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const start = pos();
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new GoSyntaxError(start, 'comment not terminated: add */');
      for (let j = i; j < end; j++) {
        if (source[j] === '\n') {
          i = j;
          newline();
        }
      }
      i = end + 2;
      continue;
    }
    const start = pos();
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < source.length && /[A-Za-z0-9_]/.test(source[j])) j++;
      const text = source.slice(i, j);
      tokens.push({ kind: KEYWORDS.has(text) ? 'keyword' : 'ident', text, pos: start });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < source.length && /[0-9_xXa-fA-F.]/.test(source[j])) j++;
      const text = source.slice(i, j);
      if (text.includes('.')) throw new GoSyntaxError(start, `floating-point numbers (${text}) are not supported by this model: use integers`);
      const value = Number(text.replaceAll('_', ''));
      if (!Number.isSafeInteger(value)) throw new GoSyntaxError(start, `malformed or too large integer literal ${text}`);
      tokens.push({ kind: 'int', text: String(value), pos: start });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n') throw new GoSyntaxError(start, 'string literal not terminated: close it with " on the same line');
        if (source[j] === '\\') {
          const e = ESCAPES[source[j + 1]];
          if (e === undefined) throw new GoSyntaxError({ line, col: j - lineStart + 1 }, `unknown escape sequence \\${source[j + 1]}`);
          value += e;
          j += 2;
        } else {
          value += source[j++];
        }
      }
      if (j >= source.length) throw new GoSyntaxError(start, 'string literal not terminated: close it with "');
      tokens.push({ kind: 'string', text: value, pos: start });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw new GoSyntaxError(start, 'raw string literal not terminated: close it with `');
      const value = source.slice(i + 1, end);
      tokens.push({ kind: 'string', text: value, pos: start });
      for (let j = i; j < end; j++) {
        if (source[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      i = end + 1;
      continue;
    }
    if (c === "'") throw new GoSyntaxError(start, 'rune literals are not supported by this model: use a string');
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new GoSyntaxError(start, `unexpected character ${JSON.stringify(c)}`);
    tokens.push(op === ';' ? { kind: ';', text: ';', pos: start } : { kind: 'op', text: op, pos: start });
    i += op.length;
  }
  const end = pos();
  newline();
  tokens.push({ kind: 'eof', text: 'end of file', pos: end });
  return tokens;
}

/** How a token reads in an error message: `'{'`, `newline`, `end of file`, `identifier counter`. */
export function describeToken(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === ';') return t.auto ? 'newline' : "';'";
  if (t.kind === 'ident') return `name ${t.text}`;
  if (t.kind === 'string') return `string ${JSON.stringify(t.text)}`;
  if (t.kind === 'int') return `number ${t.text}`;
  return `'${t.text}'`;
}

import { describe, expect, it } from 'vitest';
import { GoSyntaxError } from './errors';
import { tokenize } from './tokenizer';

const texts = (src: string) => tokenize(src).map((t) => (t.kind === ';' && t.auto ? '⏎' : t.text));

describe('tokenize', () => {
  it('inserts semicolons at newlines after names, literals, ++ and closing brackets, as Go does', () => {
    expect(texts('x := 1\ncounter++\nf(a,\n b)\n}\n')).toEqual(['x', ':=', '1', '⏎', 'counter', '++', '⏎', 'f', '(', 'a', ',', 'b', ')', '⏎', '}', '⏎', 'end of file']);
  });

  it('does not insert one after an operator or an opening brace', () => {
    expect(texts('a +\nb {\n')).toEqual(['a', '+', 'b', '{', 'end of file']);
  });

  it('reads <-, :=, comments and string escapes, with 1-based positions', () => {
    const toks = tokenize('ch <- v // send\n/* block\ncomment */ s := "a\\tb"');
    expect(toks.map((t) => t.text)).toEqual(['ch', '<-', 'v', ';', 's', ':=', 'a\tb', ';', 'end of file']);
    expect(toks[4].pos).toEqual({ line: 3, col: 12 });
  });

  it('rejects floats and runes with a position and the reason', () => {
    expect(() => tokenize('x := 1.5')).toThrow(new GoSyntaxError({ line: 1, col: 6 }, 'floating-point numbers (1.5) are not supported by this model: use integers'));
    expect(() => tokenize("\n  r := 'a'")).toThrow(/^line 2, column 8: rune literals are not supported/);
    expect(() => tokenize('s := "open')).toThrow(/string literal not terminated/);
  });
});

import { describe, expect, it } from 'vitest';
import { compileRegex, RegexError } from './regex';

const full = (pattern: string, value: string) => compileRegex(pattern)(value);

describe('compileRegex: RE2 semantics, fully anchored', () => {
  it.each([
    ['5..', '500', true],
    ['5..', '5000', false], // anchored at the end
    ['5..', 'x500', false], // and at the start
    ['GET|POST', 'POST', true],
    ['GET|POST', 'GETPOST', false], // the alternation is anchored as a whole
    ['a.c', 'a\nc', true], // (?s): dot matches a newline, as Prometheus wraps patterns in (?s:...)
    ['', '', true],
    ['', 'x', false],
    ['.*', '', true],
    ['(?i)get', 'GeT', true],
    ['get', 'GET', false],
    ['[[:digit:]]+', '123', true],
    ['[[:alpha:]_]+', 'a_b', true],
    ['\\d{2,3}', '1234', false],
    ['\\d{2,3}', '123', true],
    ['a{,2}', 'a{,2}', true], // not a repetition in RE2: a literal brace
    ['\\pL+', 'héllo', true],
    ['\\p{Greek}+', 'αβγ', true],
    ['\\x{263a}', '☺', true],
    ['\\Q.*\\E', '.*', true],
    ['\\Q.*\\E', 'ab', false],
    ['a\\-b\\:c', 'a-b:c', true], // escaped punctuation is a literal
    ['(?P<name>x)y', 'xy', true],
    ['^api$', 'api', true],
    ['\\101', 'A', true], // octal escape
    ['[^a-c]', 'd', true],
    ['[]a]', ']', true], // a leading ] is a literal inside a class
    ['a}', 'a}', true],
  ])('%j on %j is %s', (pattern, value, expected) => {
    expect(full(pattern, value)).toBe(expected);
  });

  it.each([
    ['(a', /missing closing \)/],
    ['a)', /unexpected \)/],
    ['[a', /missing closing \]/],
    ['*a', /missing argument to repetition operator/],
    ['a**', /invalid nested repetition operator/],
    ['a{1001}', /invalid repeat count/],
    ['a{3,2}', /invalid repeat count/],
    ['(a)\\1', /invalid escape sequence/],
    ['x(?=y)', /invalid or unsupported Perl syntax/],
    ['x(?<!y)', /invalid or unsupported Perl syntax/],
    ['\\k', /invalid escape sequence/],
    ['a\\', /trailing backslash/],
  ])('rejects %j as RE2 does', (pattern, message) => {
    let error: unknown;
    try {
      compileRegex(pattern);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegexError);
    expect((error as RegexError).unsupported).toBe(false);
    expect((error as Error).message).toMatch(/^error parsing regexp: /);
    expect((error as Error).message).toMatch(message);
  });

  it.each(['(a+)+', '(a|aa)*', '(x*y)*', '((a)*)+', '(?:a|b)+', '(a{2,})*'])('refuses the catastrophic pattern %j by name', (pattern) => {
    let error: unknown;
    try {
      compileRegex(pattern);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegexError);
    expect((error as RegexError).unsupported).toBe(true);
    expect((error as Error).message).toContain('repeats and itself repeats or branches');
  });

  it('keeps safe repeated groups and adjacent quantifiers', () => {
    expect(full('(ab)+', 'ababab')).toBe(true);
    expect(full('(ab)+', 'aba')).toBe(false);
    expect(full('a*a*b', 'aaab')).toBe(true);
    // A long value that fails to match stays fast: no nested repetition reached the engine.
    expect(full('a*b', 'a'.repeat(100_000))).toBe(false);
  });

  it('refuses flags in the middle of a pattern, which JavaScript cannot scope', () => {
    expect(() => compileRegex('a(?i)b')).toThrow(/inline regex flags/);
    expect(() => compileRegex('a(?i:b)')).toThrow(/inline regex flags/);
  });
});

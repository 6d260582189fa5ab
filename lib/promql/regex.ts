/**
 * Regex label matchers (`=~`, `!~`) as Prometheus runs them: RE2 syntax, fully anchored
 * (`^(?s:pattern)$`, so `.` matches a newline too). See Prometheus'
 * model/labels/regexp.go (NewFastRegexMatcher) and Go's regexp/syntax for the syntax.
 *
 * Safety choice: we **reject**, we do not bound. The pattern is translated to a JavaScript
 * RegExp, whose engine backtracks; before that, patterns that can make a backtracking
 * engine take exponential time are refused with a clear message: a quantifier on a group
 * that itself contains a quantifier or an alternation (`(a+)+`, `(a|aa)*`, `(x*y)*`).
 * Everything RE2 itself refuses (backreferences, lookaround) is refused as RE2 would.
 * Adjacent quantifiers (`a*a*b`) remain: at worst polynomial in the label value's length.
 *
 * Translated: `(?i)`/`(?s)`/`(?m)`/`(?U)` at the very start, `(?P<name>...)`, `\pL`,
 * `\p{Greek}`, `\x{263a}`, octal escapes, `\Q...\E`, `\A`, `\z`, POSIX classes
 * `[[:alpha:]]`, escaped punctuation, and a literal `{` that is not a repetition.
 * Refused as "not supported here": inline flags anywhere but the start, `\C`.
 */

/** A pattern that cannot be used. `unsupported` is true for valid RE2 that this evaluator refuses. */
export class RegexError extends Error {
  override name = 'RegexError';
  constructor(
    message: string,
    /** 0-based offset inside the pattern. */
    readonly at: number,
    readonly unsupported = false,
    /** For a refused pattern: what to do instead. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));
/** Go's regexp/syntax caps a repetition count at 1000. */
const MAX_REPEAT = 1000;

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const literal = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`;

interface Frame {
  /** The group (or a group inside it) has a quantifier. */
  quantified: boolean;
  /** The group (or a group inside it) has `|`. */
  alternation: boolean;
  start: number;
}

/**
 * Compiles `pattern` into a full-match test. Throws RegexError with Prometheus-like
 * wording (`error parsing regexp: ...`) for invalid patterns and for refused ones.
 */
export function compileRegex(pattern: string): (value: string) => boolean {
  let flags = 'su';
  let i = 0;
  // Leading flags apply to the whole pattern, which JavaScript can express with its own flags.
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    if (lead[1].includes('i')) flags += 'i';
    if (lead[1].includes('m')) flags += 'm';
    i = lead[0].length;
  }
  let out = '';
  const stack: Frame[] = [{ quantified: false, alternation: false, start: 0 }];
  /** Whether the last thing emitted can take a quantifier, and whether it already has one. */
  let atom: 'none' | 'atom' | 'quantified' = 'none';
  let lastGroup: Frame | undefined;

  const fail = (message: string, at: number): never => {
    throw new RegexError(`error parsing regexp: ${message}`, at);
  };
  const refuse = (message: string, at: number, hint?: string): never => {
    throw new RegexError(message, at, true, hint);
  };

  const escape = (at: number, inClass: boolean): { text: string; end: number } => {
    const c = pattern[at + 1];
    if (c === undefined) return fail('trailing backslash at end of expression: ``', at);
    const simple: Record<string, string> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };
    if (c in simple) return { text: simple[c], end: at + 2 };
    if ('dDwWsS'.includes(c)) return { text: `\\${c}`, end: at + 2 };
    if (!inClass && 'bB'.includes(c)) return { text: `\\${c}`, end: at + 2 };
    if (!inClass && c === 'A') return { text: '^', end: at + 2 };
    if (!inClass && c === 'z') return { text: '$', end: at + 2 };
    if (c === 'x') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(at + 2));
      if (braced) return { text: `\\u{${braced[1]}}`, end: at + 2 + braced[0].length };
      const two = /^[0-9a-fA-F]{2}/.exec(pattern.slice(at + 2));
      if (two) return { text: `\\x${two[0]}`, end: at + 4 };
      return fail(`invalid escape sequence: \`${pattern.slice(at, at + 4)}\``, at);
    }
    if (/[0-7]/.test(c)) {
      const octal = /^[0-7]{1,3}/.exec(pattern.slice(at + 1))![0];
      // Go reads \1-\9 followed by no more octal digits as a backreference, which RE2 lacks.
      if (octal.length === 1 && c !== '0') return fail(`invalid escape sequence: \`\\${c}\``, at);
      return { text: literal(String.fromCharCode(parseInt(octal, 8))), end: at + 1 + octal.length };
    }
    if (c === 'p' || c === 'P') {
      const m = /^(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(pattern.slice(at + 2));
      if (!m) return fail(`invalid character class range: \`${pattern.slice(at, at + 3)}\``, at);
      const name = m[2] ?? m[3];
      const negated = (c === 'P') !== (m[1] === '^');
      // One- and two-letter names are general categories; longer ones are scripts (as in RE2).
      const prop = name.length <= 2 ? name : `Script=${name}`;
      try {
        new RegExp(`\\p{${prop}}`, 'u');
      } catch {
        return fail(`invalid character class range: \`${pattern.slice(at, at + 2 + m[0].length)}\``, at);
      }
      return { text: `\\${negated ? 'P' : 'p'}{${prop}}`, end: at + 2 + m[0].length };
    }
    if (c === 'C') return refuse('\\C (any byte) in a regex', at);
    if (/[A-Za-z0-9]/.test(c)) return fail(`invalid escape sequence: \`\\${c}\``, at);
    // Escaped punctuation is a literal; JavaScript's u mode only allows escaping its own syntax characters.
    return { text: SYNTAX_CHARS.has(c) || (inClass && c === '-') ? `\\${c}` : literal(c), end: at + 2 };
  };

  const charClass = (at: number): number => {
    let j = at + 1;
    let text = '[';
    if (pattern[j] === '^') {
      text += '^';
      j++;
    }
    let first = true;
    while (j < pattern.length && (pattern[j] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(j));
      if (posix) {
        const ranges = POSIX[posix[2]];
        if (!ranges) return fail(`invalid character class range: \`${posix[0]}\``, j);
        // A negated POSIX class inside a class cannot be spelled in JavaScript's u mode: refuse it.
        if (posix[1]) return refuse(`a negated POSIX class ${posix[0]} inside a regex class`, j);
        text += ranges;
        j += posix[0].length;
        continue;
      }
      let item: string;
      if (pattern[j] === '\\') {
        const e = escape(j, true);
        item = e.text;
        j = e.end;
      } else {
        const ch = String.fromCodePoint(pattern.codePointAt(j)!);
        item = /[A-Za-z0-9 _]/.test(ch) ? ch : literal(ch);
        j += ch.length;
      }
      text += item;
      if (pattern[j] === '-' && pattern[j + 1] !== ']' && j + 1 < pattern.length) {
        text += '-';
        j++;
      }
    }
    if (j >= pattern.length) return fail(`missing closing ]: \`${pattern.slice(at)}\``, at);
    out += `${text}]`;
    return j + 1;
  };

  while (i < pattern.length) {
    const ch = pattern[i];
    const frame = stack[stack.length - 1];
    // A quantifier: *, +, ?, {n}, {n,}, {n,m}, each optionally lazy (irrelevant for a full-match test).
    const repeat = ch === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (ch === '*' || ch === '+' || ch === '?' || repeat) {
      const text = repeat ? repeat[0] : ch;
      if (atom === 'none') return fail(`missing argument to repetition operator: \`${text}\``, i);
      if (atom === 'quantified') return fail(`invalid nested repetition operator: \`${pattern.slice(i - 1, i + text.length)}\``, i);
      if (repeat && (Number(repeat[1]) > MAX_REPEAT || Number(repeat[3] || 0) > MAX_REPEAT)) {
        return fail(`invalid repeat count: \`${text}\``, i);
      }
      if (repeat && repeat[3] && Number(repeat[3]) < Number(repeat[1])) return fail(`invalid repeat count: \`${text}\``, i);
      if (lastGroup && (lastGroup.quantified || lastGroup.alternation)) {
        return refuse(
          `a regex group that repeats and itself repeats or branches, ${pattern.slice(lastGroup.start, i + text.length)}`,
          lastGroup.start,
          'Such a pattern can take exponential time here: write it without the nested repetition, e.g. (a+)+ as a+',
        );
      }
      frame.quantified = true;
      out += text;
      i += text.length;
      if (pattern[i] === '?') i++;
      atom = 'quantified';
      continue;
    }
    lastGroup = undefined;
    if (ch === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const text = pattern.slice(i + 2, end < 0 ? undefined : end);
        out += `(?:${[...text].map(literal).join('')})`;
        i = end < 0 ? pattern.length : end + 2;
      } else {
        const e = escape(i, false);
        out += e.text;
        i = e.end;
      }
      atom = 'atom';
    } else if (ch === '[') {
      i = charClass(i);
      atom = 'atom';
    } else if (ch === '(') {
      let j = i + 1;
      if (pattern[j] === '?') {
        const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(pattern.slice(j));
        if (named) j += named[0].length;
        else if (pattern[j + 1] === ':') j += 2;
        else if (/^\?(=|!|<=|<!)/.test(pattern.slice(j))) return fail(`invalid or unsupported Perl syntax: \`${pattern.slice(i, j + 2)}\``, i);
        else if (/^\?-?[imsU]+(-[imsU]*)?[:)]/.test(pattern.slice(j))) {
          return refuse(`inline regex flags after the start of the pattern, ${pattern.slice(i, pattern.indexOf(')', i) + 1) || pattern.slice(i)}`, i, 'Put the flags at the very start, as in (?i)get');
        } else return fail(`invalid or unsupported Perl syntax: \`${pattern.slice(i, j + 2)}\``, i);
      }
      stack.push({ quantified: false, alternation: false, start: i });
      out += '(?:';
      i = j;
      atom = 'none';
    } else if (ch === ')') {
      if (stack.length === 1) return fail(`unexpected ): \`${pattern}\``, i);
      const closed = stack.pop()!;
      const parent = stack[stack.length - 1];
      parent.quantified ||= closed.quantified;
      parent.alternation ||= closed.alternation;
      out += ')';
      i++;
      atom = 'atom';
      lastGroup = closed;
    } else if (ch === '|') {
      frame.alternation = true;
      out += '|';
      i++;
      atom = 'none';
    } else if (ch === '^' || ch === '$') {
      out += ch;
      i++;
      atom = 'none';
    } else if (ch === '.') {
      out += '.';
      i++;
      atom = 'atom';
    } else {
      const c = String.fromCodePoint(pattern.codePointAt(i)!);
      out += /[A-Za-z0-9 _\-:,;=!@#%&'"<>~`/]/.test(c) ? c : literal(c);
      i += c.length;
      atom = 'atom';
    }
  }
  if (stack.length > 1) fail(`missing closing ): \`${pattern}\``, stack[stack.length - 1].start);

  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${out})$`, flags);
  } catch (err) {
    return fail(`${(err as Error).message}`, 0);
  }
  // Many series share a label value (job, le, method): remember recent answers.
  const seen = new Map<string, boolean>();
  return (value: string) => {
    let hit = seen.get(value);
    if (hit === undefined) {
      hit = compiled.test(value);
      if (seen.size >= 4096) seen.clear();
      seen.set(value, hit);
    }
    return hit;
  };
}

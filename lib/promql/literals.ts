/**
 * PromQL literals as Prometheus reads them: numbers (promql/parser/parse.go `number`:
 * Go's ParseInt with base 0, then ParseFloat), durations (prometheus/common model.ParseDuration)
 * and quoted strings (util/strutil/quote.go `Unquote`, Go's escape rules).
 */

const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Milliseconds of a duration such as `1h30m` or `500ms`; undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  return UNITS.reduce((sum, unit, i) => sum + (m[i + 1] ? Number(m[i + 1]) * UNIT_MS[unit] : 0), 0);
}

/**
 * The value of a number literal: decimal and exponent forms, `0x` hex, a leading-zero
 * integer as octal (Go's base-0 ParseInt), `_` between digits, Inf and NaN in any case,
 * and a duration read as seconds (`5m` = 300). undefined when it is none of these.
 */
export function parseNumber(raw: string): number | undefined {
  let text = raw;
  let sign = 1;
  if (text[0] === '+' || text[0] === '-') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1).trimStart();
  }
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  const duration = /[a-z]$/i.test(text) && !/^0x/i.test(text) ? parseDurationMs(text) : undefined;
  if (duration !== undefined) return (sign * duration) / 1000;
  if (/_/.test(text) && !/^(0x)?[0-9a-f]+(_[0-9a-f]+)*(\.[0-9]+(_[0-9]+)*)?(e[+-]?[0-9]+)?$/i.test(text)) return undefined;
  const digits = text.replace(/_/g, '');
  if (/^0x[0-9a-f]+$/i.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[0-7]+$/.test(digits)) return sign * parseInt(digits, 8);
  if (/^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(digits)) return sign * Number(digits);
  return undefined;
}

/**
 * The text of a quoted string literal (`"..."`, `'...'` or a raw `` `...` ``), with Go's
 * escapes resolved: \a \b \f \n \r \t \v \\ \' or \" (the string's own quote only),
 * \xhh and octal \ooo (bytes, read as UTF-8), \uhhhh, \Uhhhhhhhh. Throws Error with the
 * reason when an escape is invalid.
 */
export function unquote(raw: string): string {
  const quote = raw[0];
  const body = raw.slice(1, -1);
  if (quote === '`') return body;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const pushText = (text: string) => bytes.push(...encoder.encode(text));
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length - 1;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
    if (e in simple) bytes.push(simple[e]);
    else if (e === quote) bytes.push(e.charCodeAt(0));
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error(`invalid escape \\${e}${hex}: expected ${n} hex digits`);
      const value = parseInt(hex, 16);
      if (e === 'x') bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) throw new Error(`invalid escape \\${e}${hex}: not a Unicode code point`);
      else pushText(String.fromCodePoint(value));
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new Error(`invalid escape \\${oct}: an octal escape has three digits up to \\377`);
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else throw new Error(`invalid escape \\${e ?? ''}`);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

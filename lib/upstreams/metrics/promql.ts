/**
 * A tiny PromQL parser for the subset the lab upstream understands:
 *
 *   metric                        metric{label="v", other!="w"}     {__name__="metric"}
 *   sum(expr)   sum by (a, b) (expr)   sum(expr) by (a)     with sum, avg, min, max, count
 *
 * Anything else (functions, regex matchers, ranges, arithmetic) is rejected with a
 * PromQLError that says what is supported, so a learner is never left guessing.
 */

/** Aggregation operators the upstream supports. */
export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type AggregationOp = (typeof AGGREGATIONS)[number];

/** `name="value"` (`=`) or `name!="value"` (`!=`). Missing labels compare as `""`. */
export interface LabelMatcher {
  name: string;
  op: '=' | '!=';
  value: string;
}

/** Selects series; a metric name is stored as a `__name__` matcher. */
export interface VectorSelector {
  type: 'selector';
  matchers: LabelMatcher[];
}

/** `op by (by...) (expr)`: groups series by the `by` labels and combines each group. */
export interface Aggregation {
  type: 'aggregation';
  op: AggregationOp;
  /** Labels kept in the output; every other label (and `__name__`) is dropped. */
  by: string[];
  expr: PromExpr;
}

/** A parsed query. */
export type PromExpr = VectorSelector | Aggregation;

/** A query the upstream cannot run. `message` reads like Prometheus: `1:5: parse error: ...`. */
export class PromQLError extends Error {
  override name = 'PromQLError';
  /** 0-based offset into the query where the problem is. */
  readonly offset: number;
  constructor(query: string, offset: number, detail: string) {
    const before = query.slice(0, offset).split('\n');
    super(`${before.length}:${before[before.length - 1].length + 1}: parse error: ${detail}`);
    this.offset = offset;
  }
}

const SUPPORTED =
  'this upstream understands metric selectors like metric{label="value"} and the aggregations sum, avg, min, max and count, optionally with "by (label, ...)"';
const NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const STRING = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`]*)`/y;

/** Parses `query`; throws PromQLError with the position and a clear reason if it cannot. */
export function parsePromQL(query: string): PromExpr {
  let pos = 0;
  const fail = (detail: string, at = pos): never => {
    throw new PromQLError(query, at, detail);
  };
  const skipSpace = () => {
    while (pos < query.length && /\s/.test(query[pos])) pos++;
  };
  // Name the whole next word ("offset"), not just its first letter.
  const describeNext = () =>
    pos >= query.length ? 'end of query' : JSON.stringify(/^(?:[a-zA-Z_:][a-zA-Z0-9_:]*|\S)/.exec(query.slice(pos))![0]);
  const take = (pattern: RegExp): string | undefined => {
    skipSpace();
    pattern.lastIndex = pos;
    const match = pattern.exec(query);
    if (!match) return undefined;
    pos += match[0].length;
    return match[0];
  };
  const expect = (char: string, context: string) => {
    skipSpace();
    if (query[pos] !== char) fail(`unexpected ${describeNext()} ${context}, expected "${char}"`);
    pos++;
  };
  const peek = (char: string) => (skipSpace(), query[pos] === char);

  function labelList(context: string, close: string, item: () => void) {
    expect(close === ')' ? '(' : '{', context);
    while (!peek(close)) {
      item();
      if (!peek(',')) break;
      pos++; // a trailing comma is fine, as in Prometheus
    }
    expect(close, context);
  }

  function byClause(): string[] {
    const labels: string[] = [];
    labelList('after "by"', ')', () => labels.push(take(LABEL) ?? fail(`unexpected ${describeNext()} in "by", expected a label name`)));
    return labels;
  }

  function matcher(): LabelMatcher {
    const name = take(LABEL) ?? fail(`unexpected ${describeNext()} in label matching, expected a label name`);
    skipSpace();
    const op = query.startsWith('!=', pos) ? '!=' : query[pos] === '=' ? '=' : undefined;
    if (query.startsWith('=~', pos) || query.startsWith('!~', pos)) {
      fail(`regex matchers (=~, !~) are not supported: use = or !=; ${SUPPORTED}`);
    }
    if (!op) return fail(`unexpected ${describeNext()} after label "${name}", expected "=" or "!="`);
    pos += op.length;
    const raw = take(STRING);
    if (raw === undefined && /["'`]/.test(query[pos] ?? '')) fail('unterminated quoted string');
    if (raw === undefined) return fail(`unexpected ${describeNext()} in label matching, expected a quoted string`);
    return { name, op, value: unquote(raw) };
  }

  function expression(): PromExpr {
    skipSpace();
    const start = pos;
    const name = take(NAME);
    if (name === 'by' || name === 'without') fail(`unexpected "${name}", expected an expression`, start);
    if (name && (AGGREGATIONS as readonly string[]).includes(name) && /^\s*(\(|by\b|without\b)/.test(query.slice(pos))) {
      return aggregation(name as AggregationOp);
    }
    if (name && peek('(')) fail(`function "${name}" is not supported; ${SUPPORTED}`, start);
    if (!name && !peek('{')) fail(`unexpected ${describeNext()}, expected a metric name or "{"; ${SUPPORTED}`);
    const matchers: LabelMatcher[] = name ? [{ name: '__name__', op: '=', value: name }] : [];
    if (peek('{')) labelList('in label matching', '}', () => matchers.push(matcher()));
    if (!matchers.some((m) => (m.op === '=' ? m.value !== '' : m.value === ''))) {
      fail('vector selector must contain at least one non-empty matcher', start);
    }
    return { type: 'selector', matchers };
  }

  function aggregation(op: AggregationOp): Aggregation {
    const clause = () => {
      const word = take(/by\b|without\b/y);
      if (word === 'without') fail(`"without" is not supported: list the labels to keep with "by (...)"`, pos - word.length);
      return word ? byClause() : undefined;
    };
    let by = clause();
    expect('(', `after "${op}"`);
    const expr = expression();
    expect(')', `in "${op}(...)"`);
    if (!by) by = clause();
    else if (take(/by\b|without\b/y)) fail(`"${op}" can have only one "by" clause`);
    return { type: 'aggregation', op, by: by ?? [], expr };
  }

  skipSpace();
  if (pos >= query.length) fail('no expression found in input');
  const expr = expression();
  skipSpace();
  if (pos < query.length) {
    if (query[pos] === '[') fail(`range selectors like [5m] are not supported; ${SUPPORTED}`);
    fail(`unexpected ${describeNext()} after the expression; ${SUPPORTED}`);
  }
  return expr;
}

function unquote(raw: string): string {
  if (raw[0] === '`') return raw.slice(1, -1); // raw strings have no escapes
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
  return raw.slice(1, -1).replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c);
}

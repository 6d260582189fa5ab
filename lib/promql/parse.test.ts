import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { PromQLError } from './errors';
import { MAX_NESTING, MAX_QUERY_LENGTH, parsePromQL, valueType } from './parse';
import { NOT_SUPPORTED, SUPPORTED } from './supported';

/** The AST without positions and compiled regexes, for comparing shapes. */
function shape(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value) => (key === 'pos' || key === 'matches' ? undefined : value)));
}
const parse = (query: string) => shape(parsePromQL(query));
const sel = (name: string, offsetMs = 0, more: object[] = []) => ({
  type: 'VectorSelector',
  name,
  matchers: [{ name: '__name__', op: '=', value: name }, ...more],
  offsetMs,
});

function errorOf(query: string): PromQLError {
  try {
    parsePromQL(query);
  } catch (err) {
    if (err instanceof PromQLError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(query)} to fail`);
}

describe('parsePromQL: selectors', () => {
  it('reads a metric name, every matcher operator, and every quote style', () => {
    expect(parse(`m{a="x", b!='y', c=~"5..", d!~\`z\`,}`)).toEqual(
      sel('m', 0, [
        { name: 'a', op: '=', value: 'x' },
        { name: 'b', op: '!=', value: 'y' },
        { name: 'c', op: '=~', value: '5..' },
        { name: 'd', op: '!~', value: 'z' },
      ]),
    );
  });

  it('compiles regex matchers, fully anchored', () => {
    const expr = parsePromQL('m{code=~"5.."}');
    const matcher = expr.type === 'VectorSelector' ? expr.matchers[1] : undefined;
    expect(matcher?.matches?.('503')).toBe(true);
    expect(matcher?.matches?.('1503')).toBe(false);
  });

  it('resolves Go escapes in double and single quotes, none in backticks', () => {
    const expr = parsePromQL(`m{a="say \\"hi\\"\\n", b='it\\'s', c=\`raw\\n\`, d="\\u00e9\\x41\\101"}`);
    expect(expr.type === 'VectorSelector' && expr.matchers.slice(1).map((m) => m.value)).toEqual(['say "hi"\n', "it's", 'raw\\n', 'éAA']);
  });

  it('takes a quoted metric name inside the braces, and a selector with only label matchers', () => {
    expect(parse('{"queue_depth", job="w"}')).toEqual({
      type: 'VectorSelector',
      matchers: [
        { name: '__name__', op: '=', value: 'queue_depth' },
        { name: 'job', op: '=', value: 'w' },
      ],
      offsetMs: 0,
    });
    expect(parse('{job!=""}')).toMatchObject({ matchers: [{ name: 'job', op: '!=', value: '' }] });
  });

  it('allows colons in metric names and keywords as metric names, as Prometheus does', () => {
    expect(parse('job:requests:rate5m')).toEqual(sel('job:requests:rate5m'));
    expect(parse('by')).toEqual(sel('by'));
  });

  it('reads ranges and offsets in milliseconds', () => {
    expect(parse('m[5m]')).toEqual({ type: 'MatrixSelector', vectorSelector: sel('m'), rangeMs: 300_000 });
    expect(parse('m[1h30m] offset 1d')).toEqual({ type: 'MatrixSelector', vectorSelector: sel('m', 86_400_000), rangeMs: 5_400_000 });
    expect(parse('m offset -30s')).toEqual(sel('m', -30_000));
    expect(parse('m[90]')).toMatchObject({ rangeMs: 90_000 }); // a bare number is seconds
    expect(parse('m[500ms]')).toMatchObject({ rangeMs: 500 });
  });
});

describe('parsePromQL: expressions', () => {
  it('reads aggregations with by or without, before or after the arguments', () => {
    const expected = { type: 'AggregateExpr', op: 'sum', expr: sel('m'), grouping: ['job', 'le'], without: false };
    expect(parse('sum by (job, le) (m)')).toEqual(expected);
    expect(parse('sum(m) by (job, le,)')).toEqual(expected);
    expect(parse('SUM(m) BY (job, le)')).toEqual(expected); // keywords are case-insensitive
    expect(parse('avg without (instance) (m)')).toEqual({ type: 'AggregateExpr', op: 'avg', expr: sel('m'), grouping: ['instance'], without: true });
  });

  it.each(['sum', 'avg', 'min', 'max', 'count'])('reads %s(v)', (op) => {
    expect(parse(`${op}(m)`)).toEqual({ type: 'AggregateExpr', op, expr: sel('m'), grouping: [], without: false });
  });

  it.each(['topk', 'bottomk', 'quantile'])('reads %s(param, v)', (op) => {
    expect(parse(`${op}(0.5, m)`)).toEqual({
      type: 'AggregateExpr',
      op,
      expr: sel('m'),
      param: { type: 'NumberLiteral', value: 0.5 },
      grouping: [],
      without: false,
    });
  });

  it('reads every supported function call', () => {
    for (const func of ['rate', 'increase', 'irate', 'delta', 'avg_over_time', 'sum_over_time', 'max_over_time', 'min_over_time', 'count_over_time']) {
      expect(parse(`${func}(m[5m])`)).toEqual({ type: 'Call', func, args: [{ type: 'MatrixSelector', vectorSelector: sel('m'), rangeMs: 300_000 }] });
    }
    expect(parse('histogram_quantile(0.9, m)')).toEqual({ type: 'Call', func: 'histogram_quantile', args: [{ type: 'NumberLiteral', value: 0.9 }, sel('m')] });
    expect(parse('round(m)')).toMatchObject({ func: 'round', args: [sel('m')] });
    expect(parse('round(m, 5)')).toMatchObject({ func: 'round', args: [sel('m'), { value: 5 }] });
    expect(parse('clamp_min(abs(m), 0)')).toMatchObject({ func: 'clamp_min', args: [{ func: 'abs' }, { value: 0 }] });
    expect(parse('clamp_max(m, 1)')).toMatchObject({ func: 'clamp_max' });
    expect(parse('time()')).toEqual({ type: 'Call', func: 'time', args: [] });
    expect(parse('vector(1)')).toMatchObject({ func: 'vector', args: [{ value: 1 }] });
    expect(parse('scalar(m)')).toMatchObject({ func: 'scalar', args: [sel('m')] });
  });

  it('reads binary operators with precedence, bool and vector matching', () => {
    expect(parse('a + b * c ^ 2')).toMatchObject({ op: '+', rhs: { op: '*', rhs: { op: '^' } } });
    // The grammar puts the sign into the literal; Prometheus reads -1^2 as -(1^2) (its parse_test.go).
    expect(parse('-1^2')).toEqual({
      type: 'UnaryExpr',
      op: '-',
      expr: { type: 'BinaryExpr', op: '^', lhs: { type: 'NumberLiteral', value: 1 }, rhs: { type: 'NumberLiteral', value: 2 }, returnBool: false },
    });
    expect(parse('-1 * 2')).toMatchObject({ op: '*', rhs: { value: 2 } });
    expect(parse('2 ^ 3 ^ 2')).toMatchObject({ op: '^', lhs: { value: 2 }, rhs: { op: '^' } }); // ^ is right-associative
    expect(parse('a > bool 1')).toMatchObject({ op: '>', returnBool: true });
    expect(parse('a / on (job) b')).toMatchObject({ op: '/', vectorMatching: { card: 'one-to-one', on: true, matchingLabels: ['job'] } });
    expect(parse('a - ignoring (code) b')).toMatchObject({ vectorMatching: { card: 'one-to-one', on: false, matchingLabels: ['code'] } });
    expect(parse('a or b and c')).toMatchObject({ op: 'or', rhs: { op: 'and', vectorMatching: { card: 'many-to-many' } } });
    expect(parse('a unless on () b')).toMatchObject({ op: 'unless', vectorMatching: { on: true, matchingLabels: [] } });
    expect(parsePromQL('a * 2')).not.toHaveProperty('vectorMatching.card');
    for (const op of ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=']) expect(parse(`a ${op} b`)).toMatchObject({ type: 'BinaryExpr', op });
  });

  it('reads numbers as Prometheus does', () => {
    const value = (q: string) => (parsePromQL(q) as { value: number }).value;
    expect(value('1e3')).toBe(1000);
    expect(value('0x1f')).toBe(31);
    expect(value('010')).toBe(8); // Go's base-0 ParseInt: a leading zero is octal
    expect(value('1_000')).toBe(1000);
    expect(value('-5m')).toBe(-300); // a duration used as a number is seconds
    expect(value('Inf')).toBe(Infinity);
    expect(value('-inf')).toBe(-Infinity);
    expect(value('NaN')).toBeNaN();
    expect(value('.5')).toBe(0.5);
  });

  it('keeps parentheses, unary minus, strings and comments', () => {
    expect(parse('-(m)')).toEqual({ type: 'UnaryExpr', op: '-', expr: { type: 'ParenExpr', expr: sel('m') } });
    expect(parse('"text"')).toEqual({ type: 'StringLiteral', value: 'text' });
    expect(parse('m # the number of things\n')).toEqual(sel('m'));
  });

  it('records where each node is', () => {
    const expr = parsePromQL('sum(rate(m[5m]))');
    expect(expr.pos).toEqual({ start: 0, end: 16 });
    expect(expr.type === 'AggregateExpr' && expr.expr.pos).toEqual({ start: 4, end: 15 });
  });

  it('gives each expression its value type', () => {
    expect(valueType(parsePromQL('1 + 2'))).toBe('scalar');
    expect(valueType(parsePromQL('m * 2'))).toBe('instant vector');
    expect(valueType(parsePromQL('m[5m]'))).toBe('range vector');
    expect(valueType(parsePromQL('scalar(m)'))).toBe('scalar');
    expect(valueType(parsePromQL('"s"'))).toBe('string');
  });
});

describe('parsePromQL: syntax errors say where and what was expected', () => {
  it.each([
    ['', '1:1: parse error: no expression found in input'],
    ['   ', '1:4: parse error: no expression found in input'],
    ['sum(m', '1:6: parse error: unexpected end of query in "sum(...)", expected ")"'],
    ['topk(3', '1:7: parse error: unexpected end of query in "topk(...)", expected "," or ")"'],
    ['rate(', '1:6: parse error: unexpected end of query in "rate(...)", expected an expression'],
    ['sum by (a (m)', '1:11: parse error: unexpected "(" in "by (...)", expected "," or ")"'],
    ['sum by (1) (m)', '1:9: parse error: unexpected "1" in "by (...)", expected a label name or ")"'],
    ['sum by (a) (m) by (b)', '1:16: parse error: unexpected "by": write "by (...)" or "without (...)" once'],
    ['m{a="x}', '1:5: parse error: unterminated quoted string'],
    ['m{a}', '1:4: parse error: unexpected "}" after label "a", expected one of =, !=, =~, !~'],
    ['m{a=x}', '1:5: parse error: unexpected "x" after "=" in label matching, expected a quoted string such as "value"'],
    ['m{a="x"', '1:8: parse error: unexpected end of query in label matching, expected "," or "}"'],
    ['m{a="x" b="y"}', '1:9: parse error: unexpected "b" in label matching, expected "," or "}"'],
    ['m +', '1:4: parse error: unexpected end of query after "+", expected an expression'],
    ['sum(\n  m +', '2:6: parse error: unexpected end of query after "+", expected an expression'],
    ['m foo', '1:3: parse error: unexpected "foo" after the selector, expected "{", an operator or the end of the query'],
    ['sum(m) foo', '1:8: parse error: unexpected "foo" after the expression, expected an operator (such as + or and) or the end of the query'],
    ['m)', '1:2: parse error: unexpected ")" after the expression'],
    ['rate(m[5m)', '1:10: parse error: unexpected ")" in the range, expected "]"'],
    ['rate(m[5x])', '1:9: parse error: unexpected "x" in the range, expected "]" (a duration is a whole number with a unit'],
    ['(m', '1:3: parse error: unexpected end of query inside "(...)", expected ")"'],
    ['m offset', '1:9: parse error: unexpected end of query after "offset", expected a duration such as 5m'],
    ['sum by (a)', '1:11: parse error: unexpected end of query after "by (a)", expected "(" and the expression to aggregate'],
    ['foo(m)', '1:1: parse error: unknown function with name "foo"'],
    ['Rate(m[5m])', '1:1: parse error: unknown function with name "Rate": function names are case-sensitive, did you mean "rate"?'],
    ['m{a="\\q"}', '1:5: parse error: error unquoting string "\\q": invalid escape \\q'],
  ])('%j', (query, message) => {
    const error = errorOf(query);
    expect(error.kind).toBe('syntax');
    expect(error.message.startsWith(message), error.message).toBe(true);
  });

  it('gives line, column and offset as data', () => {
    const error = errorOf('sum(\n  m +');
    expect(error.position).toEqual({ offset: 10, line: 2, column: 6 });
    expect(error.offset).toBe(10);
    expect(error.name).toBe('PromQLError');
  });
});

describe("parsePromQL: Prometheus' type checks", () => {
  it.each([
    ['rate(m)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector: add a range to the selector'],
    ['sum(m[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    ['topk(m, m)', '1:6: parse error: expected type scalar in aggregation parameter, got instant vector'],
    ['topk(m)', '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['sum()', '1:1: parse error: no arguments for aggregate expression provided'],
    ['rate(m[5m], 1)', '1:1: parse error: expected 1 argument(s) in call to "rate", got 2'],
    ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0'],
    ['round(m, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['histogram_quantile(m, m)', '1:20: parse error: expected type scalar in call to function "histogram_quantile", got instant vector'],
    ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['m + bool 1', '1:3: parse error: bool modifier can only be used on comparison operators'],
    ['1 and m', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['m + on (a) 1', '1:1: parse error: vector matching only allowed between instant vectors'],
    ['m[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['-(m[5m])', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"'],
    ['{}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{a!="x"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['m{__name__="n"}', '1:1: parse error: metric name must not be set twice: "m" or "n"'],
    ['m offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    ['m offset 1m [5m]', '1:1: parse error: no offset modifiers allowed before range'],
    ['sum(m) offset 1m', '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['(m)[5m]', '1:1: parse error: ranges only allowed for vector selectors'],
    ['m[0s]', '1:3: parse error: a range must be longer than 0s'],
  ])('%j', (query, message) => {
    const error = errorOf(query);
    expect(error.kind).toBe('type');
    expect(error.message.startsWith(message), error.message).toBe(true);
  });

  it('reports a bad regex at its place in the pattern', () => {
    const error = errorOf('m{a=~"x(y"}');
    expect(error.message).toBe('1:8: parse error: error parsing regexp: missing closing ): `x(y`');
  });
});

describe('parsePromQL: what the grammar accepts but we do not run is named', () => {
  it.each([
    ['rate(m[5m])[30m:1m]', 'subquery [30m:1m]', 12],
    ['m[5m:]', 'subquery [5m:]', 2],
    ['m @ 1700000000', 'the @ modifier', 3],
    ['m @ start()', 'the @ modifier', 3],
    ['a + on (b) group_left c', 'group_left (many-to-one matching)', 12],
    ['a * ignoring (b) group_right (c) c', 'group_right (many-to-one matching)', 18],
    ['label_replace(m, "a", "$1", "b", "(.*)")', 'the function label_replace()', 1],
    ['absent(m)', 'the function absent()', 1],
    ['sum(predict_linear(m[1h], 3600))', 'the function predict_linear()', 5],
    ['stddev(m)', 'the aggregation stddev(...)', 1],
    ['count_values("v", m)', 'the aggregation count_values(...)', 1],
    ['1 atan2 2', 'the atan2 operator', 3],
    ['m[1m + 30s]', 'the duration expression "1m + 30s"', 3],
    ['m{a=~"(a+)+"}', 'a regex group that repeats and itself repeats or branches, (a+)+', 7],
    ['rate(m[5m] smoothed)', 'the smoothed modifier', 12],
  ])('%j: %s', (query, construct, column) => {
    const error = errorOf(query);
    expect(error.kind).toBe('unsupported');
    expect(error.construct).toBe(construct);
    expect(error.message.startsWith(`not supported here: ${construct} (at column ${column})`), error.message).toBe(true);
  });

  it('gives the line too when the query has several', () => {
    expect(errorOf('sum(\n  m @ 100\n)').message).toMatch(/^not supported here: the @ modifier \(at line 2, column 5\)/);
  });

  it('offers an alternative where there is one', () => {
    expect(errorOf('a + on (b) group_left c').message).toContain('aggregate the "many" side first');
  });

  it('lists the supported subset and the refused constructs for a UI', () => {
    expect(SUPPORTED.length).toBeGreaterThan(5);
    for (const item of SUPPORTED) {
      expect(item.forms.length).toBeGreaterThan(0);
      expect(() => parsePromQL(item.example), item.example).not.toThrow();
    }
    expect(NOT_SUPPORTED).toContain('the @ modifier (and @ start(), @ end())');
  });
});

describe('parsePromQL: limits', () => {
  it('refuses a query that is too long, before parsing it', () => {
    const error = errorOf(`m${' '.repeat(MAX_QUERY_LENGTH)}`);
    expect(error.kind).toBe('limit');
    expect(error.message).toMatch(/the limit is 20,000/);
  });

  it('refuses nesting too deep for the evaluator', () => {
    const deep = `${'('.repeat(MAX_NESTING + 5)}m${')'.repeat(MAX_NESTING + 5)}`;
    expect(errorOf(deep).kind).toBe('limit');
    expect(() => parsePromQL(`${'('.repeat(50)}m${')'.repeat(50)}`)).not.toThrow();
  });
});

describe('parsePromQL: parsed queries are kept', () => {
  it('gives the same AST for the same text, frozen so no caller can change it under another', () => {
    const query = 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))';
    const first = parsePromQL(query);
    expect(parsePromQL(query)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const inner = (first as { expr?: unknown }).expr as object;
    expect(Object.isFrozen(inner)).toBe(true);
    expect(() => {
      (first as { op: string }).op = 'max';
    }).toThrow(TypeError);
    // A matcher's compiled regex still works on a kept AST.
    const selector = parsePromQL('up{code=~"5.."}');
    const kept = parsePromQL('up{code=~"5.."}') as typeof selector & { matchers: { matches?: (v: string) => boolean }[] };
    expect(kept).toBe(selector);
    expect(kept.matchers[1].matches?.('503')).toBe(true);
    expect(kept.matchers[1].matches?.('200')).toBe(false);
  });

  it('parses a failing query again each time, so each caller gets its own error', () => {
    const a = errorOf('rate(up)');
    const b = errorOf('rate(up)');
    expect(a).not.toBe(b);
    expect(a.message).toBe(b.message);
  });

  it('drops the least recently used query once 64 others came after it', () => {
    const first = parsePromQL('up{job="kept"}');
    for (let i = 0; i < 64; i++) parsePromQL(`up{job="other-${i}"}`);
    expect(parsePromQL('up{job="kept"}')).not.toBe(first);
    const again = parsePromQL('up{job="kept"}');
    for (let i = 0; i < 10; i++) parsePromQL(`up{job="more-${i}"}`);
    expect(parsePromQL('up{job="kept"}')).toBe(again);
  });
});

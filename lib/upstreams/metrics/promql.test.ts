import { describe, expect, it } from 'vitest';
import { parsePromQL, PromQLError } from './promql';

const name = (value: string) => ({ name: '__name__', op: '=', value });

describe('parsePromQL: selectors', () => {
  it('turns a metric name into a __name__ matcher', () => {
    expect(parsePromQL('cpu_usage_percent')).toEqual({ type: 'selector', matchers: [name('cpu_usage_percent')] });
  });

  it('reads = and != matchers, with spaces and a trailing comma', () => {
    expect(parsePromQL(' m { instance = "web-1" , job!="node", } ')).toEqual({
      type: 'selector',
      matchers: [name('m'), { name: 'instance', op: '=', value: 'web-1' }, { name: 'job', op: '!=', value: 'node' }],
    });
  });

  it('reads double, single and backtick quotes with their escapes', () => {
    const expr = parsePromQL(`m{a="say \\"hi\\"", b='it\\'s', c=\`raw\\n\`}`);
    expect(expr.type === 'selector' && expr.matchers.slice(1).map((m) => m.value)).toEqual(['say "hi"', "it's", 'raw\\n']);
  });

  it('accepts a selector without a metric name if some matcher needs a value', () => {
    expect(parsePromQL('{__name__="queue_depth"}')).toEqual({ type: 'selector', matchers: [name('queue_depth')] });
    expect(parsePromQL('{job!=""}')).toEqual({ type: 'selector', matchers: [{ name: 'job', op: '!=', value: '' }] });
  });

  it('allows colons in metric names, as recording rules use them', () => {
    expect(parsePromQL('job:requests:rate5m')).toEqual({ type: 'selector', matchers: [name('job:requests:rate5m')] });
  });
});

describe('parsePromQL: aggregations', () => {
  const m = { type: 'selector', matchers: [name('m')] };

  it.each(['sum', 'avg', 'min', 'max', 'count'])('parses %s(expr) with no grouping', (op) => {
    expect(parsePromQL(`${op}(m)`)).toEqual({ type: 'aggregation', op, by: [], expr: m });
  });

  it('takes "by" before or after the argument', () => {
    const expected = { type: 'aggregation', op: 'sum', by: ['instance', 'job'], expr: m };
    expect(parsePromQL('sum by (instance, job) (m)')).toEqual(expected);
    expect(parsePromQL('sum(m) by (instance, job)')).toEqual(expected);
    expect(parsePromQL('sum by(instance,job,)(m)')).toEqual(expected);
  });

  it('nests, across lines', () => {
    expect(parsePromQL('max(\n  sum by (instance) (m{route="/a"})\n)')).toEqual({
      type: 'aggregation',
      op: 'max',
      by: [],
      expr: {
        type: 'aggregation',
        op: 'sum',
        by: ['instance'],
        expr: { type: 'selector', matchers: [name('m'), { name: 'route', op: '=', value: '/a' }] },
      },
    });
  });

  it('accepts an empty "by ()"', () => {
    expect(parsePromQL('count by () (m)')).toEqual({ type: 'aggregation', op: 'count', by: [], expr: m });
  });
});

describe('parsePromQL: errors', () => {
  it.each([
    ['', '1:1: parse error: no expression found in input'],
    ['   ', '1:4: parse error: no expression found in input'],
    ['rate(m[5m])', '1:1: parse error: function "rate" is not supported; this upstream understands metric selectors'],
    ['m{a=~"x.*"}', '1:4: parse error: regex matchers (=~, !~) are not supported: use = or !='],
    ['m{a!~"x"}', '1:4: parse error: regex matchers (=~, !~) are not supported'],
    ['m[5m]', '1:2: parse error: range selectors like [5m] are not supported'],
    ['m + 1', '1:3: parse error: unexpected "+" after the expression'],
    ['m offset 5m', '1:3: parse error: unexpected "offset" after the expression'],
    ['42', '1:1: parse error: unexpected "4", expected a metric name or "{"'],
    ['sum without (a) (m)', '1:5: parse error: "without" is not supported: list the labels to keep with "by (...)"'],
    ['sum(m', '1:6: parse error: unexpected end of query in "sum(...)", expected ")"'],
    ['sum by (a (m)', '1:11: parse error: unexpected "(" after "by", expected ")"'],
    ['sum by (a) (m) by (b)', '1:18: parse error: "sum" can have only one "by" clause'],
    ['sum by (1) (m)', '1:9: parse error: unexpected "1" in "by", expected a label name'],
    ['m{a="x}', '1:5: parse error: unterminated quoted string'],
    ['m{a}', '1:4: parse error: unexpected "}" after label "a", expected "=" or "!="'],
    ['m{a=x}', '1:5: parse error: unexpected "x" in label matching, expected a quoted string'],
    [`m{"a"="x"}`, `1:3: parse error: unexpected "\\"" in label matching, expected a label name`],
    ['m{a="x"', '1:8: parse error: unexpected end of query in label matching, expected "}"'],
    ['{a!="x"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['by', '1:1: parse error: unexpected "by", expected an expression'],
    ['sum(\n  m +', '2:5: parse error: unexpected "+" in "sum(...)", expected ")"'],
  ])('rejects %j', (query, message) => {
    let error: unknown;
    try {
      parsePromQL(query);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PromQLError);
    expect((error as Error).message.startsWith(message), (error as Error).message).toBe(true);
  });

  it('records where the problem is', () => {
    try {
      parsePromQL('sum(m) + x');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PromQLError);
      expect((err as PromQLError).offset).toBe(7);
      expect((err as PromQLError).name).toBe('PromQLError');
    }
  });

  it('lists what is supported when it meets something unsupported', () => {
    expect(() => parsePromQL('histogram_quantile(0.9, m)')).toThrow(/sum, avg, min, max and count/);
  });
});

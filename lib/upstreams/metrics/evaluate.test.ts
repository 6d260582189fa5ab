import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from './catalog';
import { compareLabels, evaluateInstantMs, evaluateRange, matchSeries } from './evaluate';
import { ParamError } from './params';
import { PromQLError } from '../../promql';
import { formatValue, sampleValue } from './series';
import { promMatrixSeriesSchema } from './types';

const START = 1_700_000_000;
const range = (query: string, start = START, end = START + 300, step = 60) => evaluateRange({ query, start, end, step });
const metrics = (query: string) => range(query).map((s) => s.metric);
const numbers = (query: string) => range(query).map((s) => s.values.map(([, v]) => Number(v)));

describe('evaluateRange: selection', () => {
  it('returns every series of a metric, sorted by labels, with __name__', () => {
    const result = range('cpu_usage_percent');
    expect(result.map((s) => s.metric)).toEqual(
      ['web-1', 'web-2', 'web-3'].map((instance) => ({ __name__: 'cpu_usage_percent', instance, job: 'node' })),
    );
    for (const series of result) expect(promMatrixSeriesSchema.parse(series)).toEqual(series);
  });

  it('puts points at start, start+step, ... up to end, and values from the generator', () => {
    const [web1] = range('cpu_usage_percent', START, START + 100, 30);
    expect(web1.values.map(([t]) => t)).toEqual([START, START + 30, START + 60, START + 90]);
    const cpu = METRIC_CATALOG.find((m) => m.name === 'cpu_usage_percent')!;
    expect(web1.values.map(([, v]) => v)).toEqual(
      [0, 30, 60, 90].map((offset) => formatValue(sampleValue(cpu, { instance: 'web-1', job: 'node' }, (START + offset) * 1000))),
    );
    expect(web1.values[0]).toEqual([START, '48.91']); // pinned, see series.test.ts
  });

  it('keeps fractional start times, at millisecond precision', () => {
    const [web1] = range('cpu_usage_percent', START + 0.5, START + 31, 15);
    expect(web1.values.map(([t]) => t)).toEqual([START + 0.5, START + 15.5, START + 30.5]);
  });

  it('gives one point when start equals end, and a fractional step works', () => {
    expect(range('queue_depth', START, START, 15)[0].values).toHaveLength(1);
    expect(range('queue_depth', START, START + 1, 0.25)[0].values).toHaveLength(5);
  });

  it('gives the generator\'s values on overlapping windows and after more than a day of samples (kept values never go stale)', () => {
    const cpu = METRIC_CATALOG.find((m) => m.name === 'cpu_usage_percent')!;
    const expected = (start: number, end: number) =>
      Array.from({ length: Math.floor((end - start) / 15) + 1 }, (_, i) => formatValue(sampleValue(cpu, { instance: 'web-2', job: 'node' }, (start + i * 15) * 1000)));
    const web2 = (start: number, end: number) => range('cpu_usage_percent{instance="web-2"}', start, end, 15)[0].values.map(([, v]) => v);
    // Two overlapping hours, then 30 hours (more samples than a series keeps), then the first hour again.
    expect(web2(START, START + 3600)).toEqual(expected(START, START + 3600));
    expect(web2(START + 1800, START + 5400)).toEqual(expected(START + 1800, START + 5400));
    expect(web2(START, START + 30 * 3600).slice(-5)).toEqual(expected(START, START + 30 * 3600).slice(-5));
    expect(web2(START, START + 3600)).toEqual(expected(START, START + 3600));
  });

  it('is deterministic', () => {
    expect(range('http_requests_per_second')).toEqual(range('http_requests_per_second'));
  });

  it('returns nothing for an unknown metric, as Prometheus does', () => {
    expect(range('no_such_metric')).toEqual([]);
  });

  it.each([
    ['http_requests_per_second{route="/api/orders"}', 3],
    ['http_requests_per_second{route!="/api/orders"}', 3],
    ['http_requests_per_second{route!="/api/orders", instance="web-2"}', 1],
    ['cpu_usage_percent{instance!="web-1"}', 2],
    ['cpu_usage_percent{route=""}', 3], // a missing label equals ""
    ['cpu_usage_percent{route!=""}', 0],
    ['cpu_usage_percent{nosuch!="x"}', 3],
    ['{job="node"}', 6],
    ['{__name__="queue_depth"}', 1],
    ['cpu_usage_percent{instance="web-9"}', 0],
    ['queue_depth{constructor=""}', 1], // label names are never looked up on Object.prototype
  ])('%s selects %d series', (query, count) => {
    expect(range(query)).toHaveLength(count);
  });

  it('matches exactly, not by substring or case', () => {
    expect(metrics('http_requests_per_second{route="/api/orders", instance="web-2"}')).toEqual([
      { __name__: 'http_requests_per_second', instance: 'web-2', job: 'api', route: '/api/orders' },
    ]);
    expect(range('cpu_usage_percent{instance="WEB-1"}')).toEqual([]);
    expect(range('cpu_usage_percent{instance="web"}')).toEqual([]);
  });
});

describe('evaluateRange: aggregation', () => {
  const http = 'http_requests_per_second';
  const raw = numbers(http); // six series: web-1 orders, web-1 users, web-2 orders, ...
  const round = (v: number) => Number(formatValue(v));
  const column = (i: number) => raw.map((values) => values[i]);

  it('sum by (instance) adds the routes of each instance and keeps only instance', () => {
    expect(metrics(`sum by (instance) (${http})`)).toEqual([{ instance: 'web-1' }, { instance: 'web-2' }, { instance: 'web-3' }]);
    expect(numbers(`sum by (instance) (${http})`)).toEqual(
      [0, 2, 4].map((first) => raw[first].map((v, i) => round(v + raw[first + 1][i]))),
    );
  });

  it('sum without grouping gives one unlabelled series', () => {
    expect(metrics(`sum(${http})`)).toEqual([{}]);
    expect(numbers(`sum(${http})`)[0]).toEqual(raw[0].map((_, i) => round(column(i).reduce((a, b) => a + b))));
  });

  it('avg, min, max and count combine each timestamp', () => {
    const points = raw[0].map((_, i) => column(i));
    expect(numbers(`avg(${http})`)[0]).toEqual(points.map((p) => round(p.reduce((a, b) => a + b) / p.length)));
    expect(numbers(`min(${http})`)[0]).toEqual(points.map((p) => Math.min(...p)));
    expect(numbers(`max(${http})`)[0]).toEqual(points.map((p) => Math.max(...p)));
    expect(range(`count(${http})`)[0].values.map(([, v]) => v)).toEqual(['6', '6', '6', '6', '6', '6']);
    expect(range(`count by (route) (${http})`).map((s) => [s.metric, s.values[0][1]])).toEqual([
      [{ route: '/api/orders' }, '3'],
      [{ route: '/api/users' }, '3'],
    ]);
  });

  it('takes "by" after the argument too, and drops labels not listed or not present', () => {
    expect(range(`max(${http}) by (route)`)).toEqual(range(`max by (route) (${http})`));
    expect(metrics(`sum by (job, nosuch) (${http})`)).toEqual([{ job: 'api' }]);
    expect(metrics('sum by (constructor, toString) (queue_depth)')).toEqual([{}]);
  });

  it('aggregates across metrics when the selector spans them', () => {
    expect(metrics('count by (__name__) ({job="node"})')).toEqual([
      { __name__: 'cpu_usage_percent' },
      { __name__: 'memory_used_bytes' },
    ]);
  });

  it('nests', () => {
    const sums = numbers(`sum by (instance) (${http})`);
    expect(numbers(`max(sum by (instance) (${http}))`)[0]).toEqual(sums[0].map((_, i) => Math.max(...sums.map((s) => s[i]))));
  });

  it('returns nothing when nothing matched', () => {
    expect(range('sum(no_such_metric)')).toEqual([]);
  });
});

describe('evaluateRange: errors', () => {
  it('throws PromQLError for a query it cannot run, naming what is not supported', () => {
    expect(() => range('sum(')).toThrow(PromQLError);
    expect(() => range('rate(cpu_usage_percent[5m])[30m:1m]')).toThrow(/^not supported here: subquery \[30m:1m\] \(at column 28\)/);
  });

  it("throws ParamError with Prometheus' message for a bad window", () => {
    expect(() => range('queue_depth', START, START - 1)).toThrow(/end timestamp must not be before start time/);
    expect(() => range('queue_depth', START, START + 60, 0)).toThrow(/zero or negative query resolution step/);
    expect(() => range('queue_depth', START, START + 11_001, 1)).toThrow(/exceeded maximum resolution of 11,000 points/);
    expect(() => range('queue_depth', NaN)).toThrow(ParamError);
  });

  it('allows exactly 11,001 points', () => {
    expect(range('queue_depth', START, START + 11_000, 1)[0].values).toHaveLength(11_001);
  });
});

describe('evaluateInstantMs', () => {
  it('gives one sample per series at that time', () => {
    expect(evaluateInstantMs('queue_depth', START * 1000)).toEqual([
      { metric: { __name__: 'queue_depth', job: 'worker', queue: 'orders' }, value: [START, range('queue_depth')[0].values[0][1]] },
    ]);
    expect(evaluateInstantMs('sum(cpu_usage_percent)', START * 1000)[0].metric).toEqual({});
  });
});

describe('matchSeries', () => {
  it('lists every series without selectors', () => {
    expect(matchSeries([])).toHaveLength(13);
  });

  it('unions several selectors without duplicates, sorted', () => {
    expect(matchSeries(['cpu_usage_percent', '{job="node"}', 'queue_depth'])).toEqual([
      ...['web-1', 'web-2', 'web-3'].map((instance) => ({ __name__: 'cpu_usage_percent', instance, job: 'node' })),
      ...['web-1', 'web-2', 'web-3'].map((instance) => ({ __name__: 'memory_used_bytes', instance, job: 'node' })),
      { __name__: 'queue_depth', job: 'worker', queue: 'orders' },
    ]);
  });

  it('accepts only series selectors', () => {
    expect(() => matchSeries(['sum(queue_depth)'])).toThrow('invalid parameter "match[]": "sum(queue_depth)" is not a series selector');
    expect(() => matchSeries(['queue_depth{'])).toThrow(/^invalid parameter "match\[\]": 1:13: parse error/);
  });
});

describe('compareLabels', () => {
  it('orders label by label, name then value, shorter first', () => {
    expect(compareLabels({ a: '1' }, { a: '2' })).toBeLessThan(0);
    expect(compareLabels({ b: '1' }, { a: '1', c: '1' })).toBeGreaterThan(0);
    expect(compareLabels({ a: '1' }, { a: '1', b: '1' })).toBeLessThan(0);
    expect(compareLabels({ y: '1', x: '1' }, { x: '1', y: '1' })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { CheckFailure } from '../../checks/assert';
import type { MetricFamily } from './exposition';
import { atSeconds, closeTo, describeCounts, lastScrape, metricFamily, sameCounts, totalOf, totalsBy } from './observe';
import type { OperateRunRecord } from './run';

const families: MetricFamily[] = [
  {
    name: 'datasource_query_errors_total',
    type: 'counter',
    samples: [
      { name: 'datasource_query_errors_total', labels: { category: 'timeout' }, value: 2 },
      { name: 'datasource_query_errors_total', labels: { category: 'validation' }, value: 3 },
    ],
  },
];

describe('reading a run back', () => {
  it('totals a counter by one label, and fails naming a series without it', () => {
    expect(totalsBy(families, 'datasource_query_errors_total', 'category')).toEqual(new Map([['timeout', 2], ['validation', 3]]));
    expect(totalOf(families, 'datasource_query_errors_total')).toBe(5);
    expect(() => totalsBy(families, 'datasource_query_errors_total', 'class')).toThrow(CheckFailure);
  });

  it('finds a family of the right type, or says what the registry has', () => {
    expect(metricFamily(families, 'datasource_query_errors_total', 'counter').samples).toHaveLength(2);
    expect(() => metricFamily(families, 'nope', 'histogram')).toThrow(/datasource_query_errors_total/);
  });

  it('compares counts ignoring zeros, and describes them sorted', () => {
    expect(sameCounts(new Map([['a', 1], ['b', 0]]), new Map([['a', 1]]))).toBe(true);
    expect(sameCounts(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(describeCounts(new Map([['b', 2], ['a', 1], ['c', 0]]))).toBe('a 1, b 2');
  });

  it('allows half a percent and a millisecond per observation', () => {
    expect(closeTo(10.04, 10, 1)).toBe(true);
    expect(closeTo(10.2, 10, 1)).toBe(false);
  });

  it('writes virtual ms as seconds: whole, or to two decimals', () => {
    expect(atSeconds(12_000)).toBe('12 s');
    expect(atSeconds(12_345)).toBe('12.35 s');
    expect(atSeconds(150)).toBe('0.15 s');
  });

  it('says when there is no registry to scrape', () => {
    const record = { noRegistry: true, scrapes: [] } as unknown as OperateRunRecord;
    expect(() => lastScrape(record)).toThrow(/exports none/);
  });
});

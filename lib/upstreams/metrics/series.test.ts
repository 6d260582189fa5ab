import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, type MetricSpec } from './catalog';
import { formatValue, hashString, hashUnit, parseSampleValue, sampleValue, SCRAPE_INTERVAL_MS, seriesKey } from './series';

const metric = (name: string): MetricSpec => METRIC_CATALOG.find((m) => m.name === name)!;
const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

describe('hashString', () => {
  it('is 32-bit FNV-1a (published test vectors)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('hashUnit', () => {
  it('gives numbers in [0, 1) that depend on seed and index', () => {
    const values = Array.from({ length: 1000 }, (_, n) => hashUnit(12345, n));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(hashUnit(1, 7)).not.toBe(hashUnit(2, 7));
    expect(hashUnit(1, 7)).toBe(hashUnit(1, 7));
  });

  it('spreads roughly evenly, so noise is not lopsided', () => {
    const mean = Array.from({ length: 10000 }, (_, n) => hashUnit(99, n)).reduce((a, b) => a + b) / 10000;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('seriesKey', () => {
  it('sorts labels so the same series always has the same key', () => {
    expect(seriesKey('m', { job: 'node', instance: 'web-1' })).toBe('m{instance="web-1",job="node"}');
    expect(seriesKey('m', { instance: 'web-1', job: 'node' })).toBe(seriesKey('m', { job: 'node', instance: 'web-1' }));
  });
});

describe('sampleValue', () => {
  const cpu = metric('cpu_usage_percent');
  const web1 = { instance: 'web-1', job: 'node' };

  it('is pinned: a change to the generator must be deliberate (it changes what checks expect)', () => {
    expect(sampleValue(cpu, web1, T0)).toBe(48.91);
    expect(sampleValue(metric('memory_used_bytes'), web1, T0)).toBe(1946284573);
  });

  it('gives the same value for the same inputs, and different series differ', () => {
    expect(sampleValue(cpu, web1, T0 + 60_000)).toBe(sampleValue(cpu, { job: 'node', instance: 'web-1' }, T0 + 60_000));
    expect(sampleValue(cpu, web1, T0)).not.toBe(sampleValue(cpu, { instance: 'web-2', job: 'node' }, T0));
  });

  it('holds the last scraped sample until the next scrape, like Prometheus', () => {
    const scrape = 1_699_999_995_000; // the scrape at or before T0
    expect(sampleValue(cpu, web1, scrape)).toBe(sampleValue(cpu, web1, T0));
    expect(sampleValue(cpu, web1, scrape + SCRAPE_INTERVAL_MS - 1)).toBe(sampleValue(cpu, web1, T0));
    expect(sampleValue(cpu, web1, scrape - 1)).not.toBe(sampleValue(cpu, web1, T0));
    expect(sampleValue(cpu, web1, scrape + SCRAPE_INTERVAL_MS)).not.toBe(sampleValue(cpu, web1, T0));
  });

  it('keeps every metric within its range and decimals over a day', () => {
    for (const spec of METRIC_CATALOG) {
      for (const labels of spec.series) {
        for (let t = T0; t < T0 + 86_400_000; t += 10 * 60_000) {
          const value = sampleValue(spec, labels, t);
          expect(value).toBeGreaterThanOrEqual(spec.shape.min);
          expect(value).toBeLessThanOrEqual(spec.shape.max);
          expect(Number(value.toFixed(spec.shape.decimals))).toBe(value);
        }
      }
    }
  });

  it('gives each metric the magnitude its name promises', () => {
    const day = Array.from({ length: 144 }, (_, i) => T0 + i * 600_000);
    const values = (name: string) => metric(name).series.flatMap((labels) => day.map((t) => sampleValue(metric(name), labels, t)));
    const memory = values('memory_used_bytes');
    expect(Math.min(...memory)).toBeGreaterThan(5e8);
    expect(Math.max(...memory)).toBeLessThan(5e9);
    const queue = values('queue_depth');
    expect(queue.every(Number.isInteger)).toBe(true);
    expect(Math.max(...queue)).toBeLessThanOrEqual(13);
    expect(new Set(queue).size).toBeGreaterThan(5); // it moves
    const cpu = values('cpu_usage_percent');
    expect(Math.max(...cpu) - Math.min(...cpu)).toBeGreaterThan(10);
  });
});

describe('formatValue', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [48.91, '48.91'],
    [1.23456789, '1.234568'],
    [1946284573, '1946284573'],
    [9e9 + 0.5, '9000000000.5'],
    [2 / 3, '0.666667'],
    [-0, '0'],
    [-1.5, '-1.5'],
    [1e-9, '0'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [1e21, '1e+21'],
    [2 ** 53 + 2, '9007199254740994'],
  ])('formats %d as %j', (value, text) => {
    expect(formatValue(value)).toBe(text);
    expect(formatValue(value)).toBe(text); // the second time from the kept texts
  });

  it('formats alike before and after its kept texts are cleared', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => i / 7 + 0.000_000_3);
    const first = values.map(formatValue);
    expect(first[1]).toBe('0.142857');
    expect(values.map(formatValue)).toEqual(first);
    expect(first.map(Number)).toEqual(values.map((v) => Number(v.toFixed(6))));
  });
});

describe('parseSampleValue', () => {
  it('reads what formatValue writes, special values included', () => {
    for (const value of [0, 42.17, -3.5, 1.2e9, Infinity, -Infinity]) expect(parseSampleValue(formatValue(value))).toBe(value);
    expect(parseSampleValue('NaN')).toBeNaN();
  });

  it('reads the other spellings Go accepts, and gives NaN for text that is no number', () => {
    expect(['Inf', 'inf', '+Infinity', 'INF'].map(parseSampleValue)).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect(parseSampleValue('-inf')).toBe(-Infinity);
    expect(parseSampleValue('abc')).toBeNaN();
  });
});

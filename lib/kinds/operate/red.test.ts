import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition';
import { evaluateRedPanels, quantileAtScrape, RED_PANELS, redComparison, scrapeStorage, showsRedDashboard, summedHistogram, trueBucket } from './red';
import type { ScrapeRecord } from './run';

const EPOCH = Date.UTC(2026, 0, 10, 12);

/** A scrape at `atMs` of a registry that has served `n` requests, `errors` of them upstream errors, each 0.2 s. */
function scrape(atMs: number, n: number, errors: number): ScrapeRecord {
  const text = [
    '# HELP datasource_requests_total Requests.',
    '# TYPE datasource_requests_total counter',
    `datasource_requests_total{endpoint="queryData"} ${n}`,
    '# HELP datasource_queries_total Queries.',
    '# TYPE datasource_queries_total counter',
    `datasource_queries_total{query_type="range"} ${2 * n}`,
    '# HELP datasource_query_errors_total Errors.',
    '# TYPE datasource_query_errors_total counter',
    `datasource_query_errors_total{category="upstream"} ${errors}`,
    '# HELP datasource_request_duration_seconds Latency.',
    '# TYPE datasource_request_duration_seconds histogram',
    `datasource_request_duration_seconds_bucket{endpoint="queryData",le="0.1"} 0`,
    `datasource_request_duration_seconds_bucket{endpoint="queryData",le="0.25"} ${n}`,
    `datasource_request_duration_seconds_bucket{endpoint="queryData",le="1"} ${n}`,
    `datasource_request_duration_seconds_bucket{endpoint="queryData",le="+Inf"} ${n}`,
    `datasource_request_duration_seconds_sum{endpoint="queryData"} ${0.2 * n}`,
    `datasource_request_duration_seconds_count{endpoint="queryData"} ${n}`,
    '# HELP datasource_cache_requests_total Cache.',
    '# TYPE datasource_cache_requests_total counter',
    `datasource_cache_requests_total{result="hit"} ${n}`,
    `datasource_cache_requests_total{result="miss"} ${n}`,
    '',
  ].join('\n');
  const parsed = parseExposition(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { atMs, families: parsed.families, series: parsed.series };
}

// Ten requests a second, one error in ten, for five minutes of 15 s scrapes.
const scrapes = Array.from({ length: 21 }, (_, i) => scrape(i * 15_000, i * 150, i * 15));

describe('scrapeStorage', () => {
  it('keeps one series per sample name and labels, one sample per scrape, at epoch + atMs', () => {
    const storage = scrapeStorage(scrapes, EPOCH);
    const series = [...storage.series('datasource_requests_total')];
    expect(series).toHaveLength(1);
    expect(series[0].labels).toEqual({ endpoint: 'queryData', __name__: 'datasource_requests_total' });
    expect(series[0].samples(EPOCH - 1, EPOCH + 30_000)).toEqual([
      [EPOCH, 0],
      [EPOCH + 15_000, 150],
      [EPOCH + 30_000, 300],
    ]);
  });
});

describe('evaluateRedPanels', () => {
  it('gives every panel series from its PromQL, with the rates and ratios the scrapes imply', () => {
    const panels = evaluateRedPanels(scrapes, EPOCH);
    expect(panels.map((p) => p.panel.id)).toEqual(RED_PANELS.map((p) => p.id));
    const by = Object.fromEntries(panels.map((p) => [p.panel.id, p]));
    const lastValue = (id: string, name?: string) => (by[id].series.find((s) => name === undefined || s.name === name) ?? by[id].series[0]).points.at(-1)![1];
    expect(lastValue('rate')).toBeCloseTo(10, 6);
    expect(by.rate.series[0].name).toBe('queryData');
    expect(lastValue('queries')).toBeCloseTo(20, 6);
    expect(lastValue('errors')).toBeCloseTo(60, 6);
    expect(lastValue('cache')).toBeCloseTo(0.5, 6);
    // Every observation is in (0.1, 0.25]: p95 interpolates inside that bucket.
    expect(lastValue('latency', 'p95')).toBeGreaterThan(0.1);
    expect(lastValue('latency', 'p95')).toBeLessThanOrEqual(0.25);
    expect(by.latency.queries).toHaveLength(3);
    // No upstream histogram in these scrapes: the panel says so rather than drawing nothing.
    expect(by.upstream.series).toEqual([]);
    expect(by.upstream.message).toMatch(/No series/);
  });

  it('says there is nothing to read when no scrape could be read', () => {
    const panels = evaluateRedPanels([{ atMs: 0, error: 'broken' }], EPOCH);
    expect(panels.every((p) => p.message === 'There were no scrapes the host could read.')).toBe(true);
  });
});

describe('histogram reading', () => {
  it('sums buckets over series, and histogram_quantile over one scrape lands in the bucket', () => {
    const last = scrapes.at(-1)!;
    const h = summedHistogram(last.families!, 'datasource_request_duration_seconds')!;
    expect(h.buckets.map((b) => b.le)).toEqual([0.1, 0.25, 1, Infinity]);
    expect(h.count).toBe(3000);
    const q = quantileAtScrape(last, EPOCH, 0.95, 'datasource_request_duration_seconds');
    expect(q).toBeGreaterThan(0.1);
    expect(q).toBeLessThanOrEqual(0.25);
  });

  it('trueBucket finds the first bound with at least q·n values under it, +Inf past the last', () => {
    const values = [0.01, 0.02, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 3];
    expect(trueBucket(values, [0.1, 0.5, 1, Infinity], 0.5)).toEqual({ lower: 0.1, upper: 0.5 });
    expect(trueBucket(values, [0.1, 0.5, 1, Infinity], 0.95)).toEqual({ lower: 1, upper: Infinity });
    expect(trueBucket(values, [0.1, 0.5, 1, 5, Infinity], 0.95)).toEqual({ lower: 1, upper: 5 });
  });

  it('shows the RED tab only for a registry with the request counter', () => {
    expect(showsRedDashboard({ scrapes })).toBe(true);
    expect(showsRedDashboard({ scrapes: [{ atMs: 0, families: [] }] })).toBe(false);
  });
});

describe('redComparison', () => {
  it("puts the learner's last counters beside the host's counts, by query type and error category", () => {
    const request = (queryType: string) => ({ refId: 'A', queryType, timeRange: { from: 0, to: 1 }, maxDataPoints: 1, intervalMs: 1, json: '{}' });
    const schedule = [
      { id: 1, request: { queries: [request('range'), request('')] } },
      { id: 2, request: { queries: [request('instant')] } },
    ] as never;
    const outcomes = {
      1: { id: 1, endedAtMs: 5, status: 'answered', responses: { A: { frames: 1, series: 1, points: 1, digest: 'x' }, B: { frames: 0, series: 0, points: 0, digest: '', error: { category: 'upstream', message: 'x' } } } },
      2: { id: 2, endedAtMs: 5, status: 'answered', responses: { A: { frames: 1, series: 1, points: 1, digest: 'x' } } },
    } as never;
    const upstream = [{ durationMs: 250 }, { durationMs: 750 }] as never;
    const rows = redComparison({ scrapes: [scrape(0, 2, 1)], schedule, outcomes, upstream });
    expect(rows).toEqual([
      { what: 'requests', yours: 2, host: 2 },
      { what: 'queries, query_type="instant"', yours: undefined, host: 1 },
      { what: 'queries, query_type="range"', yours: 4, host: 2 },
      { what: 'errors, category="upstream"', yours: 1, host: 1 },
      { what: 'upstream calls', yours: undefined, host: 2 },
      { what: 'upstream time, seconds', yours: undefined, host: 1 },
    ]);
  });
});

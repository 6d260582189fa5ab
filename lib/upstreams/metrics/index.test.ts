import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import * as metrics from './index';

describe('the public API', () => {
  it('has the agreed constants', () => {
    expect(metrics.METRICS_BASE_URL).toBe('https://prometheus.lab.test');
    expect(metrics.METRICS_API_KEY).toBe('lab-metrics-key-7f3a9c21');
    expect(metrics.METRIC_NAMES).toEqual(['cpu_usage_percent', 'http_requests_per_second', 'memory_used_bytes', 'queue_depth']);
    expect(metrics.MAX_POINTS_PER_SERIES).toBe(11_000);
  });

  it('exports the functions, errors and schemas checks need', () => {
    expect(typeof metrics.metricsHandlers).toBe('function');
    expect(typeof metrics.evaluateRange).toBe('function');
    expect(new metrics.PromQLError('syntax', 'detail')).toBeInstanceOf(Error);
    expect(metrics.SUPPORTED.length).toBeGreaterThan(0);
    expect(metrics.promQueryRangeResponseSchema.safeParse({ status: 'success', data: { resultType: 'matrix', result: [] } }).success).toBe(true);
  });

  it('throws PromQLError from evaluateRange for a bad query, with a message', () => {
    expect(() => metrics.evaluateRange({ query: 'x @ 100', start: 0, end: 60, step: 15 })).toThrow(metrics.PromQLError);
  });
});

describe('METRICS_UPSTREAM_INFO', () => {
  it('names the upstream and where to read about the real API', () => {
    expect(metrics.METRICS_UPSTREAM_INFO.baseUrl).toBe(metrics.METRICS_BASE_URL);
    expect(metrics.METRICS_UPSTREAM_INFO.docs).toMatch(/^https:\/\/prometheus\.io\//);
    expect(metrics.METRICS_UPSTREAM_INFO.name).toMatch(/Prometheus/);
  });

  it('lists only endpoints the handlers really answer, with each method', async () => {
    const handlers = metrics.metricsHandlers();
    const { endpoints } = metrics.METRICS_UPSTREAM_INFO;
    expect(endpoints).toHaveLength(7);
    for (const { method, path, summary } of endpoints) {
      expect(summary.length, path).toBeGreaterThan(10);
      for (const verb of method.split(', ')) {
        const url = `${metrics.METRICS_BASE_URL}${path.replace('<name>', 'job')}`;
        const request = new Request(url, { method: verb, headers: { authorization: `Bearer ${metrics.METRICS_API_KEY}` } });
        expect(await getResponse(handlers, request), `${verb} ${path}`).toBeDefined();
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, METRIC_NAMES } from './catalog';
import { seriesKey } from './series';

const byName = Object.fromEntries(METRIC_CATALOG.map((m) => [m.name, m]));

describe('METRIC_CATALOG', () => {
  it('lists the metrics the labs are written against', () => {
    expect(METRIC_NAMES).toEqual(['cpu_usage_percent', 'http_requests_per_second', 'memory_used_bytes', 'queue_depth']);
  });

  it('has the series the lab prose describes', () => {
    const instances = ['web-1', 'web-2', 'web-3'];
    expect(byName.cpu_usage_percent.series).toEqual(instances.map((instance) => ({ instance, job: 'node' })));
    expect(byName.memory_used_bytes.series).toEqual(instances.map((instance) => ({ instance, job: 'node' })));
    expect(byName.http_requests_per_second.series).toEqual(
      instances.flatMap((instance) => ['/api/orders', '/api/users'].map((route) => ({ instance, job: 'api', route }))),
    );
    expect(byName.queue_depth.series).toEqual([{ job: 'worker', queue: 'orders' }]);
    expect(byName.cpu_usage_percent.shape).toMatchObject({ min: 0, max: 100 });
  });

  it('uses valid Prometheus names and no duplicate series', () => {
    const keys = new Set<string>();
    for (const metric of METRIC_CATALOG) {
      expect(metric.name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
      expect(metric.help, metric.name).toMatch(/\.$/);
      for (const labels of metric.series) {
        for (const [label, value] of Object.entries(labels)) {
          expect(label).toMatch(/^[a-zA-Z][a-zA-Z0-9_]*$/); // no reserved __ names
          expect(value, `${metric.name} ${label}`).not.toBe(''); // "" means absent in PromQL
        }
        keys.add(seriesKey(metric.name, labels));
      }
    }
    expect(keys.size).toBe(METRIC_CATALOG.reduce((n, m) => n + m.series.length, 0));
  });

  it('has coherent shapes', () => {
    for (const { name, shape } of METRIC_CATALOG) {
      expect(shape.midpoint[0], name).toBeLessThanOrEqual(shape.midpoint[1]);
      expect(shape.amplitude[0], name).toBeLessThanOrEqual(shape.amplitude[1]);
      expect(shape.min, name).toBeLessThan(shape.max);
      expect(shape.periodSeconds, name).toBeGreaterThan(0);
      expect(Number.isInteger(shape.decimals) && shape.decimals <= 6, name).toBe(true);
    }
  });
});

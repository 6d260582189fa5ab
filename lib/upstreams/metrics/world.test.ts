import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { seededNow } from '../seed';
import { METRIC_CATALOG } from './catalog';
import { evaluateRange } from './evaluate';
import { METRICS_API_KEY, METRICS_BASE_URL, metricsHandlers } from './handlers';
import { sampleValue } from './series';
import { metricsWorld, seededLabelValues } from './world';

const shapeOf = (catalog: typeof METRIC_CATALOG) => catalog.map((m) => ({ name: m.name, labels: m.series.map((s) => Object.keys(s).sort()) }));
const labelsOf = (catalog: typeof METRIC_CATALOG) => JSON.stringify(catalog.map((m) => m.series));

describe('metricsWorld', () => {
  it('without a seed is the lab page’s data: the catalogue the prose quotes', () => {
    expect(metricsWorld().catalog).toBe(METRIC_CATALOG);
    expect(metricsWorld().seed).toBeUndefined();
  });

  it('with a seed has the same metrics, label names and number of series, with label values of its own', () => {
    for (const seed of [0, 1, 42, 0xffff_ffff]) {
      const world = metricsWorld(seed);
      expect(shapeOf(world.catalog)).toEqual(shapeOf(METRIC_CATALOG));
      expect(labelsOf(world.catalog)).not.toBe(labelsOf(METRIC_CATALOG));
      const { instances, routes } = world.labelValues;
      expect(new Set(instances).size).toBe(3);
      expect(new Set(routes).size).toBe(2);
      for (const value of [...instances, ...routes, world.labelValues.queue]) expect(value).toMatch(/^[\w/-]+$/);
    }
  });

  it('is a function of its seed: the same seed gives the same world, another seed another one', () => {
    expect(seededLabelValues(7)).toEqual(seededLabelValues(7));
    const many = new Set(Array.from({ length: 50 }, (_, seed) => JSON.stringify(seededLabelValues(seed))));
    expect(many.size).toBeGreaterThan(45);
  });
});

describe('a seeded Run’s values', () => {
  const cpu = METRIC_CATALOG[0];
  const web1 = cpu.series[0];
  const T0 = 1_700_000_000_000;

  it('differ from the page’s and between seeds, and repeat for one seed', () => {
    const page = sampleValue(cpu, web1, T0);
    const a = [0, 1, 2, 3].map((k) => sampleValue(cpu, web1, T0 + k * 60_000, 11));
    const b = [0, 1, 2, 3].map((k) => sampleValue(cpu, web1, T0 + k * 60_000, 12));
    expect(a[0]).not.toBe(page);
    expect(a).not.toEqual(b);
    expect([0, 1, 2, 3].map((k) => sampleValue(cpu, web1, T0 + k * 60_000, 11))).toEqual(a);
  });

  it('are what the upstream serves for that seed, scenario options included', async () => {
    const seed = 0x5eed;
    const world = metricsWorld(seed);
    const range = { query: 'sum by (instance) (http_requests_per_second)', start: 1_800_000_000, end: 1_800_001_800, step: 60 };
    for (const scenario of [{}, { specialValues: true }, { unaligned: true }]) {
      const params = new URLSearchParams(Object.entries(range).map(([k, v]) => [k, String(v)]));
      const response = await getResponse(metricsHandlers({ scenario, seed }), new Request(`${METRICS_BASE_URL}/api/v1/query_range?${params}`, { headers: { authorization: `Bearer ${METRICS_API_KEY}` } }));
      const served = (await response!.json()).data.result;
      expect(served).toEqual(evaluateRange(range, scenario, world));
      expect(served).not.toEqual(evaluateRange(range, scenario));
      expect(served.map((s: { metric: Record<string, string> }) => s.metric.instance).sort()).toEqual([...world.labelValues.instances].sort());
    }
  });

  it('put NaN and ±Inf at other places in another Run, three per series', () => {
    const range = { query: 'cpu_usage_percent', start: 1_800_000_000, end: 1_800_001_800, step: 60 };
    const specials = (seed: number) =>
      evaluateRange(range, { specialValues: true }, metricsWorld(seed)).map((s) => s.values.flatMap(([, v], i) => (['+Inf', '-Inf', 'NaN'].includes(v) ? [`${i}:${v}`] : [])));
    for (const seed of [1, 2, 3]) for (const series of specials(seed)) expect(series).toHaveLength(3);
    expect(JSON.stringify(specials(1))).not.toBe(JSON.stringify(specials(2)));
  });

  it('answer an instant query without `time` at the Run’s now, not the wall clock', async () => {
    const seed = 99;
    const response = await getResponse(metricsHandlers({ seed }), new Request(`${METRICS_BASE_URL}/api/v1/query?query=queue_depth`, { headers: { authorization: `Bearer ${METRICS_API_KEY}` } }));
    const [sample] = (await response!.json()).data.result;
    expect(sample.value[0]).toBe(seededNow(seed) / 1000);
  });
});

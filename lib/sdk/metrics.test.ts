import { describe, expect, it } from 'vitest';
import { CounterVec, DEF_BUCKETS, GaugeVec, HistogramVec, MAX_LABEL_COMBINATIONS, Registry, exponentialBuckets, linearBuckets } from './metrics';

describe('metrics, shaped like client_golang', () => {
  it('renders counters, gauges and labelled histograms in the text format, sorted as Go gathers them', () => {
    const registry = new Registry();
    const queries = new CounterVec({ namespace: 'lab', name: 'queries_total', help: 'Queries served.' }, ['query_type', 'status']);
    const entries = new GaugeVec({ name: 'cache_entries', help: 'Entries in the cache.' }, []);
    const latency = new HistogramVec({ name: 'upstream_duration_seconds', help: 'Upstream call time.\nIn seconds.', buckets: [0.1, 0.5, 1] }, ['instance']);
    registry.mustRegister(queries, entries, latency);
    queries.withLabelValues('range', 'ok').inc();
    queries.with({ status: 'ok', query_type: 'range' }).add(2);
    queries.withLabelValues('instant', 'error').inc();
    entries.withLabelValues().set(7);
    latency.withLabelValues('a').observe(0.05);
    latency.withLabelValues('a').observe(0.7);
    latency.withLabelValues('a').observe(3);
    expect(registry.metrics()).toBe(
      [
        '# HELP cache_entries Entries in the cache.',
        '# TYPE cache_entries gauge',
        'cache_entries 7',
        '# HELP lab_queries_total Queries served.',
        '# TYPE lab_queries_total counter',
        'lab_queries_total{query_type="instant",status="error"} 1',
        'lab_queries_total{query_type="range",status="ok"} 3',
        '# HELP upstream_duration_seconds Upstream call time.\\nIn seconds.',
        '# TYPE upstream_duration_seconds histogram',
        'upstream_duration_seconds_bucket{instance="a",le="0.1"} 1',
        'upstream_duration_seconds_bucket{instance="a",le="0.5"} 1',
        'upstream_duration_seconds_bucket{instance="a",le="1"} 2',
        'upstream_duration_seconds_bucket{instance="a",le="+Inf"} 3',
        'upstream_duration_seconds_sum{instance="a"} 3.75',
        'upstream_duration_seconds_count{instance="a"} 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and keeps DefBuckets in seconds', () => {
    const registry = new Registry();
    const c = new CounterVec({ name: 'x_total', help: 'h' }, ['path']);
    registry.register(c);
    c.withLabelValues('C:\\DIR\n"a"').inc();
    expect(registry.metrics()).toContain('x_total{path="C:\\\\DIR\\n\\"a\\""} 1');
    expect(DEF_BUCKETS).toEqual([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    expect(linearBuckets(1, 2, 3)).toEqual([1, 3, 5]);
    expect(exponentialBuckets(0.1, 2, 3)).toEqual([0.1, 0.2, 0.4]);
  });

  it('throws where Go panics, saying what to fix', () => {
    const c = new CounterVec({ name: 'c_total', help: 'h' }, ['a']);
    expect(() => c.withLabelValues('x').add(-1)).toThrow(/cannot go down/);
    expect(() => c.withLabelValues('x', 'y')).toThrow(/inconsistent label cardinality/);
    expect(() => c.with({ b: '1' })).toThrow(/missing a, unknown b/);
    expect(() => new HistogramVec({ name: 'h', help: 'h', buckets: [1, 0.5] }, [])).toThrow(/increasing order/);
    expect(() => new HistogramVec({ name: 'h', help: 'h', buckets: [0.1, Number.NaN] }, [])).toThrow(/finite numbers/);
    expect(() => new HistogramVec({ name: 'h', help: 'h' }, ['le'])).toThrow(/"le"/);
    expect(() => new CounterVec({ name: '9bad', help: 'h' }, [])).toThrow(/not a valid metric name/);
    expect(() => new CounterVec({ name: 'ok', help: 'h' }, ['__x'])).toThrow(/not a valid label name/);
    const registry = new Registry();
    registry.register(c);
    expect(() => registry.register(new CounterVec({ name: 'c_total', help: 'h' }, []))).toThrow(/already registered/);
  });

  it('stops a vector at MAX_LABEL_COMBINATIONS with a cardinality message', () => {
    const c = new CounterVec({ name: 'per_user_total', help: 'h' }, ['user']);
    for (let i = 0; i < MAX_LABEL_COMBINATIONS; i++) c.withLabelValues(`u${i}`).inc();
    expect(() => c.withLabelValues('one-more')).toThrow(/10,000 label combinations.*user ids/);
    c.withLabelValues('u1').inc(); // existing series still count
  });
});

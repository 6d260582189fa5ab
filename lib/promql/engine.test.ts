import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateRange, type InstantResult } from './engine';
import { PromQLError } from './errors';
import { createStorage, type InputSeries, type Storage, type StoredSeries } from './storage';

const S = 1000;
const M = 60 * S;
/** A series sampled every 15 s from t = 0 with these values. */
const every15s = (labels: Record<string, string>, values: number[]): InputSeries => ({
  labels,
  samples: values.map((v, i) => [i * 15 * S, v]),
});
const ramp = (n: number, step: number, from = 0) => Array.from({ length: n }, (_, i) => from + i * step);

const STORE = createStorage([
  every15s({ __name__: 'http_requests_total', job: 'api', code: '200', instance: 'a' }, ramp(41, 10)),
  every15s({ __name__: 'http_requests_total', job: 'api', code: '500', instance: 'a' }, ramp(41, 1)),
  every15s({ __name__: 'http_requests_total', job: 'web', code: '200', instance: 'b' }, ramp(41, 4)),
  every15s({ __name__: 'queue_depth', job: 'worker' }, [5, 7, 3, 9, 4, 6, 8, 2, 5, 5, 5]),
  every15s({ __name__: 'temperature', room: 'lab' }, [-3.5, -1.2, 2.5]),
]);

function vector(query: string, time: number, storage: Storage | InputSeries[] = STORE) {
  const r = evaluateInstant(query, time, storage);
  if (r.resultType !== 'vector') throw new Error(`expected a vector, got ${r.resultType}`);
  return r.result.map((s) => [s.metric, s.value[1]] as const);
}
const value = (query: string, time: number, storage?: Storage | InputSeries[]) => {
  const v = vector(query, time, storage);
  expect(v, query).toHaveLength(1);
  return v[0][1];
};
function errorOf(run: () => unknown): PromQLError {
  try {
    run();
  } catch (err) {
    if (err instanceof PromQLError) return err;
    throw err;
  }
  throw new Error('expected a PromQLError');
}

describe('selection', () => {
  it('takes the latest sample at or before t, looking back at most 5 minutes', () => {
    expect(value('queue_depth', 20 * S)).toBe(7); // sample at 15s
    expect(value('queue_depth', 30 * S)).toBe(3); // a sample exactly at t counts
    // The last sample is at 150s; 5 minutes later it is gone ((t - 5m, t] is open on the left).
    expect(value('queue_depth', 150 * S + 5 * M - 1)).toBe(5);
    expect(vector('queue_depth', 150 * S + 5 * M, STORE)).toEqual([]);
  });

  it('applies = != =~ !~ with a missing label equal to ""', () => {
    const names = (q: string) => vector(q, 60 * S).map(([m]) => `${m.job}/${m.code}`);
    expect(names('http_requests_total{code="200"}')).toEqual(['api/200', 'web/200']);
    expect(names('http_requests_total{code!="200"}')).toEqual(['api/500']);
    expect(names('http_requests_total{code=~"5.."}')).toEqual(['api/500']);
    expect(names('http_requests_total{code=~"5"}')).toEqual([]); // anchored
    expect(names('http_requests_total{job!~"a.*"}')).toEqual(['web/200']);
    expect(names('http_requests_total{missing=""}')).toHaveLength(3);
    expect(vector('{__name__=~"queue_.*|temperature"}', 30 * S).map(([m]) => m.__name__)).toEqual(['queue_depth', 'temperature']);
    expect(vector('queue_depth{constructor=""}', 30 * S)).toHaveLength(1); // never reads Object.prototype
  });

  it('shifts by offset, both ways', () => {
    expect(value('queue_depth offset 30s', 60 * S)).toBe(3);
    expect(value('queue_depth offset -15s', 30 * S)).toBe(9);
  });

  it('returns the raw window of a range selector in an instant query, left-open', () => {
    const r = evaluateInstant('queue_depth[30s]', 60 * S, STORE);
    expect(r).toEqual({ resultType: 'matrix', result: [{ metric: { __name__: 'queue_depth', job: 'worker' }, values: [[45 * S, 9], [60 * S, 4]] }], warnings: [] });
  });
});

describe('rate, increase and friends through the engine', () => {
  it('rate over a steady counter is its slope, with extrapolation to the window edges', () => {
    // 10 per 15 s: samples 255..300s in (240s, 300s]; increase 30 × 60/45 = 40; rate 40/60.
    expect(value('rate(http_requests_total{code="200", job="api"}[1m])', 300 * S)).toBeCloseTo(2 / 3, 12);
    expect(value('increase(http_requests_total{code="200", job="api"}[1m])', 300 * S)).toBeCloseTo(40, 12);
  });

  it('increase survives a counter reset', () => {
    const storage = [every15s({ __name__: 'c' }, [0, 10, 20, 5, 15])];
    // (0s, 60s]: 10, 20, 5 (reset: +20), 15 → 5 + 20 = 25; zero point 45 × 10/25 = 18s > 15s;
    // 25 × 60/45 = 33.33…
    expect(value('increase(c[1m])', 60 * S, storage)).toBeCloseTo(100 / 3, 12);
    expect(value('irate(c[1m])', 60 * S, storage)).toBeCloseTo(10 / 15, 12);
  });

  it('delta, irate and the *_over_time functions', () => {
    // queue_depth 15..60s: 7, 3, 9, 4.
    expect(value('delta(queue_depth[1m])', 60 * S)).toBeCloseTo(-3 * 60 / 45, 12);
    expect(value('irate(queue_depth[1m])', 60 * S)).toBeCloseTo(4 / 15, 12); // 9 → 4 reads as a reset
    expect(value('avg_over_time(queue_depth[1m])', 60 * S)).toBe(23 / 4);
    expect(value('sum_over_time(queue_depth[1m])', 60 * S)).toBe(23);
    expect(value('max_over_time(queue_depth[1m])', 60 * S)).toBe(9);
    expect(value('min_over_time(queue_depth[1m])', 60 * S)).toBe(3);
    expect(value('count_over_time(queue_depth[1m])', 60 * S)).toBe(4);
    expect(value('count_over_time(queue_depth[1m] offset 1m)', 120 * S)).toBe(4);
  });

  it('drops __name__ and gives nothing for windows with too few samples', () => {
    expect(vector('rate(queue_depth[1m])', 60 * S)[0][0]).toEqual({ job: 'worker' });
    expect(vector('rate(queue_depth[10s])', 60 * S)).toEqual([]);
  });

  it('refuses two results with the same labels after dropping the name', () => {
    const storage = [every15s({ __name__: 'a', job: 'x' }, [1, 2, 3]), every15s({ __name__: 'b', job: 'x' }, [1, 2, 3])];
    expect(errorOf(() => evaluateInstant('rate({job="x"}[1m])', 30 * S, storage)).message).toMatch(/vector cannot contain metrics with the same labelset/);
  });
});

describe('histogram_quantile over _bucket series', () => {
  // Per scrape the buckets grow by 1 (≤0.1), 4 (≤0.5), 9 (≤1) and 10 (all): rates 1:4:9:10.
  const buckets = (job: string, name = 'request_seconds_bucket') =>
    [
      ['0.1', 1],
      ['0.5', 4],
      ['1', 9],
      ['+Inf', 10],
    ].map(([le, per]) => every15s({ __name__: name, job, le: le as string }, ramp(21, per as number)));
  const storage = [...buckets('api'), ...buckets('web').map((s) => ({ ...s, samples: s.samples.map(([t, v]) => [t, v * 2] as [number, number]) }))];

  it('interpolates in the bucket of the rank, per histogram, and drops le and the name', () => {
    // φ 0.5 of 10: rank 5 in (0.5, 1] (4 → 9): 0.5 + 0.5 × 1/5 = 0.6, for both jobs (web is api × 2).
    const result = vector('histogram_quantile(0.5, rate(request_seconds_bucket[5m]))', 300 * S, storage);
    expect(result.map(([m]) => m)).toEqual([{ job: 'api' }, { job: 'web' }]);
    for (const [, v] of result) expect(v).toBeCloseTo(0.6, 12);
  });

  it('aggregates buckets first when asked: sum by (le)', () => {
    expect(value('histogram_quantile(0.95, sum by (le) (rate(request_seconds_bucket[5m])))', 300 * S, storage)).toBe(1);
    // φ 0.05 → rank 0.5 of 10 per job-sum; (0, 0.1] holds 1 → 0.1 × 0.5 = 0.05.
    expect(value('histogram_quantile(0.05, sum by (le) (rate(request_seconds_bucket[5m])))', 300 * S, storage)).toBeCloseTo(0.05, 12);
  });

  it('ignores a non-numeric le with a warning, and warns when the counts are not cumulative', () => {
    const bad = [...buckets('api'), every15s({ __name__: 'request_seconds_bucket', job: 'api', le: 'fast' }, ramp(21, 1))];
    const r = evaluateInstant('histogram_quantile(0.5, rate(request_seconds_bucket[5m]))', 300 * S, bad);
    expect(r.resultType === 'vector' && r.result[0].value[1]).toBeCloseTo(0.6, 12);
    expect(r.warnings).toEqual(['histogram_quantile: bucket label "le" has the value "fast", which is not a number; those series were ignored']);
    const broken = buckets('api').map((s) => (s.labels.le === '0.5' ? { ...s, samples: s.samples.map(([t]) => [t, 0] as [number, number]) } : s));
    expect(evaluateInstant('histogram_quantile(0.5, request_seconds_bucket)', 300 * S, broken).warnings[0]).toMatch(/were not cumulative/);
  });
});

describe('aggregations', () => {
  const at = 60 * S; // 200: api 40, web 16; 500: api 4
  it('sum, avg, min, max, count by and without', () => {
    expect(vector('sum by (job) (http_requests_total)', at)).toEqual([
      [{ job: 'api' }, 44],
      [{ job: 'web' }, 16],
    ]);
    expect(vector('sum without (instance, code) (http_requests_total)', at)).toEqual([
      [{ job: 'api' }, 44],
      [{ job: 'web' }, 16],
    ]);
    expect(value('avg(http_requests_total)', at)).toBe(20);
    expect(value('min(http_requests_total)', at)).toBe(4);
    expect(value('max(http_requests_total)', at)).toBe(40);
    expect(value('count(http_requests_total)', at)).toBe(3);
    expect(vector('count by (code) (http_requests_total)', at)).toEqual([
      [{ code: '200' }, 2],
      [{ code: '500' }, 1],
    ]);
    expect(vector('sum by (nosuch) (http_requests_total)', at)).toEqual([[{}, 60]]);
  });

  it('topk and bottomk keep the labels and rank the result', () => {
    expect(vector('topk(2, http_requests_total)', at).map(([m, v]) => [m.code, m.job, v])).toEqual([
      ['200', 'api', 40],
      ['200', 'web', 16],
    ]);
    expect(vector('bottomk(1, http_requests_total)', at).map(([m]) => m.__name__ + m.code)).toEqual(['http_requests_total500']);
    expect(vector('topk by (job) (1, http_requests_total)', at).map(([m]) => `${m.job}/${m.code}`)).toEqual(['api/200', 'web/200']);
    expect(vector('topk(0, http_requests_total)', at)).toEqual([]);
  });

  it('quantile interpolates between neighbours', () => {
    expect(value('quantile(0.5, http_requests_total)', at)).toBe(16);
    expect(value('quantile(0.75, http_requests_total)', at)).toBe(28); // rank 1.5 → 16 × 0.5 + 40 × 0.5
  });

  it('a range query follows topk per step: a series shows only where it ranks', () => {
    const storage = [every15s({ __name__: 'm', s: 'x' }, [1, 5, 1]), every15s({ __name__: 'm', s: 'y' }, [2, 2, 2])];
    const { result } = evaluateRange('topk(1, m)', { start: 0, end: 30 * S, step: 15 * S }, storage);
    expect(result).toEqual([
      { metric: { __name__: 'm', s: 'x' }, values: [[15 * S, 5]] },
      { metric: { __name__: 'm', s: 'y' }, values: [[0, 2], [30 * S, 2]] },
    ]);
  });
});

describe('binary operators', () => {
  const at = 60 * S;
  it('scalar with scalar, and comparisons with bool', () => {
    const scalar = (q: string) => (evaluateInstant(q, at, STORE) as Extract<InstantResult, { resultType: 'scalar' }>).result[1];
    expect(scalar('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(scalar('2 ^ 3 ^ 2')).toBe(512);
    expect(scalar('7 % 4')).toBe(3);
    expect(scalar('-2 ^ 2')).toBe(-4); // unary minus binds looser than ^, as in Prometheus
    expect(scalar('1 > bool 2')).toBe(0);
    expect(scalar('2 >= bool 2')).toBe(1);
    expect(scalar('time()')).toBe(60);
    expect(scalar('scalar(queue_depth)')).toBe(4);
    expect(scalar('scalar(http_requests_total)')).toBeNaN(); // more than one element
  });

  it('vector with scalar: arithmetic drops the name, filtering keeps it, bool returns 0/1', () => {
    expect(vector('queue_depth * 2', at)).toEqual([[{ job: 'worker' }, 8]]);
    expect(vector('10 - queue_depth', at)).toEqual([[{ job: 'worker' }, 6]]);
    expect(vector('queue_depth > 3', at)).toEqual([[{ __name__: 'queue_depth', job: 'worker' }, 4]]);
    expect(vector('queue_depth > 5', at)).toEqual([]);
    expect(vector('3 < queue_depth', at)).toEqual([[{ __name__: 'queue_depth', job: 'worker' }, 4]]); // keeps the vector's value
    expect(vector('queue_depth > bool 5', at)).toEqual([[{ job: 'worker' }, 0]]);
    expect(vector('-queue_depth', at)).toEqual([[{ job: 'worker' }, -4]]);
  });

  it('vector with vector: one-to-one on all labels but the name', () => {
    expect(vector('http_requests_total / http_requests_total', at).map(([, v]) => v)).toEqual([1, 1, 1]);
    expect(vector('http_requests_total{code="500"} / ignoring (code) http_requests_total{code="200"}', at)).toEqual([[{ instance: 'a', job: 'api' }, 0.1]]);
    expect(vector('http_requests_total{code="500"} / on (job, instance) http_requests_total{code="200"}', at)).toEqual([[{ instance: 'a', job: 'api' }, 0.1]]);
    // Unmatched series vanish.
    expect(vector('http_requests_total{code="500"} / http_requests_total{code="200"}', at)).toEqual([]);
    // A filtering comparison keeps the left side's labels, name included, minus what on/ignoring removes.
    expect(vector('http_requests_total > ignoring (instance) (http_requests_total * 0 + 10)', at)).toEqual([
      [{ __name__: 'http_requests_total', code: '200', job: 'api' }, 40],
      [{ __name__: 'http_requests_total', code: '200', job: 'web' }, 16],
    ]);
    expect(vector('http_requests_total >= bool http_requests_total', at).map(([m, v]) => [m.__name__, v])).toEqual([
      [undefined, 1],
      [undefined, 1],
      [undefined, 1],
    ]);
  });

  it('refuses many-to-one and duplicate matches with Prometheus messages', () => {
    expect(errorOf(() => evaluateInstant('http_requests_total / on (job) sum by (job) (http_requests_total)', at, STORE)).message).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(errorOf(() => evaluateInstant('sum by (job) (http_requests_total) / on (job) http_requests_total', at, STORE)).message).toMatch(
      /^found duplicate series for the match group \{job="api"\} on the right hand-side of the operation/,
    );
  });

  it('and, or, unless per step', () => {
    const codes = (q: string) => vector(q, at).map(([m]) => `${m.job ?? '-'}/${m.code ?? '-'}`);
    expect(codes('http_requests_total and on (job) queue_depth')).toEqual([]);
    expect(codes('http_requests_total and on (code) http_requests_total{job="web"}')).toEqual(['api/200', 'web/200']);
    expect(codes('http_requests_total unless on (code) http_requests_total{job="web"}')).toEqual(['api/500']);
    expect(codes('http_requests_total{code="500"} or http_requests_total{job="web"}')).toEqual(['web/200', 'api/500']); // sorted by labels: code 200 first
    expect(codes('queue_depth or vector(1)')).toEqual(['-/-', 'worker/-']);
  });

  it('functions on vectors', () => {
    expect(value('abs(temperature)', 0)).toBe(3.5);
    expect(value('clamp_min(temperature, -1)', 0)).toBe(-1);
    expect(value('clamp_max(queue_depth, 4)', 15 * S)).toBe(4);
    expect(value('round(temperature)', 15 * S)).toBe(-1);
    expect(value('round(queue_depth, 5)', 15 * S)).toBe(5);
    expect(vector('vector(time())', 30 * S)).toEqual([[{}, 30]]);
  });
});

describe('evaluateRange', () => {
  it('puts points at start, start + step, … ≤ end and sorts series by labels', () => {
    const r = evaluateRange('queue_depth', { start: 0, end: 40 * S, step: 20 * S }, STORE);
    expect(r).toEqual({ resultType: 'matrix', result: [{ metric: { __name__: 'queue_depth', job: 'worker' }, values: [[0, 5], [20 * S, 7], [40 * S, 3]] }], warnings: [] });
  });

  it('gives a scalar as one series without labels, and leaves out steps without a value', () => {
    expect(evaluateRange('time()', { start: 0, end: 2 * S, step: S }, STORE).result).toEqual([{ metric: {}, values: [[0, 0], [S, 1], [2 * S, 2]] }]);
    const late = [{ labels: { __name__: 'late' }, samples: [[60 * S, 1]] as [number, number][] }];
    expect(evaluateRange('late', { start: 0, end: 60 * S, step: 30 * S }, late).result[0].values).toEqual([[60 * S, 1]]);
  });

  it("checks the window with Prometheus' messages", () => {
    expect(errorOf(() => evaluateRange('m', { start: 10, end: 0, step: 1 }, STORE)).message).toBe('end timestamp must not be before start time');
    expect(errorOf(() => evaluateRange('m', { start: 0, end: 10, step: 0 }, STORE)).message).toMatch(/^zero or negative query resolution step/);
    expect(errorOf(() => evaluateRange('m', { start: 0, end: 11_001, step: 1 }, STORE)).message).toMatch(/exceeded maximum resolution of 11,000 points/);
    expect(errorOf(() => evaluateRange('m[5m]', { start: 0, end: 10, step: 1 }, STORE)).message).toBe(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
  });
});

describe('budgets', () => {
  it('stops a selector over a million series after the limit, with a message', () => {
    let yielded = 0;
    const huge: Storage = {
      *series() {
        for (let i = 0; i < 1_000_000; i++) {
          yielded++;
          const s: StoredSeries = { labels: { __name__: 'user_requests', user: `u${i}` }, samples: () => [], latest: () => [0, 1] };
          yield s;
        }
      },
    };
    const error = errorOf(() => evaluateInstant('sum(user_requests)', 0, huge));
    expect(error.kind).toBe('limit');
    expect(error.message).toBe('the selector at column 5 matches more than 10,000 series: add label matchers (such as {job="api"}) to select fewer');
    expect(yielded).toBe(10_001);
  });

  it('stops a query that would read too many samples', () => {
    const long = [{ labels: { __name__: 'm' }, samples: Array.from({ length: 5000 }, (_, i) => [i * S, i] as [number, number]) }];
    const error = errorOf(() => evaluateRange('sum_over_time(m[1h])', { start: 3600 * S, end: 5000 * S, step: 10 * S }, long, { limits: { maxSamples: 100_000 } }));
    expect(error.kind).toBe('limit');
    expect(error.message).toMatch(/^the query needs more than 100,000 samples: shorten the time range/);
    expect(() => evaluateRange('sum_over_time(m[1m])', { start: 3600 * S, end: 3700 * S, step: 10 * S }, long, { limits: { maxSamples: 100_000 } })).not.toThrow();
  });

  it('lets a caller lower the series limit', () => {
    expect(errorOf(() => evaluateInstant('http_requests_total', 0, STORE, { limits: { maxSeries: 2 } })).message).toMatch(/matches more than 2 series/);
  });
});

describe('createStorage', () => {
  it('sorts samples and lets a later duplicate timestamp win', () => {
    const storage = createStorage([{ labels: { __name__: 'm' }, samples: [[30 * S, 3], [0, 1], [30 * S, 4]] }]);
    expect(evaluateInstant('m[1m]', 30 * S, storage).result).toEqual([{ metric: { __name__: 'm' }, values: [[0, 1], [30 * S, 4]] }]);
  });

  it('refuses two series with the same labels', () => {
    expect(() => createStorage([{ labels: { a: '1' }, samples: [] }, { labels: { a: '1' }, samples: [] }])).toThrow(/two series have the same labels \{a="1"\}/);
  });
});

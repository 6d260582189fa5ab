/**
 * What the evaluator runs, as data: function signatures for the type checks of
 * ./parse.ts (the same rules as Prometheus' promql/parser/functions.go), and `SUPPORTED`,
 * the list a UI shows next to a query box. Anything the grammar accepts beyond this is
 * refused by name (ast.ts, parse.ts).
 */
import type { FunctionName, ValueType } from './ast';

/** A function's argument types (the last `optional` ones may be left out) and result type. */
export interface FunctionSignature {
  args: ValueType[];
  /** How many trailing arguments may be omitted (round's `to_nearest`). */
  optional: number;
  returns: ValueType;
}

const RANGE_TO_VECTOR: FunctionSignature = { args: ['range vector'], optional: 0, returns: 'instant vector' };

/** Signatures of the supported functions. */
export const FUNCTIONS: Record<FunctionName, FunctionSignature> = {
  rate: RANGE_TO_VECTOR,
  increase: RANGE_TO_VECTOR,
  irate: RANGE_TO_VECTOR,
  delta: RANGE_TO_VECTOR,
  avg_over_time: RANGE_TO_VECTOR,
  sum_over_time: RANGE_TO_VECTOR,
  max_over_time: RANGE_TO_VECTOR,
  min_over_time: RANGE_TO_VECTOR,
  count_over_time: RANGE_TO_VECTOR,
  histogram_quantile: { args: ['scalar', 'instant vector'], optional: 0, returns: 'instant vector' },
  abs: { args: ['instant vector'], optional: 0, returns: 'instant vector' },
  clamp_min: { args: ['instant vector', 'scalar'], optional: 0, returns: 'instant vector' },
  clamp_max: { args: ['instant vector', 'scalar'], optional: 0, returns: 'instant vector' },
  round: { args: ['instant vector', 'scalar'], optional: 1, returns: 'instant vector' },
  time: { args: [], optional: 0, returns: 'scalar' },
  vector: { args: ['scalar'], optional: 0, returns: 'instant vector' },
  scalar: { args: ['instant vector'], optional: 0, returns: 'scalar' },
};

/** One line of the supported subset, for a UI: the construct and an example. */
export interface SupportedConstruct {
  /** What it is, e.g. "Range vector functions". */
  construct: string;
  /** The forms accepted. */
  forms: string[];
  /** A query using it. */
  example: string;
}

/** The PromQL this evaluator runs. Everything else the grammar accepts is refused by name. */
export const SUPPORTED: readonly SupportedConstruct[] = [
  {
    construct: 'Instant vector selectors (5 minute lookback)',
    forms: ['metric', 'metric{label="v"}', '{__name__="metric"}', 'matchers =, !=, =~, !~ (RE2, fully anchored)'],
    example: 'http_requests_total{code=~"5.."}',
  },
  { construct: 'Range vector selectors', forms: ['metric[5m]', 'durations ms, s, m, h, d, w, y'], example: 'http_requests_total[5m]' },
  { construct: 'offset', forms: ['metric offset 1h', 'metric[5m] offset 1h'], example: 'rate(http_requests_total[5m] offset 1h)' },
  {
    construct: 'Range vector functions',
    forms: ['rate', 'increase', 'irate', 'delta', 'avg_over_time', 'sum_over_time', 'max_over_time', 'min_over_time', 'count_over_time'],
    example: 'sum by (job) (rate(http_requests_total[5m]))',
  },
  {
    construct: 'histogram_quantile (classic histograms: _bucket series with le)',
    forms: ['histogram_quantile(φ, buckets)'],
    example: 'histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
  },
  {
    construct: 'Instant vector and scalar functions',
    forms: ['abs', 'clamp_min', 'clamp_max', 'round', 'time()', 'vector(s)', 'scalar(v)'],
    example: 'round(clamp_min(queue_depth, 0))',
  },
  {
    construct: 'Aggregations, with by (...) or without (...)',
    forms: ['sum', 'avg', 'min', 'max', 'count', 'topk(k, v)', 'bottomk(k, v)', 'quantile(φ, v)'],
    example: 'topk(3, sum by (route) (rate(http_requests_total[5m])))',
  },
  {
    construct: 'Arithmetic and comparison operators',
    forms: ['+ - * / % ^', '== != > < >= <=', 'bool', 'unary -'],
    example: 'rate(errors_total[5m]) / rate(requests_total[5m]) > bool 0.01',
  },
  {
    construct: 'Vector matching (one-to-one)',
    forms: ['on (labels)', 'ignoring (labels)'],
    example: 'errors_total / ignoring (code) requests_total',
  },
  { construct: 'Set operators', forms: ['and', 'or', 'unless', 'with on/ignoring'], example: 'up == 0 or absent_metric' },
  { construct: 'Literals and grouping', forms: ['numbers (1e3, 0x1f, Inf, NaN, 5m as seconds)', '"strings"', '( ... )', '# comments'], example: '(1 - avail) * 100' },
];

/** Constructs the grammar accepts that the evaluator refuses, for documentation and tests. */
export const NOT_SUPPORTED: readonly string[] = [
  'subqueries (expr[30m:1m])',
  'the @ modifier (and @ start(), @ end())',
  'group_left / group_right (many-to-one matching)',
  'fill / fill_left / fill_right',
  'the anchored and smoothed modifiers',
  'duration expressions ([1m+30s], step(), range(), min_of, max_of)',
  'aggregations count_values, group, stddev, stdvar, limitk, limit_ratio',
  'the atan2 and trim (</, >/) operators',
  'every function not listed in SUPPORTED (label_replace, absent, predict_linear, native histogram functions, ...)',
  'native histograms',
];

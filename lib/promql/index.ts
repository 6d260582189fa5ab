/**
 * PromQL for the lab: the official grammar (`@prometheus-io/lezer-promql`) for parsing, our
 * own typed AST, and an evaluator with Prometheus' semantics over in-memory series. No
 * React, no network: usable in the browser, the sandbox host and Node tests alike.
 *
 * @example
 * const storage = createStorage([{ labels: { __name__: 'http_requests_total', job: 'api' }, samples: [[0, 0], [15_000, 30]] }]);
 * const { result } = evaluateRange('sum by (job) (rate(http_requests_total[1m]))', { start: 60_000, end: 120_000, step: 15_000 }, storage);
 *
 * What is evaluated is listed in `SUPPORTED`; anything else the grammar accepts fails with
 * a PromQLError of kind `unsupported` that names it. See docs/decisions/0005-promql.md.
 */
export * from './ast';
export { PromQLError, positionOf, type PromQLErrorKind, type QueryPosition } from './errors';
export { MAX_NESTING, MAX_QUERY_LENGTH, matchesValue, parsePromQL, valueType } from './parse';
export { FUNCTIONS, NOT_SUPPORTED, SUPPORTED, type FunctionSignature, type SupportedConstruct } from './supported';
export {
  compareLabels,
  createStorage,
  dropMetricName,
  inputSeriesSchema,
  labelsKey,
  labelValue,
  sampleSchema,
  type InputSeries,
  type Labels,
  type Sample,
  type Storage,
  type StoredSeries,
} from './storage';
export {
  DEFAULT_LIMITS,
  DEFAULT_LOOKBACK_MS,
  evaluateInstant,
  evaluateRange,
  type EvaluateOptions,
  type InstantResult,
  type Limits,
  type MatrixSeries,
  type QueryRange,
  type RangeResult,
  type VectorSample,
} from './engine';
export { bucketQuantile, quantile, type Bucket } from './quantile';
export { extrapolatedRate } from './functions';

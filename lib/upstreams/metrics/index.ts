/**
 * The mocked metrics upstream: a Prometheus-like HTTP API served by MSW handlers, plus
 * the deterministic evaluator that says what it returns, for checks to compare against.
 *
 * @example
 * const handlers = metricsHandlers({ scenario: { fault: 'rate_limit' } });
 * const response = await getResponse(handlers, new Request(`${METRICS_BASE_URL}/-/healthy`));
 */
import { METRICS_BASE_URL } from './handlers';

export { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL, metricsHandlers, type MetricsHandlersOptions } from './handlers';
export { evaluateQueryMs, evaluateRange, evaluateRangeMs, matchSeries, worldStorage, type PromInstantData, type RangeQuery } from './evaluate';
export { CANONICAL_LABEL_VALUES, METRIC_CATALOG, METRIC_NAMES, type CatalogLabelValues, type MetricSpec, type SeriesLabels } from './catalog';
export { metricsWorld, type MetricsWorld } from './world';
export { MAX_POINTS_PER_SERIES, ParamError } from './params';
export { AGGREGATE_OPS as AGGREGATIONS, PromQLError, parsePromQL, SUPPORTED, type AggregateOp as AggregationOp, type Expr as PromExpr } from '../../promql';
export { parseSampleValue, SCRAPE_INTERVAL_MS } from './series';
export { SPECIAL_SAMPLE_VALUES, shapeMatrix, unalign, withSpecialValues } from './sample-faults';
export * from './types';
export type { Scenario, ScenarioInput } from '../scenario';

/** Describes the upstream for the lab UI and docs: what it is and what it answers. */
export interface UpstreamInfo {
  /** Display name. */
  name: string;
  /** Default origin the handlers answer. */
  baseUrl: string;
  /** Documentation of the real API this upstream imitates. */
  docs: string;
  /** Every endpoint, in the order a learner meets them. */
  endpoints: { method: string; path: string; summary: string }[];
}

/** What the metrics upstream offers, for the UI's "upstream" panel. */
export const METRICS_UPSTREAM_INFO: UpstreamInfo = {
  name: 'Metrics API (Prometheus-compatible)',
  baseUrl: METRICS_BASE_URL,
  docs: 'https://prometheus.io/docs/prometheus/latest/querying/api/',
  endpoints: [
    {
      method: 'GET, POST',
      path: '/api/v1/query_range',
      summary:
        'Range query: query, start, end (unix seconds or RFC 3339), step (seconds or 15s, 1m). Returns a matrix. PromQL: the subset of lib/promql (SUPPORTED); anything else is refused by name.',
    },
    { method: 'GET, POST', path: '/api/v1/query', summary: 'Instant query at time (default: now). Returns a vector.' },
    { method: 'GET, POST', path: '/api/v1/labels', summary: 'Label names, optionally of the series matching match[].' },
    {
      method: 'GET',
      path: '/api/v1/label/<name>/values',
      summary: 'Values of one label; __name__ lists the metric names. Optional match[].',
    },
    { method: 'GET, POST', path: '/api/v1/series', summary: 'Label sets of the series matching match[] (required).' },
    { method: 'GET', path: '/api/v1/status/buildinfo', summary: 'Version information: a cheap authenticated health check.' },
    { method: 'GET', path: '/-/healthy', summary: 'Liveness, no API key needed: "Prometheus Server is Healthy."' },
  ],
};

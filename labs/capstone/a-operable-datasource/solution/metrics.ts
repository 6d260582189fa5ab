import { CounterVec, HistogramVec, Registry } from '@lab/sdk';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

/**
 * Bounds in seconds, from 5 ms to 10 s: with one at the instant timeout (2 s), one at
 * the range timeout (6 s) and one at Grafana's own (10 s), so a timed-out query lands
 * in a bucket of its own instead of in +Inf.
 */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 10];

/** How long each query took, seconds, by the type it ran as: `range` or `instant`. */
export const queryDuration = new HistogramVec(
  { name: 'datasource_query_duration_seconds', help: 'Time to answer one query, seconds, by query type.', buckets: BUCKETS },
  ['query_type'],
);

/** Queries answered with an error, by the error's class (validation, auth, timeout, rate_limit, upstream, internal). */
export const queryErrors = new CounterVec({ name: 'datasource_query_errors_total', help: 'Queries answered with an error, by error category.' }, ['category']);

/** How long one call to the metrics API took, seconds, whatever it got back. */
export const upstreamDuration = new HistogramVec({ name: 'datasource_upstream_duration_seconds', help: 'Time of one metrics API call, seconds.', buckets: BUCKETS }, []);

registry.mustRegister(queryDuration, queryErrors, upstreamDuration);

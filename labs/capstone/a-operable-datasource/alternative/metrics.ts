import { CounterVec, HistogramVec, Registry } from '@lab/sdk';

export const registry = new Registry();

/** 10 ms doubling up to about 10 s, seconds: the 6 s range timeout falls under the last bound. */
const SECONDS_BUCKETS = Array.from({ length: 11 }, (_, i) => Number((0.01 * 2 ** i).toFixed(2)));

export const queryDuration = new HistogramVec({ name: 'datasource_query_duration_seconds', help: 'Seconds to answer one query, by query type.', buckets: SECONDS_BUCKETS }, ['query_type']);
export const queryErrors = new CounterVec({ name: 'datasource_query_errors_total', help: 'Queries answered with an error, by category.' }, ['category']);
export const upstreamDuration = new HistogramVec({ name: 'datasource_upstream_duration_seconds', help: 'Seconds of one call to the metrics API.', buckets: SECONDS_BUCKETS }, []);

registry.mustRegister(queryDuration, queryErrors, upstreamDuration);

import { CounterVec, DEF_BUCKETS, HistogramVec, Registry } from '@lab/sdk';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

/** QueryData requests, by `endpoint` ("queryData"). */
export const requests = new CounterVec({ name: 'datasource_requests_total', help: 'Requests the plugin served, by endpoint.' }, ['endpoint']);

/** Queries, by the type the handler ran them as: `range` or `instant`. */
export const queries = new CounterVec({ name: 'datasource_queries_total', help: 'Queries the plugin ran, by query type.' }, ['query_type']);

/** Queries answered with an error, by the error's category (validation, auth, timeout, rate_limit, upstream, internal). */
export const queryErrors = new CounterVec({ name: 'datasource_query_errors_total', help: 'Queries answered with an error, by error category.' }, ['category']);

/**
 * How long QueryData took, seconds, from the request to the answer. DEF_BUCKETS run
 * from 5 ms to 10 s, with a bound at the 1 s SLO and one at Grafana's 10 s timeout.
 */
export const requestDuration = new HistogramVec(
  { name: 'datasource_request_duration_seconds', help: 'Time to answer a request, seconds.', buckets: DEF_BUCKETS },
  ['endpoint'],
);

/** How long one call to the metrics API took, seconds: the call alone, not the wait for a slot. */
export const upstreamDuration = new HistogramVec({ name: 'datasource_upstream_duration_seconds', help: 'Time of one metrics API call, seconds.', buckets: DEF_BUCKETS }, []);

/** Cache lookups, by `result`: hit or miss. */
export const cacheRequests = new CounterVec({ name: 'datasource_cache_requests_total', help: 'Queries looked up in the cache, by result.' }, ['result']);

registry.mustRegister(requests, queries, queryErrors, requestDuration, upstreamDuration, cacheRequests);

import { CounterVec, HistogramVec, Registry } from '@lab/sdk';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

const namespace = 'datasource';

/** Latency bounds, seconds: fine below the 1 s SLO, then up past Grafana's 10 s timeout. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15];

export const requests = new CounterVec({ namespace, name: 'requests_total', help: 'Requests the plugin served, by endpoint.' }, ['endpoint']);
export const queries = new CounterVec({ namespace, name: 'queries_total', help: 'Queries the plugin ran, by query type.' }, ['query_type']);
export const queryErrors = new CounterVec({ namespace, subsystem: 'query', name: 'errors_total', help: 'Queries answered with an error, by category.' }, ['category']);
export const requestDuration = new HistogramVec({ namespace, subsystem: 'request', name: 'duration_seconds', help: 'Time to answer a request, seconds.', buckets: LATENCY_BUCKETS }, ['endpoint']);
export const upstreamDuration = new HistogramVec({ namespace, subsystem: 'upstream', name: 'duration_seconds', help: 'Time of one metrics API call, seconds.', buckets: LATENCY_BUCKETS }, []);
export const cacheRequests = new CounterVec({ namespace, subsystem: 'cache', name: 'requests_total', help: 'Cache lookups, by result.' }, ['result']);

for (const collector of [requests, queries, queryErrors, requestDuration, upstreamDuration, cacheRequests]) registry.register(collector);

/** Seconds since `startMs` (a Date.now() reading). */
export const secondsSince = (startMs: number) => (Date.now() - startMs) / 1000;

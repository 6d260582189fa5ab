import { CounterVec, Registry } from '@lab/sdk';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

/** QueryData requests, by `endpoint` ("queryData"). */
export const requests = new CounterVec({ name: 'datasource_requests_total', help: 'Requests the plugin served, by endpoint.' }, ['endpoint']);

// TODO (tasks 2 to 6): queries by type, errors by category, request and upstream latency, cache lookups.

registry.mustRegister(requests);

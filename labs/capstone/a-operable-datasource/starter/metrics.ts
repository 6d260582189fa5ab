import { Registry } from '@lab/sdk';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

// TODO (stage 3): a query duration histogram by query_type, errors by category, and
// upstream latency, named as the README says, and registered here.

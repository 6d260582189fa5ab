import { CounterVec, Registry } from '@lab/sdk';
import type { UpstreamResult } from './upstream';

/** The registry Prometheus scrapes: handler.ts exports it as `registry`. */
export const registry = new Registry();

/** Every query that reached the cache step, by `result`: hit, miss, or bypass (a "now" range). */
export const cacheRequests = new CounterVec(
  { name: 'datasource_cache_requests_total', help: 'Queries looked up in the cache, by result: hit, miss or bypass.' },
  ['result'],
);

/** Every call that went to the metrics API, by `code`: the HTTP status, or timeout, cancelled, network. */
export const upstreamRequests = new CounterVec(
  { name: 'datasource_upstream_requests_total', help: 'Calls to the metrics API, by HTTP status or by why there was none.' },
  ['code'],
);

registry.mustRegister(cacheRequests, upstreamRequests);

/**
 * The `code` label of one call: its HTTP status ("200", "503", "429"), or what ended it
 * ("timeout", "cancelled", "network", "unreadable"). Undefined when no call went out.
 */
export function codeOf(result: UpstreamResult): string | undefined {
  if (result.ok) return '200';
  const failure = result.failure;
  if (failure.kind === 'status') return String(failure.status);
  if (failure.sent === false) return undefined;
  return failure.kind === 'unreadable' ? '200' : failure.kind;
}

/**
 * The mocked upstreams a lab can name in its `lab.json` (`"upstreams": ["metrics"]`).
 * Each entry gives the MSW handlers for one run's scenario.
 */
import type { RequestHandler } from 'msw';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL, METRICS_UPSTREAM_INFO, metricsHandlers } from './metrics';
import type { Scenario } from './scenario';

export interface UpstreamDefinition {
  /** Shown in the app: name, base URL, endpoints. */
  info: { name: string; baseUrl: string; docs: string; endpoints: { method: string; path: string; summary: string }[] };
  baseUrl: string;
  /** The API key the upstream accepts. */
  apiKey: string;
  handlers(scenario: Scenario): RequestHandler[];
}

/**
 * Handlers are pure functions of the scenario, and building them is not free: MSW
 * captures a stack trace for every handler it constructs. A Run makes a dozen runs
 * with the same scenario, so each scenario's handlers are built once and reused.
 */
function memoByScenario(build: (scenario: Scenario) => RequestHandler[]): (scenario: Scenario) => RequestHandler[] {
  const cache = new Map<string, RequestHandler[]>();
  return (scenario) => {
    const key = JSON.stringify(scenario);
    let handlers = cache.get(key);
    if (!handlers) {
      if (cache.size >= 32) cache.delete(cache.keys().next().value!); // oldest first; labs use a handful
      handlers = build(scenario);
      cache.set(key, handlers);
    }
    return handlers;
  };
}

export const UPSTREAMS = {
  metrics: {
    info: METRICS_UPSTREAM_INFO,
    baseUrl: METRICS_BASE_URL,
    apiKey: METRICS_API_KEY,
    // Two regions of one upstream (same key, same data), so labs can make the base URL a setting.
    handlers: memoByScenario((scenario: Scenario) => [...metricsHandlers({ scenario }), ...metricsHandlers({ scenario, baseUrl: METRICS_EU_BASE_URL })]),
  },
} satisfies Record<string, UpstreamDefinition>;

export type UpstreamId = keyof typeof UPSTREAMS;

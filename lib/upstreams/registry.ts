/**
 * The mocked upstreams a lab can name in its `lab.json` (`"upstreams": ["metrics"]`).
 * Each entry gives the MSW handlers for one run's scenario.
 */
import type { RequestHandler } from 'msw';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL, METRICS_UPSTREAM_INFO, metricsHandlers } from './metrics';
import type { Scenario } from './scenario';
import type { RunSeed } from './seed';

export interface UpstreamDefinition {
  /** Shown in the app: name, base URL, endpoints. */
  info: { name: string; baseUrl: string; docs: string; endpoints: { method: string; path: string; summary: string }[] };
  baseUrl: string;
  /** The API key the upstream accepts. */
  apiKey: string;
  /**
   * The handlers for one run: its scenario, and the graded Run's seed (./seed.ts), which
   * decides the data served; without a seed, the lab page's data.
   */
  handlers(scenario: Scenario, seed?: RunSeed): RequestHandler[];
}

/**
 * Handlers are pure functions of the scenario and the seed, and building them is not
 * free: MSW captures a stack trace for every handler it constructs. A Run makes a dozen
 * runs with one seed and a few scenarios, so each pair's handlers are built once and reused.
 */
function memoByScenario(build: (scenario: Scenario, seed?: RunSeed) => RequestHandler[]): (scenario: Scenario, seed?: RunSeed) => RequestHandler[] {
  const cache = new Map<string, RequestHandler[]>();
  return (scenario, seed) => {
    const key = `${seed ?? 'page'} ${JSON.stringify(scenario)}`;
    let handlers = cache.get(key);
    if (!handlers) {
      if (cache.size >= 32) cache.delete(cache.keys().next().value!); // oldest first; a Run uses a dozen
      handlers = build(scenario, seed);
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
    handlers: memoByScenario((scenario, seed) => [...metricsHandlers({ scenario, seed }), ...metricsHandlers({ scenario, seed, baseUrl: METRICS_EU_BASE_URL })]),
  },
} satisfies Record<string, UpstreamDefinition>;

export type UpstreamId = keyof typeof UPSTREAMS;

/**
 * The mocked upstreams a lab can name in its `lab.json` (`"upstreams": ["metrics"]`).
 * Each entry builds fresh MSW handlers for one run's scenario.
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

export const UPSTREAMS = {
  metrics: {
    info: METRICS_UPSTREAM_INFO,
    baseUrl: METRICS_BASE_URL,
    apiKey: METRICS_API_KEY,
    // Two regions of one upstream (same key, same data), so labs can make the base URL a setting.
    handlers: (scenario: Scenario) => [...metricsHandlers({ scenario }), ...metricsHandlers({ scenario, baseUrl: METRICS_EU_BASE_URL })],
  },
} satisfies Record<string, UpstreamDefinition>;

export type UpstreamId = keyof typeof UPSTREAMS;

/**
 * The upstreams of an operate run: a few data source instances (each its own metrics
 * API, key and data, one per tenant) and the incidents that hit them on the run's
 * virtual clock (the upstream slows down, answers 5xx, rate-limits with Retry-After,
 * hangs, rejects the key). Every request is answered by the mocked metrics upstream
 * (lib/upstreams/metrics) in the scenario its instance is in at the request's virtual
 * instant, and recorded by the host's upstream bridge: that record is the truth checks
 * compare the learner's own account with.
 */
import type { RequestHandler } from 'msw';
import { z } from 'zod';
import { createUpstreamBridge, type UpstreamBridge } from '../../runtime/upstream-bridge';
import type { UpstreamRequest } from '../../runtime/sandbox/run-job';
import { metricsHandlers } from '../../upstreams/metrics';
import type { ScenarioInput } from '../../upstreams/scenario';
import { hashString } from '../../random';

/** One configured data source instance: a tenant's metrics API. Go: `backend.DataSourceInstanceSettings`. */
export interface DataSourceInstance {
  /** The instance's uid, as Grafana sends it in `pluginContext.dataSourceInstanceSettings.uid`. */
  uid: string;
  /** Its display name. */
  name: string;
  /** The organisation (tenant) it belongs to. */
  orgId: number;
  /** Origin of its metrics API, e.g. https://eu.prometheus.lab.test. */
  baseUrl: string;
  /** The key its API accepts; the request carries it in `decryptedSecureJsonData.apiKey`. */
  apiKey: string;
  /** Seed of the series its API serves (lib/upstreams/metrics/world.ts): instances serve different data. */
  dataSeed: number;
}

/** What goes wrong with an upstream during an incident. */
export const INCIDENT_KINDS = ['slow', 'server_error', 'rate_limit', 'hang', 'key_rejected'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const incidentSchema = z.object({
  kind: z.enum(INCIDENT_KINDS).describe('slow: every answer takes latencyMs; server_error: 503; rate_limit: 429 with Retry-After; hang: never answers; key_rejected: 401 for every key'),
  fromMs: z.number().min(0).describe('virtual ms since the run started when it begins (inclusive)'),
  toMs: z.number().min(0).describe('when it ends (exclusive)'),
  instanceUid: z.string().optional().describe('the instance it hits; every instance when left out'),
  latencyMs: z.number().int().min(0).max(30_000).optional().describe('slow: ms each answer takes'),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional().describe('rate_limit: the Retry-After header, seconds'),
});
export type Incident = z.infer<typeof incidentSchema>;

/** How each kind of incident reads, for the results view and check messages. */
export const INCIDENT_LABELS: Record<IncidentKind, string> = {
  slow: 'upstream slow',
  server_error: 'upstream 5xx',
  rate_limit: '429 with Retry-After',
  hang: 'upstream hangs',
  key_rejected: 'key rejected (401)',
};

/** The instances of a Run: three tenants, each with its own API, key and data, all drawn from the Run's seed. */
export function instancesFor(seed: number): DataSourceInstance[] {
  const key = (n: number) => `lab-metrics-key-${((hashString(`${seed}:${n}`) ^ 0x5a5a5a5a) >>> 0).toString(16).padStart(8, '0')}`;
  return [
    { uid: 'metrics-main', name: 'Metrics (main)', orgId: 1, baseUrl: 'https://prometheus.lab.test', apiKey: key(1), dataSeed: (seed ^ 0x1111_1111) >>> 0 },
    { uid: 'metrics-eu', name: 'Metrics (EU)', orgId: 2, baseUrl: 'https://eu.prometheus.lab.test', apiKey: key(2), dataSeed: (seed ^ 0x2222_2222) >>> 0 },
    { uid: 'metrics-ap', name: 'Metrics (AP)', orgId: 3, baseUrl: 'https://ap.prometheus.lab.test', apiKey: key(3), dataSeed: (seed ^ 0x3333_3333) >>> 0 },
  ];
}

/** The incidents in force for `instanceUid` at `atMs`. */
export function incidentsAt(incidents: readonly Incident[], instanceUid: string, atMs: number): Incident[] {
  return incidents.filter((i) => i.fromMs <= atMs && atMs < i.toMs && (i.instanceUid === undefined || i.instanceUid === instanceUid));
}

/** The mocked upstream's scenario during these incidents (none: a healthy upstream). */
export function scenarioFor(active: readonly Incident[]): ScenarioInput {
  const scenario: ScenarioInput = {};
  for (const incident of active) {
    if (incident.kind === 'slow') scenario.latencyMs = Math.max(scenario.latencyMs ?? 0, incident.latencyMs ?? 1500);
    else if (incident.kind === 'key_rejected') scenario.rejectKeys = true;
    else if (incident.kind === 'hang') scenario.fault = 'hang';
    else if (incident.kind === 'server_error' && scenario.fault !== 'hang') scenario.fault = 'server_error';
    else if (incident.kind === 'rate_limit' && scenario.fault === undefined) {
      scenario.fault = 'rate_limit';
      scenario.retryAfterSeconds = incident.retryAfterSeconds ?? 2;
    }
  }
  return scenario;
}

/**
 * The bridge that answers an operate run's upstream requests: each from its instance's
 * API in the scenario its incidents give at the request's virtual instant. The bridge's
 * `calls` are the host's record of the run's upstream traffic.
 */
export function createOperateUpstream(instances: readonly DataSourceInstance[], incidents: readonly Incident[]): UpstreamBridge {
  const byOrigin = new Map(instances.map((i) => [new URL(i.baseUrl).origin, i]));
  // Handlers per instance and scenario: a run meets a handful of each, and MSW's are not free to build.
  const built = new Map<string, RequestHandler[]>();
  const pick = (request: UpstreamRequest): RequestHandler[] => {
    let origin: string;
    try {
      origin = new URL(request.url).origin;
    } catch {
      return [];
    }
    const instance = byOrigin.get(origin);
    if (!instance) return [];
    const scenario = scenarioFor(incidentsAt(incidents, instance.uid, request.atMs ?? 0));
    const key = `${instance.uid} ${JSON.stringify(scenario)}`;
    let handlers = built.get(key);
    if (!handlers) {
      handlers = metricsHandlers({ baseUrl: instance.baseUrl, apiKey: instance.apiKey, scenario, seed: instance.dataSeed });
      built.set(key, handlers);
    }
    return handlers;
  };
  // The mocks are pure (seeded data, no state, no clock): requests alike in what they read
  // (instance and scenario, method, URL, body, the two headers they look at) get one answer.
  const answerKey = (request: UpstreamRequest): string | undefined => {
    let origin: string;
    try {
      origin = new URL(request.url).origin;
    } catch {
      return undefined;
    }
    const instance = byOrigin.get(origin);
    if (!instance) return undefined;
    const scenario = scenarioFor(incidentsAt(incidents, instance.uid, request.atMs ?? 0));
    const header = (name: string) => request.headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);
    return JSON.stringify([instance.uid, scenario, request.method.toUpperCase(), request.url, request.body ?? null, header('authorization'), header('content-type')]);
  };
  return createUpstreamBridge(pick, instances.map((i) => i.baseUrl), answerKey);
}

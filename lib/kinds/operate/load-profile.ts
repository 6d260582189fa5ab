/**
 * The seeded load profile of an operate Run: ten virtual minutes of three tenants'
 * dashboards (a few hundred QueryData requests, range and instant queries, "now"
 * ranges refreshing and past ranges loaded again and again) while their upstreams go
 * through one incident of each kind: slow, 5xx, 429 with Retry-After, a hang, a
 * rejected key. Everything is drawn from the Run's seed (when each viewer opens a
 * dashboard, how long they stay, when each incident starts), so a seed always gives the
 * same profile and two Runs give different ones. Nothing reads the wall clock.
 */
import { mulberry32 } from '../../random';
import type { OperatePlan, PlannedQuery, PlannedRequest, RangeSpec } from './plan';
import type { Incident, IncidentKind } from './upstream';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One panel of a dashboard: the queries it sends together in one request. */
interface PanelSpec {
  title: string;
  queries: PlannedQuery[];
}

/** A dashboard of the profile. */
interface DashboardSpec {
  uid: string;
  title: string;
  instanceUid: string;
  /** The range it opens with: `yesterday` is resolved from the Run's clock. */
  range: RangeSpec | 'yesterday';
  /** Auto-refresh interval while a viewer has it open, ms; 0: loaded once per visit. */
  refreshMs: number;
  /** How many viewers open it during the profile: [min, max]. */
  viewers: readonly [number, number];
  /** How long one viewer keeps it open, ms: [min, max]. */
  stayMs: readonly [number, number];
  /**
   * When set, every viewer opens it within this many ms of one another (a review
   * meeting: people open the link at about the same time); otherwise at any time.
   */
  gatherMs?: number;
  /** A wall display shows it for the whole profile besides its viewers, so its tenant's upstream always has traffic. */
  wallDisplay?: boolean;
  panels: PanelSpec[];
}

const range = (metric: string, aggregation: string, groupBy?: string[]): PlannedQuery => ({ queryType: 'range', json: { metric, aggregation, ...(groupBy ? { groupBy } : {}) } });
const instant = (metric: string, aggregation: string): PlannedQuery => ({ queryType: 'instant', json: { metric, aggregation } });

/**
 * The dashboards: per tenant one that refreshes a "now" range (never cacheable) and one
 * over a past range that many people open within a minute or two, as for a review
 * meeting (the cache's work). Two of them hold the same
 * query written differently, which a normalised cache key serves from one entry.
 */
export const PROFILE_DASHBOARDS: readonly DashboardSpec[] = [
  {
    uid: 'service-overview',
    title: 'Service overview',
    instanceUid: 'metrics-main',
    range: { lastMs: HOUR },
    refreshMs: 30 * SECOND,
    viewers: [2, 4],
    wallDisplay: true,
    stayMs: [2 * MINUTE, 4 * MINUTE],
    panels: [
      { title: 'CPU by instance', queries: [range('cpu_usage_percent', 'avg', ['instance'])] },
      { title: 'Requests per second', queries: [range('http_requests_per_second', 'sum')] },
      { title: 'Memory now', queries: [instant('memory_used_bytes', 'sum')] },
    ],
  },
  {
    uid: 'capacity-review',
    title: 'Capacity review (yesterday)',
    instanceUid: 'metrics-main',
    range: 'yesterday',
    refreshMs: 0,
    viewers: [10, 14],
    stayMs: [1 * MINUTE, 1 * MINUTE],
    gatherMs: 90 * SECOND,
    panels: [
      { title: 'CPU', queries: [range('cpu_usage_percent', 'avg')] },
      { title: 'Memory', queries: [range('memory_used_bytes', 'max'), range('memory_used_bytes', 'avg')] },
      { title: 'Traffic', queries: [range('http_requests_per_second', 'sum', ['route'])] },
    ],
  },
  {
    uid: 'queue-health',
    title: 'Queue health',
    instanceUid: 'metrics-eu',
    range: { lastMs: 15 * MINUTE },
    refreshMs: 10 * SECOND,
    viewers: [1, 2],
    wallDisplay: true,
    stayMs: [3 * MINUTE, 5 * MINUTE],
    panels: [
      { title: 'Queue depth', queries: [range('queue_depth', 'max')] },
      { title: 'Depth now', queries: [instant('queue_depth', 'max')] },
    ],
  },
  {
    uid: 'eu-trends',
    title: 'Trends (6 h, an hour behind)',
    instanceUid: 'metrics-eu',
    range: { endsAgoMs: HOUR, lengthMs: 6 * HOUR },
    refreshMs: 0,
    viewers: [6, 9],
    stayMs: [1 * MINUTE, 1 * MINUTE],
    gatherMs: 2 * MINUTE,
    panels: [
      // The same query as the next one, written another way: one entry under a normalised key.
      { title: 'CPU', queries: [{ queryType: 'range', json: { metric: 'cpu_usage_percent' } }] },
      { title: 'CPU (copy)', queries: [{ queryType: 'range', json: { groupBy: [], aggregation: 'avg', metric: 'cpu_usage_percent' } }] },
      { title: 'Queue', queries: [range('queue_depth', 'avg')] },
    ],
  },
  {
    uid: 'live-traffic',
    title: 'Live traffic',
    instanceUid: 'metrics-ap',
    range: { lastMs: 30 * MINUTE },
    refreshMs: 15 * SECOND,
    viewers: [1, 2],
    wallDisplay: true,
    stayMs: [2 * MINUTE, 4 * MINUTE],
    panels: [
      { title: 'Requests by route', queries: [range('http_requests_per_second', 'sum', ['route'])] },
      { title: 'CPU now', queries: [instant('cpu_usage_percent', 'max')] },
    ],
  },
  {
    uid: 'incident-review',
    title: 'Incident review (yesterday)',
    instanceUid: 'metrics-ap',
    range: 'yesterday',
    refreshMs: 0,
    viewers: [8, 12],
    stayMs: [1 * MINUTE, 1 * MINUTE],
    gatherMs: 60 * SECOND,
    panels: [
      { title: 'CPU', queries: [range('cpu_usage_percent', 'max', ['instance'])] },
      { title: 'Memory', queries: [range('memory_used_bytes', 'sum')] },
    ],
  },
];

/** One incident of each kind, in the order they come, and the instance each hits. */
const INCIDENT_PLAN: readonly { kind: IncidentKind; instanceUid: string; lengthMs: readonly [number, number]; latencyMs?: number; retryAfterSeconds?: number }[] = [
  { kind: 'slow', instanceUid: 'metrics-main', lengthMs: [45 * SECOND, 75 * SECOND], latencyMs: 1_200 },
  { kind: 'rate_limit', instanceUid: 'metrics-eu', lengthMs: [30 * SECOND, 50 * SECOND], retryAfterSeconds: 5 },
  { kind: 'server_error', instanceUid: 'metrics-main', lengthMs: [80 * SECOND, 110 * SECOND] },
  { kind: 'hang', instanceUid: 'metrics-ap', lengthMs: [25 * SECOND, 40 * SECOND] },
  { kind: 'key_rejected', instanceUid: 'metrics-eu', lengthMs: [30 * SECOND, 45 * SECOND] },
];

export interface LoadProfileOptions {
  /** The Run's seed: it decides every draw. */
  seed: number;
  /** The run's virtual 0 as epoch ms (the Run's "now"), from which "yesterday" is resolved. */
  epochMs: number;
  /** Virtual ms of traffic; default 10 minutes. */
  durationMs?: number;
}

/** The profile for a seed: the plan an operate Run serves. */
export function loadProfile({ seed, epochMs, durationMs = 10 * MINUTE }: LoadProfileOptions): OperatePlan {
  const random = mulberry32(seed ^ 0x0be7a7e5);
  const between = (low: number, high: number) => low + random() * (high - low);
  const requests: PlannedRequest[] = [];
  const midnight = Math.floor(epochMs / DAY) * DAY;
  const yesterday: RangeSpec = { from: midnight - DAY, to: midnight };

  for (const dashboard of PROFILE_DASHBOARDS) {
    const viewers = Math.round(between(dashboard.viewers[0], dashboard.viewers[1]));
    const gathering = dashboard.gatherMs === undefined ? undefined : between(0, durationMs - dashboard.gatherMs - dashboard.stayMs[1]);
    for (let v = dashboard.wallDisplay ? 0 : 1; v <= viewers; v++) {
      const stay = v === 0 ? durationMs : between(dashboard.stayMs[0], dashboard.stayMs[1]);
      const opensAt = v === 0 ? Math.round(random() * dashboard.refreshMs) : Math.round(gathering === undefined ? between(0, Math.max(0, durationMs - stay)) : gathering + between(0, dashboard.gatherMs!));
      const closesAt = Math.min(durationMs, opensAt + stay);
      for (let at = opensAt; at < closesAt; at += dashboard.refreshMs || Infinity) {
        // Panels of one load go out a few ms apart, as a browser sends them.
        dashboard.panels.forEach((panel, p) => {
          requests.push({
            atMs: Math.round(at + p * 7 + random() * 5),
            instanceUid: dashboard.instanceUid,
            dashboard: dashboard.uid,
            viewer: v === 0 ? 'wall display' : `viewer ${v}`,
            queries: panel.queries,
            range: dashboard.range === 'yesterday' ? yesterday : dashboard.range,
          });
        });
      }
    }
  }
  requests.sort((a, b) => a.atMs - b.atMs);
  return { requests, incidents: drawIncidents(random, durationMs), scrapeIntervalMs: 15 * SECOND };
}

/** The incidents, one after another with 20 to 40 s of healthy upstream before each. */
function drawIncidents(random: () => number, durationMs: number): Incident[] {
  let cursor = 0;
  return INCIDENT_PLAN.map((spec) => {
    const fromMs = Math.round(cursor + 20 * SECOND + random() * 20 * SECOND);
    const length = Math.round(spec.lengthMs[0] + random() * (spec.lengthMs[1] - spec.lengthMs[0]));
    const toMs = Math.min(durationMs, fromMs + length);
    cursor = toMs;
    return {
      kind: spec.kind,
      instanceUid: spec.instanceUid,
      fromMs,
      toMs,
      ...(spec.latencyMs ? { latencyMs: spec.latencyMs } : {}),
      ...(spec.retryAfterSeconds ? { retryAfterSeconds: spec.retryAfterSeconds } : {}),
    };
  });
}

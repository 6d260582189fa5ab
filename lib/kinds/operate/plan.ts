/**
 * An operate plan: who asks what, when, of which data source instance, and what goes
 * wrong upstream meanwhile, all in virtual ms since the run started. The load profile
 * (./load-profile.ts) makes one for the Run; checks write small ones of their own (a
 * retry storm, an outage). `buildJob` turns a plan into the QueryData requests the
 * sandbox serves, and keeps beside each the host's own note of who sent it.
 */
import type { QueryDataRequest } from '../../sdk/contract';
import type { OperateJob, ScheduledRequest } from './job';
import type { DataSourceInstance, Incident } from './upstream';

/**
 * The time range a request asks for. `last`: a relative range ending at the request's
 * own time (Grafana's "Last 15 minutes": "now-15m" to "now"). `from`/`to`: an absolute
 * range, epoch ms. `endsAgoMs`/`lengthMs`: a relative range that ends before now
 * ("now-6h" to "now-1h").
 */
export type RangeSpec = { lastMs: number } | { from: number; to: number } | { endsAgoMs: number; lengthMs: number };

/** One query of a planned request. Go: `backend.DataQuery`. */
export interface PlannedQuery {
  refId?: string;
  /** `DataQuery.queryType`: the lab handlers read `range` (the default) and `instant`. */
  queryType?: string;
  /** The query model; a string is sent as it is. */
  json: Record<string, unknown> | string;
  maxDataPoints?: number;
  intervalMs?: number;
}

/** One QueryData request of a plan: a panel refresh, or every panel of a dashboard load. */
export interface PlannedRequest {
  /** When Grafana sends it, virtual ms since the run started. */
  atMs: number;
  /** The data source instance (DataSourceInstance.uid) it queries. */
  instanceUid: string;
  /** The dashboard it comes from (sent as the `X-Dashboard-Uid` header, as Grafana does). */
  dashboard: string;
  /** Who is looking, for the results view ("viewer 3"); not sent. */
  viewer?: string;
  queries: PlannedQuery[];
  range: RangeSpec;
  /** Grafana's query timeout for it, virtual ms; default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface OperatePlan {
  requests: PlannedRequest[];
  incidents: Incident[];
  /** Virtual ms between scrapes of the learner's metrics; default 15 s, 0 for none. */
  scrapeIntervalMs?: number;
}

/** Grafana's query timeout in the lab unless a plan says otherwise (Grafana's own default is 30 s). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Prometheus' default scrape_interval is 1 m; dashboards of a plugin's own metrics often use 15 s. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

/** A scheduled request as the host keeps it: what was sent, and who sent it and why. */
export interface ScheduleEntry extends ScheduledRequest {
  instanceUid: string;
  orgId: number;
  dashboard: string;
  viewer?: string;
  /** The range as planned: `'now'` for a range ending at the request's time. */
  rangeKind: 'now' | 'relative' | 'absolute';
}

/** The time range a RangeSpec gives for a request sent at `atEpochMs` (whole seconds, as Grafana's relative ranges). */
export function resolveRange(range: RangeSpec, atEpochMs: number): { from: number; to: number } {
  const now = Math.floor(atEpochMs / 1000) * 1000;
  if ('lastMs' in range) return { from: now - range.lastMs, to: now };
  if ('endsAgoMs' in range) return { from: now - range.endsAgoMs - range.lengthMs, to: now - range.endsAgoMs };
  return { from: range.from, to: range.to };
}

/**
 * The job the sandbox serves for `plan`, and the host's schedule beside it. `epochMs` is
 * the run's virtual 0 as `Date.now()` reads it (the Run's seeded "now").
 */
export function buildJob(
  plan: OperatePlan,
  options: { epochMs: number; instances: readonly DataSourceInstance[]; randomSeed: number },
): { job: OperateJob; schedule: ScheduleEntry[] } {
  const byUid = new Map(options.instances.map((i) => [i.uid, i]));
  const schedule: ScheduleEntry[] = plan.requests.map((planned, index) => {
    const instance = byUid.get(planned.instanceUid);
    if (!instance) throw new Error(`The plan's request ${index + 1} queries "${planned.instanceUid}", which is not one of the run's instances (${[...byUid.keys()].join(', ')}).`);
    const timeRange = resolveRange(planned.range, options.epochMs + planned.atMs);
    const request: QueryDataRequest = {
      pluginContext: {
        orgId: instance.orgId,
        pluginId: 'lab-datasource',
        dataSourceInstanceSettings: {
          uid: instance.uid,
          name: instance.name,
          url: '',
          jsonData: { baseUrl: instance.baseUrl },
          decryptedSecureJsonData: { apiKey: instance.apiKey },
        },
      },
      // Grafana forwards these to a plugin's QueryData (pkg/services/query): who is asking, from where.
      headers: { 'X-Dashboard-Uid': planned.dashboard, 'X-Grafana-Org-Id': String(instance.orgId) },
      queries: planned.queries.map((q, i) => ({
        refId: q.refId ?? String.fromCharCode(65 + i),
        queryType: q.queryType ?? 'range',
        timeRange,
        maxDataPoints: q.maxDataPoints ?? 300,
        intervalMs: q.intervalMs ?? 15_000,
        json: typeof q.json === 'string' ? q.json : JSON.stringify(q.json),
      })),
    };
    return {
      id: index + 1,
      atMs: planned.atMs,
      timeoutMs: planned.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      request,
      instanceUid: instance.uid,
      orgId: instance.orgId,
      dashboard: planned.dashboard,
      ...(planned.viewer ? { viewer: planned.viewer } : {}),
      rangeKind: 'lastMs' in planned.range ? 'now' : 'endsAgoMs' in planned.range ? 'relative' : 'absolute',
    };
  });
  const job: OperateJob = {
    requests: schedule.map(({ id, atMs, timeoutMs, request }) => ({ id, atMs, timeoutMs, request })),
    scrapeIntervalMs: plan.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS,
    randomSeed: options.randomSeed,
  };
  return { job, schedule };
}

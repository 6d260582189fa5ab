/**
 * What the operate results show, computed from the record without React: upstream load
 * over virtual time with and without the learner's guardrails, outcomes per dashboard,
 * incidents and what the upstream saw during each, and the learner's scraped metrics.
 *
 * "Without guardrails" is computed from the schedule, not run: one upstream call per
 * query at the moment its request arrives (no cache, no retries). What the handler did
 * is the host's own record of calls.
 */
import type { ErrorCategory } from '../../sdk/contract';
import type { UpstreamCall } from '../../runtime/upstream-bridge';
import type { MetricFamily } from './exposition';
import type { OperateRunRecord, ScrapeRecord } from './run';
import { INCIDENT_LABELS, type IncidentKind } from './upstream';

/** One bucket of the load picture. */
export interface LoadBucket {
  /** Start of the bucket, virtual ms since the run started. */
  startMs: number;
  /** Upstream calls per second the upstream received (the host's record). */
  calls: number;
  /** Of them, calls that failed (no 2xx answer). */
  failedCalls: number;
  /** Calls per second one call per query would have made: no cache, no retries. */
  baseline: number;
}

/** The width of a bucket of the load picture, virtual ms. */
export const LOAD_BUCKET_MS = 10_000;

/** Upstream load per bucket, measured and baseline, over the whole run. */
export function loadOverTime(record: OperateRunRecord, bucketMs = LOAD_BUCKET_MS): LoadBucket[] {
  const end = Math.max(record.virtualEndMs, ...record.schedule.map((e) => e.atMs), ...record.upstream.map((c) => c.startedAtMs));
  const count = Math.max(1, Math.ceil((end + 1) / bucketMs));
  const buckets: LoadBucket[] = Array.from({ length: count }, (_, i) => ({ startMs: i * bucketMs, calls: 0, failedCalls: 0, baseline: 0 }));
  // Counted whole, then turned into a rate: sums of fractions drift.
  for (const call of record.upstream) {
    const b = buckets[Math.min(count - 1, Math.floor(call.startedAtMs / bucketMs))];
    b.calls++;
    if (!isSuccess(call)) b.failedCalls++;
  }
  for (const entry of record.schedule) buckets[Math.min(count - 1, Math.floor(entry.atMs / bucketMs))].baseline += entry.request.queries.length;
  const seconds = bucketMs / 1000;
  for (const b of buckets) {
    b.calls /= seconds;
    b.failedCalls /= seconds;
    b.baseline /= seconds;
  }
  return buckets;
}

export function isSuccess(call: UpstreamCall): boolean {
  return call.status !== undefined && call.status >= 200 && call.status < 300;
}

/** What the upstream answered, as a short word: the status, or how the call ended without one. */
export function callOutcome(call: UpstreamCall): string {
  if (call.status !== undefined) return String(call.status);
  if (call.abortedBy === 'handler') return 'aborted';
  if (call.abortedBy === 'run-end') return 'left open';
  return 'blocked';
}

/** The run in numbers: the handler's answers and the upstream's load. */
export interface OperateSummary {
  requests: number;
  queries: number;
  /** Queries answered with frames and no error. */
  answered: number;
  /** Queries answered with an error, by category. */
  errors: Partial<Record<ErrorCategory, number>>;
  /** Requests the handler did not answer in time, or whose answer could not be read. */
  noAnswer: number;
  failed: number;
  /** Upstream calls the host recorded, and by outcome. */
  calls: number;
  callsByOutcome: Record<string, number>;
  /** One call per query. */
  baselineCalls: number;
}

export function summarize(record: OperateRunRecord): OperateSummary {
  const summary: OperateSummary = { requests: record.schedule.length, queries: 0, answered: 0, errors: {}, noAnswer: 0, failed: 0, calls: record.upstream.length, callsByOutcome: {}, baselineCalls: 0 };
  for (const entry of record.schedule) {
    summary.queries += entry.request.queries.length;
    const outcome = record.outcomes[entry.id];
    if (!outcome || outcome.status === 'no-answer') summary.noAnswer++;
    else if (outcome.status === 'failed') summary.failed++;
    else {
      for (const response of Object.values(outcome.responses ?? {})) {
        if (response.error) summary.errors[response.error.category] = (summary.errors[response.error.category] ?? 0) + 1;
        else summary.answered++;
      }
    }
  }
  summary.baselineCalls = summary.queries;
  for (const call of record.upstream) {
    const key = callOutcome(call);
    summary.callsByOutcome[key] = (summary.callsByOutcome[key] ?? 0) + 1;
  }
  return summary;
}

/** One row of the dashboards table. */
export interface DashboardRow {
  dashboard: string;
  orgId: number;
  instanceUid: string;
  requests: number;
  queries: number;
  answered: number;
  errors: number;
  noAnswer: number;
  /** The range the dashboard asks for: 'now', 'relative' or 'absolute'. */
  rangeKind: string;
}

export function byDashboard(record: OperateRunRecord): DashboardRow[] {
  const rows = new Map<string, DashboardRow>();
  for (const entry of record.schedule) {
    let row = rows.get(entry.dashboard);
    if (!row) rows.set(entry.dashboard, (row = { dashboard: entry.dashboard, orgId: entry.orgId, instanceUid: entry.instanceUid, requests: 0, queries: 0, answered: 0, errors: 0, noAnswer: 0, rangeKind: entry.rangeKind }));
    row.requests++;
    row.queries += entry.request.queries.length;
    const outcome = record.outcomes[entry.id];
    if (!outcome || outcome.status !== 'answered') row.noAnswer++;
    else for (const r of Object.values(outcome.responses ?? {})) r.error ? row.errors++ : row.answered++;
  }
  return [...rows.values()];
}

/** An incident and what the upstream of its instance saw meanwhile. */
export interface IncidentRow {
  kind: IncidentKind;
  label: string;
  instanceUid?: string;
  fromMs: number;
  toMs: number;
  /** Calls the instance's upstream received during the incident. */
  calls: number;
  /** Queries sent to that instance during the incident: one call each without guardrails. */
  baseline: number;
}

export function incidentRows(record: OperateRunRecord): IncidentRow[] {
  const originOf = new Map(record.instances.map((i) => [i.uid, new URL(i.baseUrl).origin]));
  return record.incidents.map((incident) => {
    const origin = incident.instanceUid ? originOf.get(incident.instanceUid) : undefined;
    const during = (at: number) => at >= incident.fromMs && at < incident.toMs;
    const calls = record.upstream.filter((c) => during(c.startedAtMs) && (!origin || originOf_(c.url) === origin)).length;
    const baseline = record.schedule
      .filter((e) => during(e.atMs) && (!incident.instanceUid || e.instanceUid === incident.instanceUid))
      .reduce((n, e) => n + e.request.queries.length, 0);
    return { kind: incident.kind, label: INCIDENT_LABELS[incident.kind], instanceUid: incident.instanceUid, fromMs: incident.fromMs, toMs: incident.toMs, calls, baseline };
  });
}

function originOf_(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** One series of the learner's metrics as a row: its last value, and its value at every scrape. */
export interface MetricRow {
  family: string;
  type: MetricFamily['type'];
  /** The sample name (with _bucket/_sum/_count for histograms). */
  name: string;
  labels: Record<string, string>;
  last: number;
  /** [virtual ms, value] at each scrape that had it. */
  points: [number, number][];
}

/** Series kept for the metrics table and chart; a registry with more says so. */
export const METRIC_ROWS_SHOWN = 200;

/**
 * The learner's series across scrapes, histogram buckets left out (their _sum and _count
 * stay), at most METRIC_ROWS_SHOWN of them; `more` counts the rest.
 */
export function metricRows(scrapes: readonly ScrapeRecord[]): { rows: MetricRow[]; more: number } {
  const rows = new Map<string, MetricRow>();
  const left = new Set<string>();
  for (const scrape of scrapes) {
    for (const family of scrape.families ?? []) {
      for (const sample of family.samples) {
        if (sample.name.endsWith('_bucket') && family.type === 'histogram') continue;
        const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
        let row = rows.get(key);
        if (!row) {
          if (rows.size >= METRIC_ROWS_SHOWN) {
            left.add(key);
            continue;
          }
          rows.set(key, (row = { family: family.name, type: family.type, name: sample.name, labels: sample.labels, last: sample.value, points: [] }));
        }
        row.last = sample.value;
        row.points.push([scrape.atMs, sample.value]);
      }
    }
  }
  return { rows: [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), more: left.size };
}

/** `{a="1", b="2"}` for a row. */
export function labelsText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(', ')}}` : '';
}

/** Virtual ms as m:ss, for axes and tables. */
export function clockText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

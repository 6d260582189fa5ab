/**
 * Builds the `QueryDataRequest` / `CheckHealthRequest` a run sends, from a lab's
 * run settings plus whatever a check or the learner changes.
 */
import type { CheckHealthRequest, DataQuery, QueryDataRequest, TimeRange } from '../sdk/contract';
import type { LabRun } from '../labs/schema';

/** Checks use a fixed clock so the mocked data, and so the expected frames, never change. */
export const CHECK_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface QueryOverride {
  refId?: string;
  queryType?: string;
  /** An object is sent as JSON text; a string is sent as-is, valid JSON or not. */
  json: Record<string, unknown> | string;
  maxDataPoints?: number;
  intervalMs?: number;
  timeRange?: TimeRange;
}

export interface RequestOverrides {
  queries?: QueryOverride[];
  timeRange?: TimeRange;
  url?: string;
  jsonData?: Record<string, unknown>;
  /** Replaces the secure settings entirely (so a check can leave the key out). */
  secureJsonData?: Record<string, string>;
}

export function buildQueryDataRequest(run: LabRun, now: number, overrides: RequestOverrides = {}): QueryDataRequest {
  const timeRange = overrides.timeRange ?? { from: now - run.rangeMs, to: now };
  const queries: DataQuery[] = (overrides.queries ?? run.queries).map((q, i) => ({
    refId: q.refId ?? String.fromCharCode(65 + i),
    queryType: q.queryType ?? '',
    timeRange: ('timeRange' in q && q.timeRange) || timeRange,
    maxDataPoints: ('maxDataPoints' in q && q.maxDataPoints) || run.maxDataPoints,
    intervalMs: ('intervalMs' in q && q.intervalMs) || run.intervalMs,
    json: typeof q.json === 'string' ? q.json : JSON.stringify(q.json),
  }));
  return { ...buildHealthRequest(run, overrides), headers: {}, queries };
}

export function buildHealthRequest(run: LabRun, overrides: RequestOverrides = {}): CheckHealthRequest {
  return {
    pluginContext: {
      orgId: 1,
      pluginId: 'lab-datasource',
      dataSourceInstanceSettings: {
        uid: 'lab-ds-1',
        name: 'Lab data source',
        url: overrides.url ?? run.url,
        jsonData: overrides.jsonData ?? run.jsonData,
        decryptedSecureJsonData: overrides.secureJsonData ?? run.secureJsonData,
      },
    },
  };
}

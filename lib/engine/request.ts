/**
 * Builds the `QueryDataRequest` / `CheckHealthRequest` a run sends, from a lab's
 * run settings plus whatever a check or the learner changes, and the clock of a graded
 * Run (`checkClock`), drawn from its seed.
 */
import type { CheckHealthRequest, DataQuery, QueryDataRequest, TimeRange } from '../sdk/contract';
import type { LabRun } from '../labs/schema';
import { SEED_SALT, seededNow, seededUnit, type RunSeed } from '../upstreams/seed';

/**
 * A fixed clock, for simulations that replay a dashboard (lib/exercises). Lab checks do
 * not use it: a fixed clock makes check requests recognisable (see `checkClock`).
 */
export const CHECK_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The clock of a graded Run: when "now" is, and how long the default time range is. */
export interface CheckClock {
  /** Epoch ms, a whole second (lib/upstreams/seed.ts `seededNow`). */
  now: number;
  /** The default range, ending at `now`: between half of the lab's `rangeMs` and all of it, in whole minutes. */
  rangeMs: number;
}

/**
 * The clock a Run's checks send: drawn from the Run's seed, so no two Runs share a time
 * range and a handler cannot tell a check request by its clock. The default range never
 * exceeds the lab's own `rangeMs`, so limits sized for it (points, steps) still hold;
 * a check that needs a precise window asks for it.
 */
export function checkClock(run: Pick<LabRun, 'rangeMs'>, seed: RunSeed): CheckClock {
  const now = seededNow(seed);
  // Under two minutes there is nothing to draw in whole minutes: keep the lab's range.
  if (run.rangeMs < 120_000) return { now, rangeMs: run.rangeMs };
  const minutes = run.rangeMs / 60_000;
  const drawn = Math.round((0.5 + 0.5 * seededUnit(seed, SEED_SALT.range)) * minutes);
  return { now, rangeMs: Math.min(drawn, Math.floor(minutes)) * 60_000 };
}

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

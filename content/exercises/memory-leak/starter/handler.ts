/**
 * "Host metrics" data source with a response cache, added to take load off the
 * metrics server. Since the cache went in, the plugin's memory grows until the
 * process is killed. `memoryStats()` is the plugin's own instrumentation (think Go's
 * runtime.MemStats or /debug/pprof/heap): what the cache holds right now.
 */
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';

interface CachedResponse {
  frames: DataFrame[];
  /** Rough size: 16 bytes per sample plus the labels. */
  bytes: number;
}

/** Responses already fetched, so that asking again does not go to the server. Lives as long as the plugin process. */
const responseCache = new Map<string, CachedResponse>();

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const responses: QueryDataResponse['responses'] = {};
  for (const query of req.queries) responses[query.refId] = await runQuery(req, query, ctx);
  return { responses };
}

async function runQuery(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const metric = (JSON.parse(query.json) as { metric?: string }).metric;
  if (!metric) return queryError('validation', 'Pick a metric.');
  const key = `${query.json}|${query.timeRange.from}|${query.timeRange.to}|${query.intervalMs}`;

  const cached = responseCache.get(key);
  if (cached) {
    ctx.logger.info('cache hit', { refId: query.refId, entries: responseCache.size });
    return { frames: cached.frames };
  }

  const settings = req.pluginContext.dataSourceInstanceSettings;
  const params = new URLSearchParams({
    query: metric,
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(Math.max(1, Math.round(query.intervalMs / 1000))),
  });
  const response = await fetch(`${settings.url}/api/v1/query_range?${params}`, {
    headers: { Authorization: `Bearer ${settings.decryptedSecureJsonData.apiKey ?? ''}` },
    signal: ctx.signal,
  });
  if (!response.ok) return queryError('upstream', `The metrics server answered HTTP ${response.status}.`);
  const result = ((await response.json()) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } }).data.result;

  const frames = result.map((series) => toFrame(query.refId, metric, series));
  const bytes = result.reduce((sum, s) => sum + s.values.length * 16 + JSON.stringify(s.metric).length, 0);
  responseCache.set(key, { frames, bytes });
  ctx.logger.info('cache miss', { refId: query.refId, entries: responseCache.size, retainedBytes: totalBytes() });
  return { frames };
}

function toFrame(refId: string, metric: string, series: { metric: Record<string, string>; values: [number, string][] }): DataFrame {
  const { __name__: _name, ...labels } = series.metric;
  return createDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: metric, type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels },
    ],
  });
}

function totalBytes(): number {
  let sum = 0;
  for (const entry of responseCache.values()) sum += entry.bytes;
  return sum;
}

/** What the plugin holds in memory, by its own count. */
export function memoryStats(): { entries: number; bytes: number } {
  return { entries: responseCache.size, bytes: totalBytes() };
}

/**
 * "Fleet overview" data source: one frame per instance for each metric on the
 * dashboard, named "web-1 (node)". Users say the dashboard got slow. The handler is
 * instrumented: every stage logs how long it took (Logs tab), and every upstream
 * request shows in the Upstream tab's waterfall.
 */
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';

interface Settings {
  url: string;
  apiKey: string;
}

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const started = Date.now();
  const settings = settingsOf(req);
  // Queries are independent: run them at the same time, not one after another.
  const answers = await Promise.all(req.queries.map((query) => runQuery(settings, query, ctx)));
  const responses: QueryDataResponse['responses'] = Object.fromEntries(req.queries.map((query, i) => [query.refId, answers[i]]));
  ctx.logger.info('queryData finished', { queries: req.queries.length, totalMs: Date.now() - started });
  return { responses };
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const metric = (JSON.parse(query.json) as { metric?: string }).metric;
  if (!metric) return queryError('validation', 'Pick a metric.');

  let t = Date.now();
  const params = new URLSearchParams({
    query: `avg by (instance) (${metric})`,
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(Math.max(1, Math.round(query.intervalMs / 1000))),
  });
  const range = await api<{ result: { metric: Record<string, string>; values: [number, string][] }[] }>(settings, `/api/v1/query_range?${params}`, ctx);
  ctx.logger.info('stage done', { refId: query.refId, stage: 'query_range', ms: Date.now() - t });

  // The grouped query keeps only "instance"; one lookup of all the metric's series
  // names every frame (not one request per series).
  t = Date.now();
  const jobs: Record<string, string> = {};
  const match = new URLSearchParams({ 'match[]': metric });
  for (const labels of await api<Record<string, string>[]>(settings, `/api/v1/series?${match}`, ctx)) {
    jobs[labels.instance] ??= labels.job ?? 'unknown';
  }
  ctx.logger.info('stage done', { refId: query.refId, stage: 'label lookup', ms: Date.now() - t, series: range.result.length });

  t = Date.now();
  const frames = range.result.map((series) => toFrame(query.refId, metric, series, jobs[series.metric.instance]));
  ctx.logger.info('stage done', { refId: query.refId, stage: 'frames', ms: Date.now() - t });
  return { frames };
}

function toFrame(refId: string, metric: string, series: { metric: Record<string, string>; values: [number, string][] }, job: string): DataFrame {
  return createDataFrame({
    refId,
    name: `${series.metric.instance} (${job})`,
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: metric, type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels: { instance: series.metric.instance, job } },
    ],
  });
}

function settingsOf(req: QueryDataRequest): Settings {
  const s = req.pluginContext.dataSourceInstanceSettings;
  return { url: s.url, apiKey: s.decryptedSecureJsonData.apiKey ?? '' };
}

async function api<T>(settings: Settings, path: string, ctx: HandlerContext): Promise<T> {
  const response = await fetch(`${settings.url}${path}`, { headers: { Authorization: `Bearer ${settings.apiKey}` }, signal: ctx.signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${path.split('?')[0]}`);
  return ((await response.json()) as { data: T }).data;
}

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { parseQuery, type MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';

/** One series of a Prometheus `matrix` result. */
interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  if (!parsed.ok) {
    ctx.logger.warn('data source settings refused', { reason: parsed.message });
    return { responses: Object.fromEntries(req.queries.map((q) => [q.refId, queryError('validation', parsed.message)])) };
  }
  const responses: QueryDataResponse['responses'] = {};
  for (const query of req.queries) responses[query.refId] = await runQuery(parsed.settings, query, ctx);
  return { responses };
}

/** The request headers for the metrics API. Built in one place, never logged. */
function authHeaders(apiKey: string): Headers {
  const headers = new Headers();
  headers.set('authorization', `bearer ${apiKey}`);
  return headers;
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const { apiKey } = settings;
  if (apiKey === undefined) return queryError('auth', 'This data source has no API key. Enter one in its settings (secure field "API key").');

  const url = new URL(`${settings.baseUrl}/api/v1/query_range`);
  url.searchParams.set('query', toPromQL(parsed.query));
  url.searchParams.set('start', String(query.timeRange.from / 1000));
  url.searchParams.set('end', String(query.timeRange.to / 1000));
  url.searchParams.set('step', String(Math.max(1, Math.round(query.intervalMs / 1000))));
  const started = Date.now();

  let response: Response;
  try {
    response = await fetch(url, { headers: authHeaders(apiKey), signal: ctx.signal });
  } catch (err) {
    ctx.logger.warn('metrics API call failed', { refId: query.refId, host: url.host, aborted: isAbortError(err) });
    if (isAbortError(err)) return queryError('timeout', 'The metrics API took too long to answer. Try again, or a shorter time range.');
    return queryError('upstream', `The metrics API at ${url.origin} could not be reached. Is the base URL right?`);
  }
  ctx.logger.info('metrics API answered', { refId: query.refId, path: url.pathname, status: response.status, ms: Date.now() - started });
  switch (response.status) {
    case 401:
    case 403:
      return queryError('auth', `The API key was refused (HTTP ${response.status}). Update the key in the data source configuration.`, response.status);
    case 429:
      return queryError('rate_limit', 'Too many requests to the metrics API right now; try again in a moment.');
  }
  if (response.status >= 400) return queryError('upstream', `The metrics API failed with HTTP ${response.status}.`);

  const body: unknown = await response.json().catch(() => undefined);
  const result = (body as { data?: { result?: unknown } } | undefined)?.data?.result;
  if (!Array.isArray(result)) return queryError('upstream', 'The metrics API answered with something other than a range query result.');
  return { frames: (result as MatrixSeries[]).map((s) => toFrame(parsed.query, s, query.refId)) };
}

function toPromQL(query: MetricQuery): string {
  const by = query.groupBy.length > 0 ? ` by (${query.groupBy.join(', ')}) ` : '';
  return `${query.aggregation}${by}(${query.metric})`;
}

function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  return createDataFrame({
    name: query.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels },
    ],
  });
}

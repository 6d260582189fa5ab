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
  const responses: QueryDataResponse['responses'] = {};
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  for (const query of req.queries) {
    responses[query.refId] = parsed.ok ? await runQuery(parsed.settings, query, ctx) : queryError('validation', parsed.message);
  }
  return { responses };
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  // Without a key the upstream can only say no: say it ourselves, without a request.
  if (!settings.apiKey) return queryError('auth', 'No API key is configured. Add the metrics API key in the data source settings.');

  const params = new URLSearchParams({
    query: toPromQL(parsed.query),
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(Math.max(1, Math.round(query.intervalMs / 1000))),
  });
  const url = `${settings.baseUrl}/api/v1/query_range?${params}`;
  // Log what helps an operator (where, what), never the credentials.
  ctx.logger.debug('calling the metrics API', { refId: query.refId, url });

  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${settings.apiKey}` }, signal: ctx.signal });
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', 'The metrics API did not answer in time. Try a shorter time range.');
    return queryError('upstream', `Could not reach the metrics API at ${settings.baseUrl}. Check the base URL in the data source settings.`);
  }
  if (response.status === 401 || response.status === 403) {
    return queryError('auth', 'The metrics API rejected the API key. Check the key in the data source settings.');
  }
  if (response.status === 429) return queryError('rate_limit', 'The metrics API is rate limiting requests. Try again shortly.');
  if (!response.ok) return queryError('upstream', `The metrics API answered with HTTP ${response.status}.`);

  let series: MatrixSeries[];
  try {
    series = (await response.json()).data.result;
    if (!Array.isArray(series)) throw new Error('no result array');
  } catch {
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }
  ctx.logger.info('query done', { refId: query.refId, series: series.length });
  return { frames: series.map((s) => toFrame(parsed.query, s, query.refId)) };
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

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import {
  isAbortError,
  queryError,
  type DataQuery,
  type DataResponse,
  type HandlerContext,
  type QueryDataRequest,
  type QueryDataResponse,
} from '@lab/sdk';
import { parseQuery, type LifecycleQuery } from './query';

/** One series of a Prometheus `matrix` result: labels, then [unix seconds, "value"] pairs. */
interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/**
 * Grafana calls this once per panel refresh, with every query of that panel.
 * Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error)
 */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const responses: QueryDataResponse['responses'] = {};
  for (const query of req.queries) {
    responses[query.refId] = await runQuery(req, query, ctx);
  }
  return { responses };
}

async function runQuery(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  ctx.logger.debug('query model parsed', { refId: query.refId, metric: parsed.query.metric });

  const settings = req.pluginContext.dataSourceInstanceSettings;
  const params = new URLSearchParams({
    query: parsed.query.metric,
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(chooseStep(parsed.query, query)),
  });

  let response: Response;
  try {
    response = await fetch(`${settings.url}/api/v1/query_range?${params}`, {
      headers: { Authorization: `Bearer ${settings.decryptedSecureJsonData.apiKey ?? ''}` },
      signal: ctx.signal,
    });
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', 'The metrics API did not answer in time. Try a shorter time range.');
    return queryError('upstream', 'Could not reach the metrics API. Check the URL in the data source settings.');
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
  return { frames: series.map((s) => toFrame(parsed.query, s, query.refId)) };
}

/**
 * Seconds between points: the query model's step, else the panel's interval, and never
 * so small that the range holds more than maxDataPoints points (N points span N - 1 steps).
 */
export function chooseStep(model: LifecycleQuery, query: DataQuery): number {
  const wanted = model.step ?? Math.max(1, Math.round(query.intervalMs / 1000));
  const rangeSeconds = (query.timeRange.to - query.timeRange.from) / 1000;
  const fits = Math.ceil(rangeSeconds / Math.max(1, query.maxDataPoints - 1));
  return Math.max(wanted, fits, 1);
}

/** One series becomes one frame: [Time, Value], the labels on the value field. */
function toFrame(model: LifecycleQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  // displayNameFromDS, not displayName: displayName is the dashboard's own setting.
  const config = model.legend ? { displayNameFromDS: model.legend.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => labels[name] ?? '') } : {};
  return createDataFrame({
    name: model.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels, config },
    ],
  });
}

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
import { parseQuery, type MetricQuery } from './query';

/** One series of a Prometheus `matrix` result. */
interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
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

  const settings = req.pluginContext.dataSourceInstanceSettings;
  const params = new URLSearchParams({
    query: toPromQL(parsed.query),
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(Math.max(1, Math.round(query.intervalMs / 1000))),
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
    const why = response.status === 401 ? 'rejected the API key' : 'accepted the API key but does not let it read this data';
    return queryError('auth', `The metrics API ${why}. Check the key, and its permissions, in the data source settings.`);
  }
  if (response.status === 400) {
    // Prometheus says why it refused the query (too many points, a bad parameter): pass that on.
    const reason = await upstreamReason(response);
    return queryError('validation', `The metrics API refused the query: ${reason ?? 'it gave no reason'}. Change the query or the time range and try again.`);
  }
  if (response.status === 429) {
    const wait = response.headers.get('Retry-After') ?? 'a few';
    return queryError('rate_limit', `The metrics API is rate limiting requests. Try again in ${wait} seconds.`);
  }
  if (!response.ok) {
    return queryError('upstream', `The metrics API answered with HTTP ${response.status}.`);
  }

  let series: MatrixSeries[];
  try {
    const body = await response.json();
    series = body.data.result;
    if (!Array.isArray(series)) throw new Error('no result array');
  } catch {
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }

  ctx.logger.info('query done', { refId: query.refId, series: series.length });
  return { frames: series.map((s) => toFrame(parsed.query, s, query.refId)) };
}

/** The `error` sentence of a Prometheus error body, if the body has one; never throws. */
async function upstreamReason(response: Response): Promise<string | undefined> {
  try {
    const body = await response.json();
    return typeof body?.error === 'string' && body.error.trim() !== '' ? body.error.trim().slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

/** A sample value as Prometheus writes it: text, with the infinities spelled "+Inf" and "-Inf" (Number() reads both as NaN). */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** avg(cpu_usage_percent), or sum by (instance) (http_requests_per_second) when grouping. */
function toPromQL(query: MetricQuery): string {
  const by = query.groupBy.length > 0 ? ` by (${query.groupBy.join(', ')}) ` : '';
  return `${query.aggregation}${by}(${query.metric})`;
}

/** One series becomes one frame: [Time, Value], labels on the value field. Times come from the samples: series need not share them. */
function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  return createDataFrame({
    name: query.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => sampleValue(v)), labels },
    ],
  });
}

/**
 * QueryData for the metrics data source. Read-only in this lab: it is written against
 * parseQuery (query.ts) and readSettings (settings.ts), which are yours to finish.
 */
import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { parseQuery, type MetricQuery } from './query';
import { readSettings, type MetricsSettings } from './settings';

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const settings = readSettings(req.pluginContext.dataSourceInstanceSettings);
  const responses: QueryDataResponse['responses'] = {};
  for (const query of req.queries) {
    responses[query.refId] = settings.ok ? await runQuery(settings.settings, query, ctx) : queryError('validation', settings.message);
  }
  return { responses };
}

async function runQuery(settings: MetricsSettings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  if (parsed.unknownFields.length > 0) {
    ctx.logger.warn('ignored query fields this data source does not know', { refId: query.refId, fields: parsed.unknownFields.join(', ') });
  }

  const apiKey = settings.secure.apiKey;
  if (!apiKey) {
    return queryError('auth', 'No API key is configured. Add it under "API key" on the data source settings page; it is stored encrypted.');
  }

  const step = Math.max(settings.jsonData.minStepSeconds, Math.round(query.intervalMs / 1000));
  const params = new URLSearchParams({
    query: toPromQL(parsed.query),
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(step),
  });

  let response: Response;
  try {
    response = await fetch(`${settings.url}/api/v1/query_range?${params}`, { headers: { Authorization: `Bearer ${apiKey}` }, signal: ctx.signal });
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', 'The metrics API did not answer in time. Try a shorter time range.');
    return queryError('upstream', 'Could not reach the metrics API. Check the URL in the data source settings.');
  }
  if (response.status === 401 || response.status === 403) {
    return queryError('auth', 'The metrics API rejected the API key. Check the key on the data source settings page.');
  }
  if (response.status === 429) {
    return queryError('rate_limit', `The metrics API is rate limiting requests. Try again in ${response.headers.get('Retry-After') ?? 'a few'} seconds.`);
  }
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

/** avg(cpu_usage_percent), or sum by (instance) (http_requests_per_second) when grouping. */
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

/**
 * The backend of the sample "Lab Metrics" data source: Grafana calls queryData with
 * every query of a panel; each query goes to the metrics API and comes back as frames.
 * handler.go next to this file is the same handler written with the Go plugin SDK.
 */
import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { categorize } from './errors';
import { parseQuery, type MetricQuery } from './query';

/** One series of the metrics API's `matrix` result. */
interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

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
    query: `${parsed.query.aggregation}(${parsed.query.metric})`,
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

  if (!response.ok) {
    const failure = categorize(response.status, response.headers.get('Retry-After'));
    ctx.logger.warn('upstream refused the query', { refId: query.refId, status: response.status, category: failure.category });
    return queryError(failure.category, failure.message);
  }

  let series: MatrixSeries[];
  try {
    const body = await response.json();
    series = body.data.result;
    if (!Array.isArray(series)) throw new Error('no result array');
  } catch {
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }
  return { frames: series.map((s) => toFrame(parsed.query, s, query.refId)) };
}

/** One series becomes one frame: a time field and a value field carrying the labels. */
function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  return createDataFrame({
    name: query.legend || query.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels },
    ],
  });
}

import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
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

  const response = await fetch(`${settings.url}/api/v1/query_range?${params}`, {
    headers: { Authorization: `Bearer ${settings.decryptedSecureJsonData.apiKey ?? ''}` },
    signal: ctx.signal,
  });
  // TODO (task 5): map a rejected key, a 429, a 5xx and an unreadable body to
  // queryError(...) with the right category instead of throwing.
  if (!response.ok) throw new Error(`upstream answered ${response.status}`);

  const body = await response.json();
  const series: MatrixSeries[] = body.data.result;
  ctx.logger.info('query done', { refId: query.refId, series: series.length });
  return { frames: series.map((s) => toFrame(parsed.query, s, query.refId)) };
}

/**
 * The PromQL for a query.
 * TODO (task 3): apply the aggregation, and "by (...)" when groupBy is set:
 * avg(cpu_usage_percent), sum by (instance) (http_requests_per_second).
 */
function toPromQL(query: MetricQuery): string {
  return query.metric;
}

/** One series becomes one frame: [Time, Value], labels on the value field. */
function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  // TODO (task 4): declare the frame layout in meta.type.
  return createDataFrame({
    name: query.metric,
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => Number(v)), labels },
    ],
  });
}

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { rangeProblem, stepSeconds } from './limits';
import { parseQuery, type MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/**
 * Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error)
 * TODO (task 3): one failing query turns every query into the same error. Let each
 * query succeed or fail on its own.
 */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  const responses: QueryDataResponse['responses'] = {};
  if (!parsed.ok) {
    for (const query of req.queries) responses[query.refId] = queryError('validation', parsed.message);
    return { responses };
  }
  try {
    const answers = await Promise.all(req.queries.map((query) => runQuery(parsed.settings, query, ctx)));
    req.queries.forEach((query, i) => (responses[query.refId] = answers[i]));
  } catch {
    for (const query of req.queries) responses[query.refId] = queryError('upstream', 'The metrics API request failed.');
  }
  return { responses };
}

/** Throws when the upstream fails. */
async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const tooBig = rangeProblem(query);
  if (tooBig) return queryError('validation', tooBig);

  const params = new URLSearchParams({
    query: toPromQL(parsed.query),
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(stepSeconds(query)),
  });
  // TODO (task 1): this call waits as long as the upstream likes (up to the whole
  // request's time limit). Give it its own timeout of UPSTREAM_TIMEOUT_MS (see limits.ts)
  // and report a `timeout` error when it fires.
  const response = await fetch(`${settings.baseUrl}/api/v1/query_range?${params}`, {
    headers: { Authorization: `Bearer ${settings.apiKey ?? ''}` },
    signal: ctx.signal,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const series: MatrixSeries[] = (await response.json()).data.result;
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
      { name: 'Value', type: FieldType.number, values: series.values.map(([, v]) => sampleValue(v)), labels },
    ],
  });
}

/** Prometheus writes each sample as text, "+Inf", "-Inf" and "NaN" included; Number() alone reads "+Inf" as NaN. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

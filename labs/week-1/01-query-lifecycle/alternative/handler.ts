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
  // The queries of one panel are independent, so they can go upstream side by side.
  const answers = await Promise.all(req.queries.map(async (query) => [query.refId, await runQuery(req, query, ctx)] as const));
  return { responses: Object.fromEntries(answers) };
}

async function runQuery(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  ctx.logger.debug('query model parsed', { refId: query.refId, metric: parsed.query.metric });

  const settings = req.pluginContext.dataSourceInstanceSettings;
  // Sent as a form, as Grafana's Prometheus data source does by default: long queries
  // do not fit in a URL. Prometheus reads the step as a duration, so "30s" is fine.
  const body = new URLSearchParams({
    query: parsed.query.metric,
    start: new Date(query.timeRange.from).toISOString(),
    end: new Date(query.timeRange.to).toISOString(),
    step: `${chooseStep(parsed.query, query)}s`,
  });

  let response: Response;
  try {
    response = await fetch(`${settings.url}/api/v1/query_range`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${settings.decryptedSecureJsonData.apiKey ?? ''}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
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
  const fromPanel = Math.max(1, Math.ceil(query.intervalMs / 1000));
  const requested = model.step ?? fromPanel;
  // The smallest whole step that keeps the range within maxDataPoints points.
  const spanSeconds = (query.timeRange.to - query.timeRange.from) / 1000;
  const intervals = Math.max(1, query.maxDataPoints - 1);
  const smallest = Math.max(1, Math.ceil(spanSeconds / intervals));
  return requested < smallest ? smallest : requested;
}

/** `{{name}}` → that label's value (empty when the series lacks it), as Grafana's Prometheus data source does. */
function formatLegend(legend: string, labels: Record<string, string>): string {
  return legend
    .split(/(\{\{[^}]*\}\})/)
    .map((part) => (part.startsWith('{{') && part.endsWith('}}') ? labels[part.slice(2, -2).trim()] ?? '' : part))
    .join('');
}

/** One series becomes one frame: [Time, Value], the labels on the value field. */
function toFrame(model: LifecycleQuery, series: MatrixSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  const config: { displayNameFromDS?: string } = {};
  if (model.legend) config.displayNameFromDS = formatLegend(model.legend, labels);
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

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { stepSeconds, UPSTREAM_TIMEOUT_MS } from './limits';
import type { MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { validateQuery } from './validate';

export { registry } from './metrics';

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/**
 * The Week 2 data source, as the guardrails lab left it. Go: func (d *Datasource)
 * QueryData(ctx, req) (*backend.QueryDataResponse, error)
 * TODO (stage 3): time each query, count errors by class, time each upstream call, and
 * log one line per query with the request's correlation id (log.ts, trace.ts).
 */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  // In parallel, and each query settles on its own: one failure never hides the others' frames.
  const answers = await Promise.allSettled(
    req.queries.map((query) => (parsed.ok ? runQuery(parsed.settings, query, ctx) : Promise.resolve(queryError('validation', parsed.message)))),
  );
  const responses: QueryDataResponse['responses'] = {};
  req.queries.forEach((query, i) => {
    const answer = answers[i];
    if (answer.status === 'fulfilled') responses[query.refId] = answer.value;
    else {
      ctx.logger.error('query failed unexpectedly', { refId: query.refId, error: String(answer.reason) });
      responses[query.refId] = queryError('internal', 'The query failed unexpectedly. The data source logs have the details.');
    }
  });
  return { responses };
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  // Everything that can be refused is refused here, before any request goes out.
  const checked = validateQuery(query);
  if (!checked.ok) return queryError('validation', checked.message);
  if (!settings.apiKey) return queryError('auth', 'No API key is configured. Add it in the data source settings.');

  // TODO (stage 1): instant queries ask /api/v1/query at the range's end (`time`), not /api/v1/query_range.
  const params = new URLSearchParams({
    query: toPromQL(checked.query),
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(stepSeconds(query)),
  });
  let response: Response;
  try {
    // Our own bound on this call, and Grafana's cancellation, whichever comes first.
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]);
    response = await fetch(`${settings.baseUrl}/api/v1/query_range?${params}`, { headers: { Authorization: `Bearer ${settings.apiKey}` }, signal });
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', `The metrics API did not answer within ${UPSTREAM_TIMEOUT_MS} ms. Try a shorter range, or try again later.`);
    return queryError('upstream', 'Could not reach the metrics API. Check the base URL in the data source settings.');
  }
  if (response.status === 401 || response.status === 403) return queryError('auth', 'The metrics API rejected the API key. Check it in the data source settings.');
  if (response.status === 429) {
    return queryError('rate_limit', `The metrics API is rate limiting requests. Try again in ${response.headers.get('Retry-After') ?? 'a few'} seconds.`);
  }
  if (!response.ok) return queryError('upstream', `The metrics API answered with HTTP ${response.status}.`);

  let series: MatrixSeries[];
  try {
    series = (await response.json()).data.result;
    if (!Array.isArray(series)) throw new Error('no result array');
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', `The metrics API did not finish its answer within ${UPSTREAM_TIMEOUT_MS} ms.`);
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }
  return { frames: series.map((s) => toFrame(checked.query, s, query.refId)) };
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

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type Logger, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { QUERY_TIMEOUT_MS, runAs, stepSeconds, type RunAs } from './limits';
import { withFields } from './log';
import { queryDuration, queryErrors, upstreamDuration } from './metrics';
import type { MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { newSpanId, newTraceId, traceparent } from './trace';
import { validateQuery } from './validate';

export { registry } from './metrics';

interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  // One correlation id per request: every log line and every upstream call of it carries it.
  const traceId = newTraceId();
  const log = withFields(ctx.logger, { traceID: traceId, dsUID: instance.uid });
  const settings = parseSettings(instance);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      const started = Date.now();
      let answer: DataResponse;
      try {
        answer = settings.ok ? await runQuery(settings.settings, query, traceId, ctx) : queryError('validation', settings.message);
      } catch (err) {
        log.error('query failed unexpectedly', { refID: query.refId, error: String(err) });
        answer = queryError('internal', 'The query failed unexpectedly. The data source logs have the details.');
      }
      // Seconds, as Prometheus measures time; one observation per query, errors included.
      queryDuration.withLabelValues(runAs(query.queryType)).observe((Date.now() - started) / 1000);
      if (answer.error) queryErrors.withLabelValues(answer.error.category).inc();
      report(withFields(log, { refID: query.refId }), answer);
      responses[query.refId] = answer;
    }),
  );
  return { responses };
}

/** One line per query: its outcome, never its data. */
function report(log: Logger, answer: DataResponse) {
  if (answer.error) log.warn('query failed', { category: answer.error.category, error: answer.error.message });
  else log.info('query done', { frames: answer.frames?.length ?? 0 });
}

async function runQuery(settings: Settings, query: DataQuery, traceId: string, ctx: HandlerContext): Promise<DataResponse> {
  // Everything that can be refused is refused here, before any request goes out.
  const checked = validateQuery(query);
  if (!checked.ok) return queryError('validation', checked.message);
  if (!settings.apiKey) return queryError('auth', 'No API key is configured. Add it in the data source settings.');

  const kind = checked.runAs;
  const timeoutMs = QUERY_TIMEOUT_MS[kind];
  const params = new URLSearchParams({ query: toPromQL(checked.query) });
  if (kind === 'instant') params.set('time', String(query.timeRange.to / 1000));
  else {
    params.set('start', String(query.timeRange.from / 1000));
    params.set('end', String(query.timeRange.to / 1000));
    params.set('step', String(stepSeconds(query)));
  }
  const path = kind === 'instant' ? '/api/v1/query' : '/api/v1/query_range';
  // This query type's own bound, and Grafana's cancellation, whichever comes first.
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]);
  const headers = { Authorization: `Bearer ${settings.apiKey}`, traceparent: traceparent(traceId, newSpanId()) };
  const callStarted = Date.now();
  let response: Response;
  try {
    response = await fetch(`${settings.baseUrl}${path}?${params}`, { headers, signal });
  } catch (err) {
    upstreamDuration.withLabelValues().observe((Date.now() - callStarted) / 1000);
    if (isAbortError(err)) return timedOut(kind, timeoutMs);
    return queryError('upstream', 'Could not reach the metrics API. Check the base URL in the data source settings.');
  }
  upstreamDuration.withLabelValues().observe((Date.now() - callStarted) / 1000);
  if (response.status === 401 || response.status === 403) return queryError('auth', 'The metrics API rejected the API key. Check it in the data source settings.');
  if (response.status === 429) return queryError('rate_limit', `The metrics API is rate limiting requests. Try again in ${response.headers.get('Retry-After') ?? 'a few'} seconds.`);
  if (!response.ok) return queryError('upstream', `The metrics API answered with HTTP ${response.status}. Try again later.`);

  let series: PromSeries[];
  try {
    series = (await response.json()).data.result;
    if (!Array.isArray(series)) throw new Error('no result array');
  } catch (err) {
    if (isAbortError(err)) return timedOut(kind, timeoutMs);
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }
  return { frames: series.map((s) => toFrame(checked.query, s, query.refId)) };
}

function timedOut(kind: RunAs, timeoutMs: number): DataResponse {
  return queryError('timeout', `The metrics API did not answer this ${kind} query within ${timeoutMs / 1000} s. Try a shorter range, or try again later.`);
}

function toPromQL(query: MetricQuery): string {
  const by = query.groupBy.length > 0 ? ` by (${query.groupBy.join(', ')}) ` : '';
  return `${query.aggregation}${by}(${query.metric})`;
}

function toFrame(query: MetricQuery, series: PromSeries, refId: string): DataFrame {
  const { __name__, ...labels } = series.metric;
  const points = series.values ?? (series.value ? [series.value] : []);
  return createDataFrame({
    name: query.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: points.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: points.map(([, v]) => sampleValue(v)), labels },
    ],
  });
}

/** Prometheus writes each sample as text, "+Inf", "-Inf" and "NaN" included; Number() alone reads "+Inf" as NaN. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type Logger, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { stepSeconds, timeoutFor } from './limits';
import { withFields } from './log';
import { queryDuration, queryErrors, upstreamDuration } from './metrics';
import type { MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { newSpanId, newTraceId, traceparent } from './trace';
import { validateQuery } from './validate';

export { registry } from './metrics';

type Sample = [number, string];

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const traceId = newTraceId();
  const log = withFields(ctx.logger, { traceID: traceId, org: req.pluginContext.orgId });
  const settings = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  const entries = await Promise.all(
    req.queries.map(async (query): Promise<[string, DataResponse]> => {
      const t0 = Date.now();
      const answer = await answer1(settings, query, traceId, ctx, log);
      queryDuration.with({ query_type: query.queryType === 'instant' ? 'instant' : 'range' }).observe((Date.now() - t0) / 1000);
      if (answer.error) {
        queryErrors.with({ category: answer.error.category }).inc();
        log.error('query refused or failed', { refID: query.refId, category: answer.error.category });
      } else log.info('query answered', { refID: query.refId, frames: answer.frames?.length ?? 0 });
      return [query.refId, answer];
    }),
  );
  return { responses: Object.fromEntries(entries) };
}

async function answer1(settings: ReturnType<typeof parseSettings>, query: DataQuery, traceId: string, ctx: HandlerContext, log: Logger): Promise<DataResponse> {
  if (!settings.ok) return queryError('validation', settings.message);
  try {
    return await runQuery(settings.settings, query, traceId, ctx);
  } catch (err) {
    log.error('unexpected failure', { refID: query.refId, error: String(err) });
    return queryError('internal', 'The query failed unexpectedly. The data source logs have the details.');
  }
}

/** One call to the metrics API, timed whatever happens to it. */
async function call(url: string, init: RequestInit): Promise<Response> {
  const t0 = Date.now();
  try {
    return await fetch(url, init);
  } finally {
    upstreamDuration.with({}).observe((Date.now() - t0) / 1000);
  }
}

async function runQuery(settings: Settings, query: DataQuery, traceId: string, ctx: HandlerContext): Promise<DataResponse> {
  const checked = validateQuery(query);
  if (!checked.ok) return queryError('validation', checked.message);
  if (!settings.apiKey) return queryError('auth', 'No API key is configured. Add it in the data source settings.');

  const instant = query.queryType === 'instant';
  const budget = timeoutFor(query.queryType);
  const { from, to } = query.timeRange;
  const search = instant
    ? new URLSearchParams({ query: promql(checked.query), time: String(to / 1000) })
    : new URLSearchParams({ query: promql(checked.query), start: String(from / 1000), end: String(to / 1000), step: String(stepSeconds(query)) });
  const url = `${settings.baseUrl}/api/v1/${instant ? 'query' : 'query_range'}?${search}`;
  let response: Response;
  try {
    response = await call(url, {
      headers: { Authorization: `Bearer ${settings.apiKey}`, traceparent: traceparent(traceId, newSpanId()) },
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(budget)]),
    });
  } catch (err) {
    return isAbortError(err)
      ? queryError('timeout', `No answer from the metrics API within ${budget} ms for this ${instant ? 'instant' : 'range'} query. Try again, or narrow the range.`)
      : queryError('upstream', 'The metrics API could not be reached. Check the base URL in the data source settings.');
  }
  switch (true) {
    case response.status === 401 || response.status === 403:
      return queryError('auth', 'The metrics API refused the API key. Update it in the data source settings.');
    case response.status === 429:
      return queryError('rate_limit', 'The metrics API is limiting requests right now. Wait a little and refresh.');
    case !response.ok:
      return queryError('upstream', `The metrics API failed with HTTP ${response.status}. Try again later.`);
  }
  try {
    const body = await response.json();
    const result: Array<{ metric: Record<string, string>; values?: Sample[]; value?: Sample }> = body.data.result;
    return { frames: result.map((s) => frame(checked.query.metric, query.refId, s.metric, s.values ?? (s.value ? [s.value] : []))) };
  } catch {
    return queryError('upstream', 'The metrics API sent an answer that could not be read.');
  }
}

const promql = (q: MetricQuery) => `${q.aggregation}${q.groupBy.length ? ` by (${q.groupBy.join(', ')}) ` : ''}(${q.metric})`;

function frame(name: string, refId: string, metric: Record<string, string>, samples: Sample[]): DataFrame {
  const labels = Object.fromEntries(Object.entries(metric).filter(([k]) => k !== '__name__'));
  return createDataFrame({
    name,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: samples.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: samples.map(([, v]) => (v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v))) },
    ].map((f, i) => (i === 1 ? { ...f, labels } : f)),
  });
}

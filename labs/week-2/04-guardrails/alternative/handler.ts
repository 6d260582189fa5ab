import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { rangeProblem, stepSeconds, UPSTREAM_TIMEOUT_MS } from './limits';
import { parseQuery, type MetricQuery } from './query';
import { parseSettings, type Settings } from './settings';

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  // Every query starts at once; answerOne never rejects, so Promise.all cannot lose one.
  const answerOne = async (query: DataQuery): Promise<DataResponse> => {
    if (!parsed.ok) return queryError('validation', parsed.message);
    try {
      return await runQuery(parsed.settings, query, ctx);
    } catch (err) {
      ctx.logger.error('query failed unexpectedly', { refId: query.refId, error: String(err) });
      return queryError('internal', 'The query failed unexpectedly. The data source logs have the details.');
    }
  };
  const entries = await Promise.all(req.queries.map(async (query) => [query.refId, await answerOne(query)] as const));
  return { responses: Object.fromEntries(entries) };
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const rangeRefusal = rangeProblem(query);
  if (rangeRefusal !== undefined) return queryError('validation', rangeRefusal);
  if (settings.apiKey === undefined) return queryError('auth', 'No API key is configured. Add one in the data source settings.');

  const url = new URL(`${settings.baseUrl}/api/v1/query_range`);
  url.searchParams.set('query', toPromQL(parsed.query));
  url.searchParams.set('start', String(query.timeRange.from / 1000));
  url.searchParams.set('end', String(query.timeRange.to / 1000));
  url.searchParams.set('step', String(stepSeconds(query)));

  // One controller for this call: our timer and Grafana's cancellation both abort it.
  const controller = new AbortController();
  const cancel = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) cancel();
  else ctx.signal.addEventListener('abort', cancel, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${UPSTREAM_TIMEOUT_MS} ms.`, 'TimeoutError')), UPSTREAM_TIMEOUT_MS);
  let stage: 'request' | 'body' = 'request';
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${settings.apiKey}` }, signal: controller.signal });
    switch (true) {
      case response.status === 401 || response.status === 403:
        return queryError('auth', 'The metrics API refused the API key. Check it in the data source settings.');
      case response.status === 429: {
        // Said once, not retried: every panel retrying at once is what a rate limit asks us not to do.
        const wait = response.headers.get('Retry-After');
        return queryError('rate_limit', `The metrics API asked us to slow down. Try again${wait ? ` in ${wait} s` : ' shortly'}.`);
      }
      case !response.ok:
        return queryError('upstream', `The metrics API failed with HTTP ${response.status}.`);
    }
    stage = 'body';
    const body: { data?: { result?: unknown } } = await response.json();
    const result = body?.data?.result;
    if (!Array.isArray(result)) return queryError('upstream', 'The metrics API answered without a result list.');
    return { frames: (result as MatrixSeries[]).map((series) => toFrame(parsed.query, series, query.refId)) };
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', `The metrics API gave no complete answer within ${UPSTREAM_TIMEOUT_MS} ms. Try again, or ask for less data.`);
    return stage === 'request'
      ? queryError('upstream', 'The metrics API could not be reached. Check the base URL in the data source settings.')
      : queryError('upstream', 'The metrics API answer could not be read.');
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', cancel);
  }
}

function toPromQL({ aggregation, groupBy, metric }: MetricQuery): string {
  return groupBy.length === 0 ? `${aggregation}(${metric})` : `${aggregation} by (${groupBy.join(', ')}) (${metric})`;
}

const SPECIAL_SAMPLES: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity, NaN: NaN };

function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {
  const labels = { ...series.metric };
  delete labels.__name__;
  const times: number[] = [];
  const values: number[] = [];
  for (const [seconds, text] of series.values) {
    times.push(seconds * 1000);
    values.push(Object.hasOwn(SPECIAL_SAMPLES, text) ? SPECIAL_SAMPLES[text] : Number(text));
  }
  return createDataFrame({
    name: query.metric,
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values, labels },
    ],
  });
}

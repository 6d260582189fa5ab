import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type ErrorCategory, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { parseQuery, type MetricQuery } from './query';

// A second correct solution, written differently from solution/: queries run in
// parallel, failures are a table from status to category, step is rounded up, and the
// upstream's body is read once as text and parsed by hand.

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const answers = await Promise.all(req.queries.map(async (query) => [query.refId, await answer(req, query, ctx)] as const));
  return { responses: Object.fromEntries(answers) };
}

const FAILURES: Array<{ when: (status: number) => boolean; category: ErrorCategory; message: string }> = [
  { when: (s) => s === 401 || s === 403, category: 'auth', message: 'The metrics API did not accept the API key (HTTP {status}). Check the key and its access in the data source settings.' },
  { when: (s) => s === 429, category: 'rate_limit', message: 'The metrics API asks for fewer requests (HTTP 429). Wait a moment, then refresh.' },
  { when: (s) => s >= 500, category: 'upstream', message: 'The metrics API is not working right now (HTTP {status}). Try again later.' },
];

async function answer(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);

  const { url, decryptedSecureJsonData } = req.pluginContext.dataSourceInstanceSettings;
  const search = new URLSearchParams();
  search.set('query', promQL(parsed.query));
  search.set('start', (query.timeRange.from / 1000).toString());
  search.set('end', (query.timeRange.to / 1000).toString());
  search.set('step', Math.max(1, Math.ceil(query.intervalMs / 1000)).toString());

  let status: number;
  let text: string;
  try {
    const response = await fetch(`${url}/api/v1/query_range?${search.toString()}`, {
      headers: { Authorization: `Bearer ${decryptedSecureJsonData.apiKey ?? ''}` },
      signal: ctx.signal,
    });
    status = response.status;
    text = await response.text();
  } catch (err) {
    return isAbortError(err) ? queryError('timeout', 'The metrics API took too long to answer.') : queryError('upstream', 'The metrics API could not be reached. Check its URL in the settings.');
  }

  const failure = FAILURES.find((f) => f.when(status));
  if (failure) return queryError(failure.category, failure.message.replace('{status}', String(status)));

  let body: { data?: { result?: unknown }; error?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 400) {
    const said = typeof body?.error === 'string' ? ` It said: ${body.error}` : '';
    return queryError(status === 400 ? 'validation' : 'upstream', `The metrics API turned the query down (HTTP ${status}).${said}`);
  }
  const result = body?.data?.result;
  if (!Array.isArray(result)) return queryError('upstream', 'The metrics API answered with something that is not a query result.');

  ctx.logger.info('series received', { refId: query.refId, count: result.length });
  return { frames: (result as MatrixSeries[]).map((s) => frameOf(parsed.query.metric, s, query.refId)) };
}

function promQL({ aggregation, metric, groupBy }: MetricQuery): string {
  return groupBy.length === 0 ? `${aggregation}(${metric})` : `${aggregation} by (${groupBy.join(',')}) (${metric})`;
}

const SPECIAL: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity };

function frameOf(metric: string, series: MatrixSeries, refId: string): DataFrame {
  const labels = Object.fromEntries(Object.entries(series.metric).filter(([name]) => name !== '__name__'));
  return createDataFrame({
    refId,
    name: metric,
    meta: { type: DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: series.values.map((sample) => sample[0] * 1000) },
      { name: 'Value', type: FieldType.number, labels, values: series.values.map((sample) => SPECIAL[sample[1]] ?? parseFloat(sample[1])) },
    ],
  });
}

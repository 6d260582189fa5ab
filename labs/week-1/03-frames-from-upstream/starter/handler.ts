import type { DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { longToWide, toLongFrame, toMultiFrames } from './frames';
import type { MatrixSeries } from './metrics';
import { parseQuery, type FrameQuery } from './query';

/**
 * QueryData: asks the upstream for every series of the metric, then builds frames in
 * the format the query asks for. The frame building lives in frames.ts: that is where
 * this lab's work is.
 */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const responses: QueryDataResponse['responses'] = {};
  for (const query of req.queries) responses[query.refId] = await runQuery(req, query, ctx);
  return { responses };
}

async function runQuery(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);

  const fetched = await fetchSeries(req, query, parsed.query, ctx);
  if (!('series' in fetched)) return fetched; // an error response
  ctx.logger.info('building frames', { refId: query.refId, format: parsed.query.format, series: fetched.series.length });
  return { frames: buildFrames(parsed.query, fetched.series, query.refId) };
}

function buildFrames(query: FrameQuery, series: MatrixSeries[], refId: string): DataFrame[] {
  switch (query.format) {
    case 'multi':
      return toMultiFrames(query.metric, series, refId);
    case 'long':
      return [toLongFrame(query.metric, series, refId)];
    case 'wide':
      // The same data as the long frame, converted: what SQL data sources do with tables.
      return [longToWide(toLongFrame(query.metric, series, refId))];
  }
}

/** GET /api/v1/query_range for every series of the metric, over the query's time range. */
async function fetchSeries(req: QueryDataRequest, query: DataQuery, model: FrameQuery, ctx: HandlerContext): Promise<{ series: MatrixSeries[] } | DataResponse> {
  const settings = req.pluginContext.dataSourceInstanceSettings;
  const params = new URLSearchParams({
    query: model.metric,
    start: String(query.timeRange.from / 1000),
    end: String(query.timeRange.to / 1000),
    step: String(Math.max(1, Math.round(query.intervalMs / 1000))),
  });
  try {
    const response = await fetch(`${settings.url}/api/v1/query_range?${params}`, {
      headers: { Authorization: `Bearer ${settings.decryptedSecureJsonData.apiKey ?? ''}` },
      signal: ctx.signal,
    });
    if (response.status === 401 || response.status === 403) return queryError('auth', 'The metrics API rejected the API key. Check it in the data source settings.');
    if (response.status === 429) return queryError('rate_limit', 'The metrics API is rate limiting requests. Try again shortly.');
    if (!response.ok) return queryError('upstream', `The metrics API answered with HTTP ${response.status}.`);
    const body = await response.json();
    if (!Array.isArray(body?.data?.result)) return queryError('upstream', 'The metrics API sent a response without a result list.');
    return { series: body.data.result as MatrixSeries[] };
  } catch (err) {
    if (isAbortError(err)) return queryError('timeout', 'The metrics API did not answer in time.');
    return queryError('upstream', 'The metrics API sent a response that could not be read.');
  }
}

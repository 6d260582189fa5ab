import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { cacheKey, QueryCache } from './cache';
import { CallLimiter } from './limiter';
import { requests } from './metrics';
import { parseQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { callUpstream, failureToError, stepSeconds } from './upstream';

export { registry } from './metrics';

/** How long one upstream call may take, ms. */
const CALL_TIMEOUT_MS = 3_000;

/** One cache and one limiter for the whole plugin process, shared by every request. */
const cache = new QueryCache();
const limiter = new CallLimiter();

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const parsed = parseSettings(instance);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      // TODO (task 2): this counts queries, not requests.
      requests.withLabelValues('queryData').inc();
      responses[query.refId] = parsed.ok ? await runQuery(parsed.settings, instance.uid, query, ctx) : queryError('validation', parsed.message);
    }),
  );
  return { responses };
}

async function runQuery(settings: Settings, uid: string, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);

  // Grafana sends an empty queryType when the editor sets none: it runs as a range query.
  const queryType = query.queryType === 'instant' ? 'instant' : 'range';
  const step = stepSeconds(query, query.timeRange);
  const key = cacheKey(uid, parsed.query, queryType, step, query.timeRange);
  const hit = cache.get(key, Date.now());
  if (hit) return hit;

  const release = await limiter.acquire(uid, ctx.signal);
  if (!release) return queryError('timeout', 'The request ran out of time while waiting its turn to call the metrics API. Open fewer panels at once, or try again.');
  let answer: DataResponse;
  try {
    const result = await callUpstream({ settings, refId: query.refId, query: parsed.query, queryType, range: query.timeRange, stepSeconds: step }, ctx.signal, CALL_TIMEOUT_MS);
    answer = result.ok ? { frames: result.frames } : failureToError(result.failure);
  } finally {
    release();
  }
  cache.set(key, answer, Date.now());
  return answer;
}

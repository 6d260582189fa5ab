import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { cacheKey, QueryCache } from './cache';
import { CallLimiter } from './limiter';
import { cacheRequests, queries, queryErrors, requestDuration, requests, secondsSince, upstreamDuration } from './metrics';
import { parseQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { callUpstream, failureToError, stepSeconds, type UpstreamQuery, type UpstreamResult } from './upstream';

export { registry } from './metrics';

const CALL_TIMEOUT_MS = 3_000;
const ENDPOINT = { endpoint: 'queryData' };

const cache = new QueryCache();
const limiter = new CallLimiter();

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const start = Date.now();
  requests.with(ENDPOINT).inc();
  try {
    return await serve(req, ctx);
  } finally {
    requestDuration.with(ENDPOINT).observe(secondsSince(start));
  }
}

async function serve(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const settings = parseSettings(instance);
  const answers = await Promise.all(
    req.queries.map((query) => {
      const queryType = query.queryType === 'instant' ? 'instant' : 'range';
      queries.with({ query_type: queryType }).inc();
      return settings.ok ? runQuery(settings.settings, instance.uid, query, queryType, ctx) : queryError('validation', settings.message);
    }),
  );
  const responses: QueryDataResponse['responses'] = {};
  answers.forEach((answer, i) => {
    if (answer.error) queryErrors.with({ category: answer.error.category }).inc();
    responses[req.queries[i].refId] = answer;
  });
  return { responses };
}

async function runQuery(settings: Settings, uid: string, query: DataQuery, queryType: string, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const step = stepSeconds(query, query.timeRange);
  const key = cacheKey(uid, parsed.query, queryType, step, query.timeRange);
  const cached = cache.get(key, Date.now());
  if (cached) {
    cacheRequests.with({ result: 'hit' }).inc();
    return cached;
  }
  cacheRequests.with({ result: 'miss' }).inc();

  const release = await limiter.acquire(uid, ctx.signal);
  if (!release) return queryError('timeout', 'The request ran out of time while waiting its turn to call the metrics API. Open fewer panels at once, or try again.');
  const result = await timedCall({ settings, refId: query.refId, query: parsed.query, queryType, range: query.timeRange, stepSeconds: step }, ctx.signal).finally(release);
  const answer = result.ok ? { frames: result.frames } : failureToError(result.failure);
  cache.set(key, answer, Date.now());
  return answer;
}

/** One upstream call, timed from the moment it starts to the moment it returns. */
async function timedCall(call: UpstreamQuery, signal: AbortSignal): Promise<UpstreamResult> {
  const start = Date.now();
  const result = await callUpstream(call, signal, CALL_TIMEOUT_MS);
  const neverSent = !result.ok && 'sent' in result.failure && result.failure.sent === false;
  if (!neverSent) upstreamDuration.with({}).observe(secondsSince(start));
  return result;
}

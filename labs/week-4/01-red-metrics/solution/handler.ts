import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { cacheKey, QueryCache } from './cache';
import { CallLimiter } from './limiter';
import { cacheRequests, queries, queryErrors, requestDuration, requests, upstreamDuration } from './metrics';
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
  const started = Date.now();
  requests.withLabelValues('queryData').inc();
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const parsed = parseSettings(instance);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      const queryType = query.queryType === 'instant' ? 'instant' : 'range';
      queries.withLabelValues(queryType).inc();
      const answer = parsed.ok ? await runQuery(parsed.settings, instance.uid, query, queryType, ctx) : queryError('validation', parsed.message);
      if (answer.error) queryErrors.withLabelValues(answer.error.category).inc();
      responses[query.refId] = answer;
    }),
  );
  // Seconds, as Prometheus measures time: the buckets are in seconds too.
  requestDuration.withLabelValues('queryData').observe((Date.now() - started) / 1000);
  return { responses };
}

async function runQuery(settings: Settings, uid: string, query: DataQuery, queryType: string, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);

  const step = stepSeconds(query, query.timeRange);
  const key = cacheKey(uid, parsed.query, queryType, step, query.timeRange);
  const hit = cache.get(key, Date.now());
  cacheRequests.withLabelValues(hit ? 'hit' : 'miss').inc();
  if (hit) return hit;

  const release = await limiter.acquire(uid, ctx.signal);
  if (!release) return queryError('timeout', 'The request ran out of time while waiting its turn to call the metrics API. Open fewer panels at once, or try again.');
  let answer: DataResponse;
  try {
    // The timer starts once the slot is ours: waiting in the queue is not the upstream's time.
    const callStarted = Date.now();
    const result = await callUpstream({ settings, refId: query.refId, query: parsed.query, queryType, range: query.timeRange, stepSeconds: step }, ctx.signal, CALL_TIMEOUT_MS);
    // A call that never went out (the request was already over) took no upstream time.
    if (result.ok || !('sent' in result.failure && result.failure.sent === false)) upstreamDuration.withLabelValues().observe((Date.now() - callStarted) / 1000);
    answer = result.ok ? { frames: result.frames } : failureToError(result.failure);
  } finally {
    release();
  }
  cache.set(key, answer, Date.now());
  return answer;
}

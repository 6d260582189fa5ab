import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { CircuitBreaker } from './breaker';
import { bucketRange, cacheKey, isNowRange, QueryCache } from './cache';
import { cacheRequests, codeOf, upstreamRequests } from './metrics';
import { CALL_TIMEOUT_MS } from './policy';
import { parseQuery } from './query';
import { withRetries } from './retry';
import { parseSettings } from './settings';
import { callUpstream, failureToError, stepSeconds, type UpstreamQuery, type UpstreamResult } from './upstream';

export { registry } from './metrics';

const cache = new QueryCache();
const breakers: Record<string, CircuitBreaker> = Object.create(null);
/** Misses being fetched right now: a second identical miss waits for the first instead of calling again. */
const inFlight = new Map<string, Promise<DataResponse>>();

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const settings = parseSettings(instance);
  const breaker = (breakers[instance.uid] ??= new CircuitBreaker());
  const answers = await Promise.all(
    req.queries.map((query) => {
      if (!settings.ok) return queryError('validation', settings.message);
      const parsed = parseQuery(query.json);
      if (!parsed.ok) return queryError('validation', parsed.message);
      const fresh = isNowRange(query.timeRange);
      const range = fresh ? query.timeRange : bucketRange(query.timeRange);
      const call: UpstreamQuery = { settings: settings.settings, refId: query.refId, query: parsed.query, queryType: query.queryType, range, stepSeconds: stepSeconds(query, range) };
      const fetchIt = () => fetchAnswer(call, breaker, ctx);
      if (fresh) {
        cacheRequests.with({ result: 'bypass' }).inc();
        return fetchIt();
      }
      return cached(cacheKey(instance.uid, call.query, call.queryType, call.stepSeconds, range), fetchIt);
    }),
  );
  return { responses: Object.fromEntries(req.queries.map((q: DataQuery, i) => [q.refId, answers[i]])) };
}

async function cached(key: string, fetchIt: () => Promise<DataResponse>): Promise<DataResponse> {
  const hit = cache.get(key) ?? (await inFlight.get(key));
  if (hit && !hit.error) {
    cacheRequests.with({ result: 'hit' }).inc();
    return hit;
  }
  cacheRequests.with({ result: 'miss' }).inc();
  const pending = fetchIt();
  inFlight.set(key, pending);
  try {
    const answer = await pending;
    if (!answer.error) cache.set(key, answer);
    return answer;
  } finally {
    inFlight.delete(key);
  }
}

async function fetchAnswer(call: UpstreamQuery, breaker: CircuitBreaker, ctx: HandlerContext): Promise<DataResponse> {
  const counted = async (): Promise<UpstreamResult> => {
    const result = await callUpstream(call, ctx.signal, CALL_TIMEOUT_MS);
    const code = codeOf(result);
    if (code) upstreamRequests.with({ code }).inc();
    return result;
  };
  const result = await withRetries(counted, { breaker, signal: ctx.signal, deadline: ctx.deadline });
  return result.ok ? { frames: result.frames } : failureToError(result.failure);
}

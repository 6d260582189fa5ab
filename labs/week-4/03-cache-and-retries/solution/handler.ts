import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { CircuitBreaker } from './breaker';
import { bucketRange, cacheKey, isNowRange, QueryCache } from './cache';
import { cacheRequests } from './metrics';
import { CALL_TIMEOUT_MS } from './policy';
import { parseQuery } from './query';
import { withRetries } from './retry';
import { parseSettings, type Settings } from './settings';
import { callUpstream, failureToError, stepSeconds } from './upstream';

export { registry } from './metrics';

/** One cache for the whole plugin process: every tenant and instance share it, and the key keeps them apart. */
const cache = new QueryCache();
/** One breaker per data source instance: one tenant's failing upstream must not stop another's queries. */
const breakers = new Map<string, CircuitBreaker>();

function breakerFor(uid: string): CircuitBreaker {
  let breaker = breakers.get(uid);
  if (!breaker) breakers.set(uid, (breaker = new CircuitBreaker()));
  return breaker;
}

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const parsed = parseSettings(instance);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      responses[query.refId] = parsed.ok ? await runQuery(parsed.settings, instance.uid, query, ctx) : queryError('validation', parsed.message);
    }),
  );
  return { responses };
}

async function runQuery(settings: Settings, uid: string, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);

  // A "now" range is asked as it is and never cached; any other is rounded to its time bucket and looked up.
  const now = Date.now();
  const fresh = isNowRange(query.timeRange, now);
  const range = fresh ? query.timeRange : bucketRange(query.timeRange);
  const step = stepSeconds(query, range);
  const key = fresh ? undefined : cacheKey(uid, parsed.query, query.queryType, step, range);
  if (key !== undefined) {
    const hit = cache.get(key, now);
    cacheRequests.withLabelValues(hit ? 'hit' : 'miss').inc();
    if (hit) return hit;
  } else cacheRequests.withLabelValues('bypass').inc();

  const call = { settings, refId: query.refId, query: parsed.query, queryType: query.queryType, range, stepSeconds: step };
  const result = await withRetries(() => callUpstream(call, ctx.signal, CALL_TIMEOUT_MS), { breaker: breakerFor(uid), signal: ctx.signal, deadline: ctx.deadline });
  if (!result.ok) return failureToError(result.failure); // errors are never cached
  const answer: DataResponse = { frames: result.frames };
  if (key !== undefined) cache.set(key, answer);
  return answer;
}

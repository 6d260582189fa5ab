import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { CircuitBreaker } from './breaker';
import { bucketRange, cacheKey, isNowRange, QueryCache } from './cache';
import { CALL_TIMEOUT_MS } from './policy';
import { parseQuery } from './query';
import { withRetries } from './retry';
import { parseSettings, type Settings } from './settings';
import { callUpstream, failureToError, stepSeconds } from './upstream';

export { registry } from './metrics';

/** One cache for the whole plugin process, shared by every request. */
const cache = new QueryCache();
/** TODO (task 4): one breaker for every instance: one tenant's failing upstream would stop everyone's queries. */
const breaker = new CircuitBreaker();

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

  const now = Date.now();
  const fresh = isNowRange(query.timeRange, now);
  const range = fresh ? query.timeRange : bucketRange(query.timeRange);
  const step = stepSeconds(query, range);
  // TODO (task 2): a "now" range must never be looked up or stored.
  const key = cacheKey(uid, parsed.query, query.queryType, step, range);
  const hit = cache.get(key, now);
  // TODO (task 5): count each lookup in cacheRequests (metrics.ts): hit, miss or bypass.
  if (hit) return hit;

  const call = { settings, refId: query.refId, query: parsed.query, queryType: query.queryType, range, stepSeconds: step };
  const result = await withRetries(() => callUpstream(call, ctx.signal, CALL_TIMEOUT_MS), { breaker, signal: ctx.signal, deadline: ctx.deadline });
  const answer = result.ok ? { frames: result.frames } : failureToError(result.failure);
  // TODO (task 2): an error is stored like any answer, so the next load gets it without asking again.
  cache.set(key, answer);
  return answer;
}

import { queryError, type DataQuery, type DataResponse, type HandlerContext, type Logger, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { withFields } from './log';
import { parseQuery } from './query';
import { parseSettings } from './settings';
import { newSpanId, newTraceId, traceparent } from './trace';
import { callUpstream, failureToError, stepSeconds } from './upstream';

/** What every part of one request shares: its trace, its logger and its cancellation. */
interface RequestScope {
  traceId: string;
  log: Logger;
  signal: AbortSignal;
}

export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const { uid } = req.pluginContext.dataSourceInstanceSettings;
  const traceId = newTraceId();
  const scope: RequestScope = { traceId, signal: ctx.signal, log: withFields(ctx.logger, { dsUID: uid, orgID: req.pluginContext.orgId, traceID: traceId }) };
  const settings = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  const entries = await Promise.all(
    req.queries.map(async (query): Promise<[string, DataResponse]> => {
      const response = settings.ok ? await answer(scope, settings.settings, query) : queryError('validation', settings.message);
      const log = withFields(scope.log, { refID: query.refId });
      if (response.error) log.error('query failed', { category: response.error.category, error: response.error.message });
      else log.info('query answered', { frames: response.frames?.length ?? 0 });
      return [query.refId, response];
    }),
  );
  return { responses: Object.fromEntries(entries) };
}

async function answer(scope: RequestScope, settings: Parameters<typeof callUpstream>[0]['settings'], query: DataQuery): Promise<DataResponse> {
  const model = parseQuery(query.json);
  if (!model.ok) return queryError('validation', model.message);
  const result = await callUpstream(
    { settings, refId: query.refId, query: model.query, queryType: query.queryType, range: query.timeRange, stepSeconds: stepSeconds(query, query.timeRange) },
    scope.signal,
    { traceparent: traceparent(scope.traceId, newSpanId()) },
  );
  if (!result.ok) return failureToError(result.failure);
  return { frames: result.frames };
}

import { queryError, type DataQuery, type DataResponse, type HandlerContext, type Logger, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { withFields } from './log';
import { parseQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { newSpanId, newTraceId, traceparent } from './trace';
import { callUpstream, failureToError, stepSeconds } from './upstream';

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  // One trace per QueryData request: every line and every upstream call of it carries this id.
  const traceId = newTraceId();
  const log = withFields(ctx.logger, { traceID: traceId, dsUID: instance.uid, orgID: req.pluginContext.orgId });
  const parsed = parseSettings(instance);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      const queryLog = withFields(log, { refID: query.refId });
      const answer = parsed.ok ? await runQuery(parsed.settings, query, traceId, ctx) : queryError('validation', parsed.message);
      report(queryLog, answer);
      responses[query.refId] = answer;
    }),
  );
  return { responses };
}

/** One line per query, whatever its size: its outcome, never its data. */
function report(log: Logger, answer: DataResponse) {
  if (answer.error) {
    log.error('query failed', { category: answer.error.category, status: answer.error.status ?? null, error: answer.error.message });
    return;
  }
  const frames = answer.frames ?? [];
  log.info('query done', { frames: frames.length, rows: frames.reduce((n, f) => n + f.length, 0) });
}

async function runQuery(settings: Settings, query: DataQuery, traceId: string, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const range = query.timeRange;
  const call = { settings, refId: query.refId, query: parsed.query, queryType: query.queryType, range, stepSeconds: stepSeconds(query, range) };
  // Each call is a span of its own in the request's trace.
  const result = await callUpstream(call, ctx.signal, { traceparent: traceparent(traceId, newSpanId()) });
  return result.ok ? { frames: result.frames } : failureToError(result.failure);
}

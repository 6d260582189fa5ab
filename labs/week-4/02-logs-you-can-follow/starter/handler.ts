import { queryError, type DataQuery, type DataResponse, type HandlerContext, type QueryDataRequest, type QueryDataResponse } from '@lab/sdk';
import { parseQuery } from './query';
import { parseSettings, type Settings } from './settings';
import { callUpstream, failureToError, stepSeconds } from './upstream';

/** Go: func (d *Datasource) QueryData(ctx, req) (*backend.QueryDataResponse, error) */
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const instance = req.pluginContext.dataSourceInstanceSettings;
  const parsed = parseSettings(instance);
  // TODO (task 1): one string with everything in it, the key included.
  console.log(`QueryData for ${instance.uid} (org ${req.pluginContext.orgId}) with key ${instance.decryptedSecureJsonData.apiKey}, ${req.queries.length} queries`);
  const responses: QueryDataResponse['responses'] = {};
  await Promise.all(
    req.queries.map(async (query) => {
      responses[query.refId] = parsed.ok ? await runQuery(parsed.settings, query, ctx) : queryError('validation', parsed.message);
    }),
  );
  return { responses };
}

async function runQuery(settings: Settings, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {
  const parsed = parseQuery(query.json);
  if (!parsed.ok) return queryError('validation', parsed.message);
  const range = query.timeRange;
  const call = { settings, refId: query.refId, query: parsed.query, queryType: query.queryType, range, stepSeconds: stepSeconds(query, range) };
  // TODO (task 3): no traceparent goes upstream.
  const result = await callUpstream(call, ctx.signal);
  if (!result.ok) {
    // TODO (task 4): the whole exchange, headers included, goes into the log.
    ctx.logger.error(`query ${query.refId} failed: ${result.failure.dump}`);
    return failureToError(result.failure);
  }
  // TODO (task 5): one line per data point.
  for (const frame of result.frames) {
    const [time, value] = frame.fields;
    for (let i = 0; i < frame.length; i++) ctx.logger.debug(`${query.refId} ${frame.name} ${time.values[i]} = ${value.values[i]}`);
  }
  return { frames: result.frames };
}

import { isAbortError, type CheckHealthRequest, type CheckHealthResult, type HandlerContext } from '@lab/sdk';
import { parseSettings } from './settings';

/** How long each probe may take. Save & test should answer in a second or two, not hang. */
export const PROBE_TIMEOUT_MS = 800;

type Probe = { ok: true; response: Response } | { ok: false; problem: string };

/** One bounded GET: its own timeout, and Grafana's cancellation too. */
async function probe(url: string, headers: Record<string, string>, ctx: HandlerContext): Promise<Probe> {
  try {
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]);
    return { ok: true, response: await fetch(url, { headers, signal }) };
  } catch (err) {
    if (isAbortError(err)) return { ok: false, problem: `did not answer within ${PROBE_TIMEOUT_MS} ms` };
    return { ok: false, problem: 'could not be reached' };
  }
}

const error = (message: string): CheckHealthResult => ({ status: 'ERROR', message });

/** Go: func (d *Datasource) CheckHealth(ctx, req) (*backend.CheckHealthResult, error) */
export async function checkHealth(req: CheckHealthRequest, ctx: HandlerContext): Promise<CheckHealthResult> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  if (!parsed.ok) return error(parsed.message);
  const { baseUrl, apiKey } = parsed.settings;
  if (!apiKey) return error('No API key is configured. Add the metrics API key in the data source settings, then Save & test again.');

  // 1. Is the server there? The liveness endpoint needs no key and costs nothing.
  const live = await probe(`${baseUrl}/-/healthy`, {}, ctx);
  if (!live.ok) return error(`The metrics API at ${baseUrl} ${live.problem}. Check the base URL and that the server is running.`);
  if (!live.response.ok) {
    return error(`The metrics API at ${baseUrl} is not healthy (HTTP ${live.response.status}). It may be restarting or overloaded; try again in a minute.`);
  }

  // 2. Does it accept the key? buildinfo is authenticated and as cheap as an API call gets.
  const build = await probe(`${baseUrl}/api/v1/status/buildinfo`, { Authorization: `Bearer ${apiKey}` }, ctx);
  if (!build.ok) return error(`The metrics API at ${baseUrl} ${build.problem} when asked for its version. Check the server's load and try again.`);
  if (build.response.status === 401 || build.response.status === 403) {
    return error(`The metrics API at ${baseUrl} is up, but it rejected the API key. Enter a valid key in the data source settings.`);
  }
  if (!build.response.ok) return error(`The metrics API at ${baseUrl} answered HTTP ${build.response.status} when asked for its version.`);

  let version = 'unknown version';
  try {
    const info = await fetch(`${baseUrl}/api/v1/status/buildinfo`, { headers: { Authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    version = `Prometheus ${(await info.json()).data.version}`;
  } catch {
    // The key worked; an odd body is not a reason to fail Save & test.
  }
  ctx.logger.info('health check passed', { baseUrl, version });
  return { status: 'OK', message: `Connected to the metrics API at ${baseUrl} (${version}). The API key is accepted.` };
}

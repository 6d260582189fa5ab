import type { CheckHealthRequest, CheckHealthResult, HandlerContext } from '@lab/sdk';
import { parseSettings } from './settings';

/**
 * Go: func (d *Datasource) CheckHealth(ctx, req) (*backend.CheckHealthResult, error)
 *
 * This first version "tests everything" by running a real query over the last hour.
 * TODO (task 2): test reachability and the key with cheap endpoints instead
 *   (see the Upstream tab's list: /-/healthy, /api/v1/status/buildinfo).
 * TODO (task 3): bound each call with its own timeout, and say what to fix for each
 *   way it can fail: no answer, unhealthy server, rejected key.
 */
export async function checkHealth(req: CheckHealthRequest, ctx: HandlerContext): Promise<CheckHealthResult> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  if (!parsed.ok) return { status: 'ERROR', message: parsed.message };
  const { baseUrl, apiKey } = parsed.settings;

  const end = Math.floor(Date.now() / 1000);
  const params = new URLSearchParams({ query: 'cpu_usage_percent', start: String(end - 3600), end: String(end), step: '15' });
  try {
    const response = await fetch(`${baseUrl}/api/v1/query_range?${params}`, {
      headers: { Authorization: `Bearer ${apiKey ?? ''}` },
      signal: ctx.signal,
    });
    if (!response.ok) return { status: 'ERROR', message: 'Health check failed.' };
  } catch {
    return { status: 'ERROR', message: 'Health check failed.' };
  }
  return { status: 'OK', message: 'Data source is working' };
}

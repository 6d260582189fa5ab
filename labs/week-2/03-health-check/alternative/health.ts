import type { CheckHealthRequest, CheckHealthResult, HandlerContext } from '@lab/sdk';
import { parseSettings } from './settings';

/** How long Save & test waits for the metrics API before it says so. */
const WAIT_MS = 1200;

type Outcome = { kind: 'answered'; status: number; body: string } | { kind: 'timed-out' } | { kind: 'unreachable'; reason: string };

/**
 * GET with a deadline of our own. A timer aborts a controller that also follows
 * Grafana's cancellation, so whichever comes first ends the call.
 */
async function getWithDeadline(url: string, apiKey: string, ctx: HandlerContext): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, WAIT_MS);
  const onCancel = () => controller.abort();
  ctx.signal.addEventListener('abort', onCancel, { once: true });
  try {
    const response = await fetch(url, { headers: { authorization: `bearer ${apiKey}` }, signal: controller.signal });
    return { kind: 'answered', status: response.status, body: await response.text() };
  } catch (err) {
    return timedOut ? { kind: 'timed-out' } : { kind: 'unreachable', reason: err instanceof Error ? err.name : 'error' };
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onCancel);
  }
}

/**
 * Go: func (d *Datasource) CheckHealth(ctx, req) (*backend.CheckHealthResult, error)
 *
 * One authenticated call answers both questions: a 5xx or no answer means the server,
 * a 401/403 means the key. /api/v1/status/buildinfo runs no query, so it stays cheap.
 */
export async function checkHealth(req: CheckHealthRequest, ctx: HandlerContext): Promise<CheckHealthResult> {
  const parsed = parseSettings(req.pluginContext.dataSourceInstanceSettings);
  if (!parsed.ok) return { status: 'ERROR', message: parsed.message };
  const { baseUrl, apiKey } = parsed.settings;
  if (apiKey === undefined) return { status: 'ERROR', message: 'Enter the API key in the secure settings: without it the metrics API refuses every request.' };

  const url = `${baseUrl}/api/v1/status/buildinfo`;
  const outcome = await getWithDeadline(url, apiKey, ctx);
  ctx.logger.info('health probe', { url, outcome: outcome.kind, status: outcome.kind === 'answered' ? outcome.status : null });

  switch (outcome.kind) {
    case 'timed-out':
      return { status: 'ERROR', message: `No response from ${url} after ${WAIT_MS / 1000} s. The server may be overloaded, or a firewall drops the connection.` };
    case 'unreachable':
      return { status: 'ERROR', message: `Cannot connect to ${url}. Is the base URL right?` };
  }
  if (outcome.status === 401 || outcome.status === 403) {
    return { status: 'ERROR', message: `${baseUrl} refused the credentials (HTTP ${outcome.status}). Paste a current API key into the data source's secure settings.` };
  }
  if (outcome.status >= 500) return { status: 'ERROR', message: `${url} returned ${outcome.status}: the metrics server is having trouble. Retry later.` };
  if (outcome.status !== 200) return { status: 'ERROR', message: `${url} returned HTTP ${outcome.status}, which a Prometheus API should not. Check the base URL.` };
  return { status: 'OK', message: `${baseUrl} is up and the API key works.` };
}

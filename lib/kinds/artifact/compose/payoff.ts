/**
 * The Compose lab's payoff: once the simulated stack is up, the learner's own Week 2
 * code answers Grafana. Save & test on the provisioned data source runs their
 * `checkHealth`; each dashboard panel on that data source runs their `queryData` with the
 * panel's target as the query JSON. It runs in the page, after the simulation (whose
 * Worker has no sandbox), in the handler sandbox with each Week 2 lab's own time limit:
 * a loop is killed, a throw or a flood of calls is a result like any other.
 *
 * The code receives the data source's settings as provisioned (Grafana's `url`, the
 * `jsonData`), and its upstream is a mock that answers at `jsonData.baseUrl` as the
 * simulated stack did when Save & test was pressed (`GrafanaReport.stackApi`): the Week 2
 * mocked metrics API when the API answered there, the same status or network error
 * otherwise. The key never leaves the simulation's Worker: the code receives a stand-in
 * (`STAND_IN_KEY`) when a key reached Grafana, and the mock accepts it exactly when the
 * simulated API accepted Grafana's key.
 *
 * The lab's checks do not look at this (they grade the stack on the reference Week 2
 * plugin's requests): see lib/simulations/compose/README.md.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { CheckHealthRequest, QueryDataRequest } from '../../../sdk/contract';
import { buildHealthRequest, buildQueryDataRequest, type RequestOverrides } from '../../../engine/request';
import type { CheckHealthRunRecord, QueryDataRunRecord, RunOutputOf, UpstreamBodyPreview } from '../../../engine/run';
import { UPSTREAM_BODY_PREVIEW_CHARS } from '../../../engine/run';
import type { SandboxRunner, UpstreamResolver } from '../../../runtime/sandbox/host';
import { createUpstreamBridge } from '../../../runtime/upstream-bridge';
import type { CheckHealthResult } from '../../../sdk/contract';
import type { WireQueryDataResponse } from '../../../runtime/wire';
import { scenarioSchema } from '../../../upstreams/scenario';
import { metricsHandlers } from '../../../upstreams/metrics';
import type { ComposeResult } from './result';
import { codeInfo, type Week2Code, type Week2CodeInfo } from './week2';

/** What the Week 2 code receives as `secureJsonData.apiKey` in place of the provisioned key. */
export const STAND_IN_KEY = 'provisioned-key-stand-in';
/** Most panels run per Run: a dashboard can hold many, and each is a sandbox run. */
export const MAX_PANELS = 4;

type StackApi = NonNullable<NonNullable<ComposeResult['grafana']>['stackApi']>;

export interface PayoffPanel {
  dashboard: string;
  title: string;
  /** The panel's query as the simulation shows it (metric, expr…). */
  query: string;
  /** The run of the learner's queryData for this panel; absent when it was not run (`skipped` says why). */
  record?: QueryDataRunRecord;
  skipped?: string;
}

/** Everything the payoff step produced, for the results view. */
export interface ComposePayoff {
  /** Nothing ran: why (Grafana did not start, no data source, plugin not loaded). */
  skipped?: string;
  /** Save & test: the code that ran and its run. */
  health?: { code: Week2CodeInfo; record: CheckHealthRunRecord };
  /** The dashboard's panels: the code that ran and one run per panel on the plugin's data source. */
  query?: { code: Week2CodeInfo; panels: PayoffPanel[] };
  /** Panels past MAX_PANELS that were not run. */
  panelsLeftOut: number;
}

export interface PayoffInput {
  sandbox: SandboxRunner;
  result: ComposeResult;
  code: { health: Week2Code; query: Week2Code };
  signal?: AbortSignal;
  /** Epoch ms the panels' time range ends at; default: the current minute. */
  now?: number;
}

/** The mocked upstream as the stack answered at `baseUrl`'s origin. */
function stackUpstream(api: StackApi): { handlers: RequestHandler[]; origin?: string; networkError?: string } {
  const baseUrl = typeof api.jsonData.baseUrl === 'string' ? api.jsonData.baseUrl.trim().replace(/\/+$/, '') : '';
  let origin: string | undefined;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    origin = undefined;
  }
  if (!origin || api.answer.kind === 'no-url') return { handlers: [] };
  const answer = api.answer;
  if (answer.kind === 'api') {
    // A key the simulated API refused stays refused: the mock wants a key the code never gets.
    return { origin, handlers: metricsHandlers({ baseUrl, apiKey: api.keyAccepted ? STAND_IN_KEY : `${STAND_IN_KEY}-not-accepted` }) };
  }
  if (answer.kind === 'status') return { origin, handlers: [http.all(`${origin}/*`, () => new HttpResponse(answer.message, { status: answer.status }))] };
  return { origin, handlers: [], networkError: answer.message };
}

function resolverFor(api: StackApi) {
  const { handlers, origin, networkError } = stackUpstream(api);
  const bridge = createUpstreamBridge(handlers, origin ? [origin] : []);
  const bodies: UpstreamBodyPreview[] = [];
  const resolve: UpstreamResolver = async (request, signal) => {
    if (networkError && origin && new URL(request.url).origin === origin) {
      // What a client inside Grafana's container gets: no response at all.
      bridge.calls.push({ seq: bridge.calls.length + 1, method: request.method, url: request.url, requestHeaders: request.headers, responseHeaders: [], responseBytes: 0, startedAtMs: Math.round(request.atMs ?? 0), durationMs: 0, error: networkError });
      throw new Error(networkError);
    }
    const answered = bridge.resolve(request, signal);
    const seq = bridge.calls.length;
    const out = await answered;
    if ('response' in out) bodies.push({ seq, text: out.response.body.slice(0, UPSTREAM_BODY_PREVIEW_CHARS), truncated: out.response.body.length > UPSTREAM_BODY_PREVIEW_CHARS });
    return out;
  };
  return { resolve, calls: bridge.calls, bodies };
}

async function runCode<I extends 'checkHealth' | 'queryData'>(
  input: PayoffInput,
  code: Week2Code,
  invocation: I,
  request: I extends 'checkHealth' ? CheckHealthRequest : QueryDataRequest,
  epochMs: number,
): Promise<I extends 'checkHealth' ? CheckHealthRunRecord : QueryDataRunRecord> {
  const upstream = resolverFor(input.result.grafana!.stackApi!);
  const raw = await input.sandbox.run({ files: code.files, entry: code.entry, invocation, request, upstream: upstream.resolve, timeLimitMs: code.run.timeLimitMs, epochMs, signal: input.signal });
  const delivered = upstream.bodies.filter((b) => upstream.calls[b.seq - 1]?.status !== undefined);
  const common = {
    scenario: scenarioSchema.parse({}),
    upstream: upstream.calls,
    logs: raw.logs,
    durationMs: raw.durationMs,
    killed: raw.killed,
    timing: { sandboxStartMs: 0, doneMs: Math.max(raw.virtualMs ?? 0, raw.durationMs) },
    upstreamBodies: delivered,
  };
  const record =
    invocation === 'checkHealth'
      ? { ...common, invocation, request: request as CheckHealthRequest, output: raw.output as RunOutputOf<CheckHealthResult> }
      : { ...common, invocation, request: request as QueryDataRequest, output: raw.output as RunOutputOf<WireQueryDataResponse> };
  return record as never;
}

/**
 * Runs the Week 2 code against the stack. Never rejects for the learner's code (a throw,
 * a timeout, a syntax error are in each record's `output`); a cancelled Run ends the
 * runs it started as cancelled.
 */
export async function runComposePayoff(input: PayoffInput): Promise<ComposePayoff> {
  const grafana = input.result.grafana;
  const api = grafana?.stackApi;
  const ds = grafana?.datasource;
  if (!grafana?.started) return { skipped: 'Grafana never started, so nothing called your Week 2 code.', panelsLeftOut: 0 };
  if (!ds || !api) return { skipped: `${grafana.saveAndTest.message} So nothing called your Week 2 code.`, panelsLeftOut: 0 };
  if (!api.pluginLoaded) return { skipped: `${grafana.plugin.message} So Grafana could not call your Week 2 code.`, panelsLeftOut: 0 };

  // The data source as provisioned: Grafana's url field, its jsonData, and a key if one arrived.
  const settings: RequestOverrides = { url: ds.url, jsonData: api.jsonData, secureJsonData: api.keySet ? { apiKey: STAND_IN_KEY } : {} };
  const instance = { uid: ds.uid, name: ds.name };
  const withInstance = <R extends CheckHealthRequest>(request: R): R => ({
    ...request,
    pluginContext: { ...request.pluginContext, pluginId: ds.type, dataSourceInstanceSettings: { ...request.pluginContext.dataSourceInstanceSettings, ...instance } },
  });
  // A whole minute, as the handler kind's Run does, so the panel's range is a tidy one.
  const now = input.now ?? Math.floor(Date.now() / 60_000) * 60_000;

  const { health, query } = input.code;
  // Save & test and the panels run at once (each in a sandbox of its own), so the Run's
  // checks, which wait for this record, wait as little as possible.
  const healthRun = runCode(input, health, 'checkHealth', withInstance(buildHealthRequest(health.run, settings)), now);

  const onPlugin = grafana.dashboards.flatMap((d) => d.panels.map((p) => ({ dashboard: d.title, panel: p })));
  const panelRuns = onPlugin.slice(0, MAX_PANELS).map(async ({ dashboard, panel }): Promise<PayoffPanel> => {
    if (panel.resolvedTo !== ds.name) return { dashboard, title: panel.title, query: panel.query, skipped: panel.outcome };
    const refId = typeof panel.target.refId === 'string' && panel.target.refId ? panel.target.refId : 'A';
    // Grafana sends the panel's target as the query JSON, refId and datasource included.
    const request = withInstance(buildQueryDataRequest(query.run, now, { ...settings, queries: [{ refId, json: panel.target }] }));
    return { dashboard, title: panel.title, query: panel.query, record: await runCode(input, query, 'queryData', request, now) };
  });
  const [healthRecord, panels] = await Promise.all([healthRun, Promise.all(panelRuns)]);
  return {
    health: { code: codeInfo(health), record: healthRecord },
    query: { code: codeInfo(query), panels },
    panelsLeftOut: Math.max(0, onPlugin.length - MAX_PANELS),
  };
}

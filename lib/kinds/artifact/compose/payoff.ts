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
import { http, HttpResponse } from 'msw';
import type { CheckHealthRequest } from '../../../sdk/contract';
import { buildHealthRequest, buildQueryDataRequest, type RequestOverrides } from '../../../engine/request';
import { runHandlerInvocation, type CheckHealthRunRecord, type QueryDataRunRecord, type UpstreamMocks } from '../../../engine/run';
import type { SandboxRunner } from '../../../runtime/sandbox/host';
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
function stackUpstream(api: StackApi): UpstreamMocks {
  const baseUrl = typeof api.jsonData.baseUrl === 'string' ? api.jsonData.baseUrl.trim().replace(/\/+$/, '') : '';
  let origin: string | undefined;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    origin = undefined;
  }
  if (!origin || api.answer.kind === 'no-url') return { handlers: [], origins: [] };
  const answer = api.answer;
  if (answer.kind === 'api') {
    // A key the simulated API refused stays refused: the mock wants a key the code never gets.
    return { origins: [origin], handlers: metricsHandlers({ baseUrl, apiKey: api.keyAccepted ? STAND_IN_KEY : `${STAND_IN_KEY}-not-accepted` }) };
  }
  if (answer.kind === 'status') return { origins: [origin], handlers: [http.all(`${origin}/*`, () => new HttpResponse(answer.message, { status: answer.status }))] };
  // What a client inside Grafana's container gets: no response at all (a throwing mock is a network error).
  return {
    origins: [origin],
    handlers: [
      http.all(`${origin}/*`, () => {
        throw new Error(answer.message);
      }),
    ],
  };
}

/** A Week 2 lab's code as that lab's own Run runs it (files, entry, time limit), on the payoff's clock, against the stack's upstream. */
function week2Run(input: PayoffInput, code: Week2Code, epochMs: number) {
  return { files: code.files, entry: code.entry, timeLimitMs: code.run.timeLimitMs, epochMs, upstreams: stackUpstream(input.result.grafana!.stackApi!), signal: input.signal };
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
  const healthRun = runHandlerInvocation(input.sandbox, { ...week2Run(input, health, now), invocation: 'checkHealth', request: withInstance(buildHealthRequest(health.run, settings)) });

  const onPlugin = grafana.dashboards.flatMap((d) => d.panels.map((p) => ({ dashboard: d.title, panel: p })));
  const panelRuns = onPlugin.slice(0, MAX_PANELS).map(async ({ dashboard, panel }): Promise<PayoffPanel> => {
    if (panel.resolvedTo !== ds.name) return { dashboard, title: panel.title, query: panel.query, skipped: panel.outcome };
    const refId = typeof panel.target.refId === 'string' && panel.target.refId ? panel.target.refId : 'A';
    // Grafana sends the panel's target as the query JSON, refId and datasource included.
    const request = withInstance(buildQueryDataRequest(query.run, now, { ...settings, queries: [{ refId, json: panel.target }] }));
    return { dashboard, title: panel.title, query: panel.query, record: await runHandlerInvocation(input.sandbox, { ...week2Run(input, query, now), invocation: 'queryData', request }) };
  });
  const [healthRecord, panels] = await Promise.all([healthRun, Promise.all(panelRuns)]);
  return {
    health: { code: codeInfo(health), record: healthRecord },
    query: { code: codeInfo(query), panels },
    panelsLeftOut: Math.max(0, onPlugin.length - MAX_PANELS),
  };
}

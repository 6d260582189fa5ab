/**
 * MSW request handlers for the mocked metrics upstream, modelled on the Prometheus HTTP
 * API (https://prometheus.io/docs/prometheus/latest/querying/api/). Platform-neutral:
 * they import only msw's core, so the same array serves `getResponse` in the browser
 * host and `setupServer` in Node.
 *
 * One MSW handler per base URL routes every path itself (with MSW's own matcher): a
 * graded Run gets handlers of its own seed, and MSW captures a stack trace for every
 * handler it builds, so one handler instead of a dozen keeps that cheap.
 */
import { http, HttpResponse, matchRequestUrl, type HttpHandler } from 'msw';
import { faultApplies, scenarioSchema, sleep, untilAborted, type ScenarioInput } from '../scenario';
import { seededNow, type RunSeed } from '../seed';
import { PromQLError } from '../../promql';
import { evaluateQueryMs, evaluateRangeMs, matchSeries } from './evaluate';
import { checkRange, durationParam, invalidParam, ParamError, readParams, timeParam, type RequestParams } from './params';
import { abandoned, authProblem, disorder, faultResponse, forbiddenKey, promError, promSuccess, revokedKey, truncate } from './responses';
import { vectorWithSpecialValues } from './sample-faults';
import type { PromBuildInfo } from './types';
import { metricsWorld } from './world';

/** Where the upstream lives unless `baseUrl` says otherwise. */
export const METRICS_BASE_URL = 'https://prometheus.lab.test';
/**
 * A second region of the same upstream. The registry serves it beside METRICS_BASE_URL,
 * so a data source whose base URL is a setting can be pointed at either (Week 2 labs).
 */
export const METRICS_EU_BASE_URL = 'https://eu.prometheus.lab.test';
/** The API key the upstream accepts unless `apiKey` says otherwise. */
export const METRICS_API_KEY = 'lab-metrics-key-7f3a9c21';

/** Options of `metricsHandlers`. */
export interface MetricsHandlersOptions {
  /** Origin (and optional path prefix) the handlers answer; default METRICS_BASE_URL. */
  baseUrl?: string;
  /** The bearer token `/api/v1/*` requires; default METRICS_API_KEY. */
  apiKey?: string;
  /** How the upstream misbehaves this run; validated, defaults filled in. Default: healthy. */
  scenario?: ScenarioInput;
  /**
   * The graded Run's seed (../seed.ts): the series, their label values and "now" (an
   * instant query without `time`) are that Run's. Default: the lab page's data, and the
   * real clock for "now".
   */
  seed?: RunSeed;
}

const BUILD_INFO: PromBuildInfo = {
  version: '3.5.0',
  revision: 'datasource-lab',
  branch: 'HEAD',
  buildUser: 'lab@datasource-lab',
  buildDate: '20250714-00:00:00',
  goVersion: 'go1.24.5',
};
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Which faults an endpoint gets: data endpoints all of them, the rest only "the upstream is down". */
type EndpointKind = 'data' | 'other';
type Resolve = (params: RequestParams, path: Record<string, string>) => Response;
type ResolverArgs = { request: Request; params: Record<string, unknown> };

/** One endpoint: the methods it answers, its path pattern (MSW syntax) and its resolver. */
interface Route {
  methods: readonly string[];
  path: string;
  resolve: (args: ResolverArgs) => Response | undefined | Promise<Response | undefined>;
}

/** A path segment as text; a malformed %-escape stays as sent, to fail label-name validation. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The mocked metrics upstream as MSW handlers, answering only under `baseUrl`. */
export function metricsHandlers(options: MetricsHandlersOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? METRICS_BASE_URL).replace(/\/+$/, '');
  const apiKey = options.apiKey ?? METRICS_API_KEY;
  const scenario = scenarioSchema.parse(options.scenario ?? {});
  const world = metricsWorld(options.seed);
  const now = () => (options.seed === undefined ? Date.now() : seededNow(options.seed));
  // Hang and server_error without faultQueryContains mean the whole upstream is down.
  const down = (scenario.fault === 'hang' || scenario.fault === 'server_error') && faultApplies(scenario, undefined);

  const api =
    (kind: EndpointKind, resolve: Resolve) =>
    async ({ request, params: path }: ResolverArgs) => {
      if (!(await sleep(scenario.latencyMs, request.signal))) return abandoned();
      if (down) return faultResponse(scenario, request.signal);
      // A key that is wrong or revoked is refused (401) before permissions are looked at (403).
      const unauthorized = authProblem(request, apiKey) ?? (scenario.rejectKeys ? revokedKey() : scenario.forbidden ? forbiddenKey() : undefined);
      if (unauthorized) return unauthorized;
      try {
        const params = await readParams(request);
        const faulty = kind === 'data' && faultApplies(scenario, params.get('query'));
        const fault = faulty ? faultResponse(scenario, request.signal) : undefined;
        if (fault) return fault;
        const response = resolve(params, path as Record<string, string>);
        return faulty && scenario.fault === 'malformed' && response.ok ? truncate(response) : response;
      } catch (err) {
        if (err instanceof ParamError) return promError(400, 'bad_data', err.message);
        if (err instanceof PromQLError) {
          // What cannot be parsed or is not supported is a bad query (400); what parses but
          // cannot be answered (a matching error, a budget) fails in execution (422), as in Prometheus.
          if (err.kind === 'execution' || err.kind === 'limit') return promError(422, 'execution', err.message);
          return promError(400, 'bad_data', invalidParam('query', err.message).message);
        }
        throw err;
      }
    };

  const queryRange = api('data', (params) => {
    const start = timeParam(params, 'start');
    const end = timeParam(params, 'end');
    checkRange(start, end); // Prometheus rejects end < start before it looks at step
    const result = evaluateRangeMs(params.get('query'), start, end, durationParam(params, 'step'), scenario, world);
    return promSuccess({ resultType: 'matrix', result: scenario.disorder ? disorder(result) : result });
  });
  const query = api('data', (params) => {
    const time = params.get('time') === '' ? now() : timeParam(params, 'time');
    const data = evaluateQueryMs(params.get('query'), time, world);
    if (data.resultType !== 'vector' || !scenario.specialValues) return promSuccess(data);
    return promSuccess({ resultType: 'vector', result: vectorWithSpecialValues(data.result) });
  });
  const labels = api('other', (params) => {
    return promSuccess([...new Set(matchSeries(params.getAll('match[]'), world).flatMap(Object.keys))].sort());
  });
  const labelValues = api('other', (params, path) => {
    const name = decodePathSegment(path.name);
    if (!LABEL_NAME.test(name)) throw new ParamError(`invalid label name: ${JSON.stringify(name)}`);
    const values = matchSeries(params.getAll('match[]'), world).map((labels) => (Object.hasOwn(labels, name) ? labels[name] : ''));
    return promSuccess([...new Set(values.filter(Boolean))].sort());
  });
  const series = api('other', (params) => {
    const selectors = params.getAll('match[]');
    if (selectors.length === 0) throw new ParamError('no match[] parameter provided');
    return promSuccess(matchSeries(selectors, world));
  });
  const healthy = async ({ request }: { request: Request }) => {
    if (!(await sleep(scenario.latencyMs, request.signal))) return abandoned();
    if (scenario.fault === 'hang' && down) return untilAborted(request.signal, abandoned);
    if (down) return new HttpResponse('Service Unavailable', { status: 503, headers: { 'Content-Type': 'text/plain' } });
    return HttpResponse.text('Prometheus Server is Healthy.');
  };

  const v1 = `${base}/api/v1`;
  const routes: Route[] = [
    { methods: ['GET', 'HEAD'], path: `${base}/-/healthy`, resolve: healthy },
    { methods: ['GET'], path: `${v1}/status/buildinfo`, resolve: api('other', () => promSuccess(BUILD_INFO)) },
    { methods: ['GET', 'POST'], path: `${v1}/query_range`, resolve: queryRange },
    { methods: ['GET', 'POST'], path: `${v1}/query`, resolve: query },
    { methods: ['GET', 'POST'], path: `${v1}/labels`, resolve: labels },
    { methods: ['GET', 'POST'], path: `${v1}/series`, resolve: series },
    { methods: ['GET'], path: `${v1}/label/:name/values`, resolve: labelValues },
  ];
  // A path no route knows gets no answer (undefined): MSW then treats the request as unhandled.
  return [
    http.all(`${base}/*`, ({ request }) => {
      const url = new URL(request.url);
      const method = request.method.toUpperCase();
      for (const route of routes) {
        if (!route.methods.includes(method)) continue;
        const match = matchRequestUrl(url, route.path);
        if (match.matches) return route.resolve({ request, params: match.params ?? {} });
      }
      return undefined;
    }),
  ];
}

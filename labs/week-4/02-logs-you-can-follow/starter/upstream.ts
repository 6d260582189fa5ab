import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type TimeRange } from '@lab/sdk';
import type { MetricQuery } from './query';
import type { Settings } from './settings';

/**
 * Why one upstream call gave no data.
 * - `status`: the upstream answered with an HTTP error.
 * - `cancelled`: the request's signal aborted (Grafana's timeout passed, or it gave up).
 * - `network`: the call failed before any answer.
 * - `unreadable`: a 2xx answer whose body was not the JSON we expect.
 *
 * `message` is written for the person looking at the panel. `dump` is the exchange as a
 * debugger would print it (Go: `httputil.DumpRequestOut` plus the response body): the
 * request line, every request header as sent, and the first 300 characters of what
 * came back.
 */
export type UpstreamFailure =
  | { kind: 'status'; status: number; message: string; dump: string }
  | { kind: 'cancelled' | 'network' | 'unreadable'; message: string; dump: string };

export type UpstreamResult = { ok: true; frames: DataFrame[] } | { ok: false; failure: UpstreamFailure };

/** What one call asks for: the query model, its type, and the range and step to send. */
export interface UpstreamQuery {
  settings: Settings;
  refId: string;
  query: MetricQuery;
  /** `instant` asks for the value at `range.to`; anything else is a range query. */
  queryType: string;
  range: TimeRange;
  stepSeconds: number;
}

interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

/**
 * One call to the metrics API, bounded by `signal` (the request's ctx.signal). `headers`
 * are sent as well as the Authorization header (e.g. `traceparent`). Never throws: every
 * outcome is a result. Go: one `http.Client.Do(req.WithContext(ctx))`.
 */
export async function callUpstream(call: UpstreamQuery, signal: AbortSignal, headers: Record<string, string> = {}): Promise<UpstreamResult> {
  const instant = call.queryType === 'instant';
  const params = new URLSearchParams({ query: toPromQL(call.query) });
  if (instant) params.set('time', String(call.range.to / 1000));
  else {
    params.set('start', String(call.range.from / 1000));
    params.set('end', String(call.range.to / 1000));
    params.set('step', String(call.stepSeconds));
  }
  const url = `${call.settings.baseUrl}/api/v1/${instant ? 'query' : 'query_range'}?${params}`;
  const sent = { ...headers, Authorization: `Bearer ${call.settings.apiKey ?? ''}` };
  const dump = (answer: string) => [`GET ${url}`, ...Object.entries(sent).map(([k, v]) => `${k}: ${v}`), '', answer.slice(0, 300)].join('\n');
  try {
    const response = await fetch(url, { headers: sent, signal });
    if (!response.ok) {
      const text = await response.text();
      return { ok: false, failure: { kind: 'status', status: response.status, message: `The metrics API answered HTTP ${response.status}.`, dump: dump(`HTTP ${response.status}\n${text}`) } };
    }
    const text = await response.text();
    let body: { data?: { result?: unknown } } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, failure: { kind: 'unreadable', message: 'The metrics API sent a body that is not JSON.', dump: dump(text) } };
    }
    const result = body?.data?.result;
    if (!Array.isArray(result)) return { ok: false, failure: { kind: 'unreadable', message: 'The metrics API sent an answer without a result.', dump: dump(text) } };
    return { ok: true, frames: (result as PromSeries[]).map((s) => toFrame(call, s)) };
  } catch (err) {
    if (signal.aborted || isAbortError(err)) return { ok: false, failure: { kind: 'cancelled', message: "The request's time ran out while the metrics API was answering.", dump: dump('(no answer)') } };
    return { ok: false, failure: { kind: 'network', message: 'Could not reach the metrics API.', dump: dump(String(err)) } };
  }
}

/** The step for a range query: at least the panel's interval, and no more points than it can draw. */
export function stepSeconds(query: DataQuery, range: TimeRange): number {
  const byPoints = (range.to - range.from) / 1000 / Math.max(1, Math.min(query.maxDataPoints, 11_000));
  return Math.max(1, Math.ceil(query.intervalMs / 1000), Math.ceil(byPoints));
}

/** The error a query reports for a failed call, in the error taxonomy. Its message is safe to show and to log. */
export function failureToError(failure: UpstreamFailure): DataResponse {
  switch (failure.kind) {
    case 'status':
      if (failure.status === 401 || failure.status === 403) return queryError('auth', 'The metrics API rejected the API key. Check it in the data source settings.', failure.status);
      if (failure.status === 429) return queryError('rate_limit', 'The metrics API is rate limiting this data source. Try again in a moment.', 429);
      if (failure.status >= 400 && failure.status < 500) return queryError('validation', `The metrics API refused the query (HTTP ${failure.status}).`, failure.status);
      return queryError('upstream', `The metrics API failed (HTTP ${failure.status}). It may be overloaded or restarting.`, 502);
    case 'cancelled':
      return queryError('timeout', `${failure.message} Try a shorter range, or try again later.`);
    default:
      return queryError('upstream', failure.message);
  }
}

function toPromQL(query: MetricQuery): string {
  const by = query.groupBy.length > 0 ? ` by (${query.groupBy.join(', ')}) ` : '';
  return `${query.aggregation}${by}(${query.metric})`;
}

function toFrame(call: UpstreamQuery, series: PromSeries): DataFrame {
  const { __name__, ...labels } = series.metric ?? {};
  const pairs = series.values ?? (series.value ? [series.value] : []);
  return createDataFrame({
    name: call.query.metric,
    refId: call.refId,
    meta: { type: call.queryType === 'instant' ? DataFrameType.NumericMulti : DataFrameType.TimeSeriesMulti, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: FieldType.time, values: pairs.map(([t]) => t * 1000) },
      { name: 'Value', type: FieldType.number, values: pairs.map(([, v]) => sampleValue(v)), labels },
    ],
  });
}

/** Prometheus writes each sample as text, "+Inf", "-Inf" and "NaN" included. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

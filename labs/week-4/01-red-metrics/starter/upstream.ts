import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';
import { isAbortError, queryError, type DataQuery, type DataResponse, type TimeRange } from '@lab/sdk';
import type { MetricQuery } from './query';
import type { Settings } from './settings';

/**
 * Why one upstream call gave no data.
 * - `status`: the upstream answered with an HTTP error; `retryAfterMs` when it sent Retry-After.
 * - `timeout`: the call's own timeout fired (the upstream was too slow or hung).
 * - `cancelled`: the request's own signal aborted (its deadline passed, or Grafana gave up).
 * - `network`: the call failed before any answer.
 * - `unreadable`: a 2xx answer whose body was not the JSON we expect.
 * `sent` is false when no request went out at all (the signal had already aborted).
 */
export type UpstreamFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number; message: string }
  | { kind: 'timeout' | 'cancelled' | 'network' | 'unreadable'; message: string; sent?: false };

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
 * One call to the metrics API, bounded by `timeoutMs` and by `signal` (the request's
 * ctx.signal): whichever comes first aborts it. Never throws: every outcome is a result.
 * Go: one `http.Client.Do` with a context that has a timeout.
 */
export async function callUpstream(call: UpstreamQuery, signal: AbortSignal, timeoutMs: number): Promise<UpstreamResult> {
  if (signal.aborted) return { ok: false, failure: { kind: 'cancelled', message: 'The request was over before the call could start.', sent: false } };
  const instant = call.queryType === 'instant';
  const params = new URLSearchParams({ query: toPromQL(call.query) });
  if (instant) params.set('time', String(call.range.to / 1000));
  else {
    params.set('start', String(call.range.from / 1000));
    params.set('end', String(call.range.to / 1000));
    params.set('step', String(call.stepSeconds));
  }
  const url = `${call.settings.baseUrl}/api/v1/${instant ? 'query' : 'query_range'}?${params}`;
  try {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${call.settings.apiKey ?? ''}` },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
      return { ok: false, failure: { kind: 'status', status: response.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), message: `The metrics API answered HTTP ${response.status}.` } };
    }
    const body = await response.json();
    const result: PromSeries[] = body?.data?.result;
    if (!Array.isArray(result)) return { ok: false, failure: { kind: 'unreadable', message: 'The metrics API sent an answer without a result.' } };
    return { ok: true, frames: result.map((s) => toFrame(call, s)) };
  } catch (err) {
    if (signal.aborted) return { ok: false, failure: { kind: 'cancelled', message: "The request's time ran out while the metrics API was answering." } };
    if (isAbortError(err)) return { ok: false, failure: { kind: 'timeout', message: `The metrics API did not answer within ${timeoutMs} ms.` } };
    if (err instanceof SyntaxError) return { ok: false, failure: { kind: 'unreadable', message: 'The metrics API sent a body that is not JSON.' } };
    return { ok: false, failure: { kind: 'network', message: 'Could not reach the metrics API.' } };
  }
}

/** The step for a range query: at least the panel's interval, and no more points than it can draw. */
export function stepSeconds(query: DataQuery, range: TimeRange): number {
  const byPoints = (range.to - range.from) / 1000 / Math.max(1, Math.min(query.maxDataPoints, 1000));
  return Math.max(1, Math.ceil(query.intervalMs / 1000), Math.ceil(byPoints));
}

/**
 * Retry-After as milliseconds: delay-seconds ("5") or an HTTP date, measured from `now`.
 * Undefined when the header is missing or unreadable. RFC 9110, section 10.2.3.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error a query reports for a failed call, in the error taxonomy. */
export function failureToError(failure: UpstreamFailure): DataResponse {
  switch (failure.kind) {
    case 'status':
      if (failure.status === 401 || failure.status === 403) return queryError('auth', 'The metrics API rejected the API key. Check it in the data source settings.', failure.status);
      if (failure.status === 429) {
        const wait = failure.retryAfterMs !== undefined ? `in ${Math.ceil(failure.retryAfterMs / 1000)} s` : 'later';
        return queryError('rate_limit', `The metrics API is rate limiting this data source. Try again ${wait}.`, 429);
      }
      if (failure.status >= 400 && failure.status < 500) return queryError('validation', `The metrics API refused the query (HTTP ${failure.status}).`, failure.status);
      return queryError('upstream', `The metrics API failed (HTTP ${failure.status}). It may be overloaded or restarting.`, 502);
    case 'timeout':
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

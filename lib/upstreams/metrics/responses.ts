/**
 * The responses the metrics upstream builds besides its data: Prometheus-style errors,
 * auth failures, and the scenario's faults (hang, 503, 429, truncated JSON, shuffled
 * samples). Kept apart from the routes so each misbehaviour can be tested alone.
 */
import { HttpResponse } from 'msw';
import { untilAborted, type Scenario } from '../scenario';
import { utf8Length } from '../../utf8';
import { hashString } from './series';
import type { PromErrorType, PromMatrixSeries } from './types';

/** A Prometheus-style error response: `{ status: 'error', errorType, error }`. */
export function promError(status: number, errorType: PromErrorType, error: string, headers?: Readonly<Record<string, string>>): Response {
  return jsonResponse({ status: 'error', errorType, error }, status, headers);
}
/**
 * What a request its client aborted gets: a network error. Nobody reads it (the client's
 * fetch has already rejected with an AbortError); it just lets the resolver finish quietly.
 */
export const abandoned = () => HttpResponse.error();
/**
 * The success envelope, `{ status: 'success', data }`. Built as `HttpResponse.json` builds
 * it, but with Content-Length counted here: msw measures it with `new Blob([text]).size`,
 * and a Blob per response was a second of the page's thread in an operate Run of a few
 * hundred queries (a browser registers every Blob).
 */
export function promSuccess(data: unknown): Response {
  return jsonResponse({ status: 'success', data });
}

/**
 * Reason phrases of the statuses the metrics upstream answers with, as msw's
 * `HttpResponse` would fill `statusText` (a plain `Response` leaves it empty).
 */
const STATUS_TEXT: Readonly<Record<number, string>> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 503: 'Service Unavailable' };

/**
 * What `HttpResponse.json(body, { status, headers })` answers (JSON content type,
 * Content-Length, the status' reason phrase), built as a plain `Response`, which an msw
 * resolver may return as well. `HttpResponse` copies its headers into a `Headers` and the
 * `Response` constructor copies that `Headers` again; a browser copies a `Headers` through
 * the iterator protocol, a call into JavaScript per entry, about ten times what a list of
 * pairs costs. In a Week 4 Run (hundreds of these) the two copies were some 1,700
 * `entries()` and 5,000 `next()` calls into JavaScript on the lab engine's thread, ~70 ms
 * in a trace. Content-Length is counted without a Blob (see promSuccess). `headers` are
 * added to these two (the callers add Retry-After and WWW-Authenticate).
 */
function jsonResponse(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  const text = JSON.stringify(body);
  const pairs: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Content-Length', String(utf8Length(text))],
  ];
  for (const name of Object.keys(headers)) pairs.push([name, headers[name]]);
  return new Response(text, { status, statusText: STATUS_TEXT[status] ?? '', headers: pairs });
}

/** Answers a fault, or returns undefined when the fault is one the caller handles later (malformed). */
export function faultResponse(scenario: Scenario, signal: AbortSignal): Promise<Response> | Response | undefined {
  switch (scenario.fault) {
    case 'hang':
      return untilAborted(signal, abandoned);
    case 'server_error':
      return promError(503, 'unavailable', 'the metrics upstream is unavailable: it is overloaded or restarting. Retry later, with backoff.');
    case 'rate_limit':
      return promError(
        429,
        'rate_limited',
        `rate limit exceeded for this API key: too many requests. Retry after ${scenario.retryAfterSeconds} seconds (see the Retry-After header).`,
        { 'Retry-After': String(scenario.retryAfterSeconds) },
      );
    default:
      return undefined;
  }
}

/** Checks the bearer token. Messages never echo what was sent: it may be a real secret. */
export function authProblem(request: Request, apiKey: string): Response | undefined {
  const header = request.headers.get('authorization');
  const fix = 'Send the API key as "Authorization: Bearer <key>", taken from the data source\'s secure settings.';
  const reject = (error: string) => promError(401, 'unauthorized', error, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  if (!header) return reject(`missing credentials: this API needs an API key. ${fix}`);
  const [scheme, token] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() !== 'bearer' || !token) return reject(`unsupported authorization scheme: expected a bearer token. ${fix}`);
  if (token !== apiKey) return reject(`invalid API key: the bearer token was not accepted. Check the key in the data source's secure settings.`);
  return undefined;
}

/** What a well-formed but revoked key gets (scenario `rejectKeys`): 401, without echoing the key. */
export function revokedKey(): Response {
  return promError(401, 'unauthorized', 'invalid API key: this key was revoked or rotated. Enter a current key in the data source\'s secure settings.', {
    'WWW-Authenticate': 'Bearer realm="metrics", error="invalid_token"',
  });
}

/**
 * What a key that is valid but may not read this data gets (scenario `forbidden`): 403,
 * without echoing the key. The lab's `forbidden` errorType stands for what an auth
 * proxy in front of Prometheus answers; Prometheus itself has no permissions.
 */
export function forbiddenKey(): Response {
  return promError(
    403,
    'forbidden',
    "access denied: this API key is valid but may not read metrics here. Give the key read access, or enter a key that has it in the data source's secure settings.",
  );
}

/** Shuffles the samples of every odd-numbered series, the same way every time, so they are out of order. */
export function disorder(series: PromMatrixSeries[]): PromMatrixSeries[] {
  return series.map((s, index) => {
    if (index % 2 === 0 || s.values.length < 2) return s;
    const values = [...s.values];
    let seed = hashString(JSON.stringify(s.metric));
    for (let i = values.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; // LCG: deterministic, no Math.random
      const j = seed % (i + 1);
      [values[i], values[j]] = [values[j], values[i]];
    }
    // A shuffle can land back in order; reverse then, so "out of order" always holds.
    if (values.every((v, i) => i === 0 || values[i - 1][0] < v[0])) values.reverse();
    return { ...s, values };
  });
}

/** Cuts a JSON body short, as a proxy that dropped the connection mid-response would. */
export async function truncate(response: Response): Promise<Response> {
  const text = await response.text();
  return new HttpResponse(text.slice(0, Math.max(1, Math.floor(text.length * 0.6))), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });
}

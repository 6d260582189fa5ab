/**
 * Answers the handler's `fetch` calls from the lab's mocked upstreams (MSW request
 * handlers, resolved with msw's `getResponse`) and records each call for the
 * Upstream tab and for checks. It never performs a real network request: a URL no
 * mock answers gets a clear "blocked" error.
 */
import { getResponse, type RequestHandler } from 'msw';
import { virtualWait } from '../upstreams/scenario';
import { utf8Length } from '../utf8';
import type { UpstreamAbort, UpstreamRequest, UpstreamResolver } from './sandbox/host';

/** One request the handler made, as the host saw it. */
export interface UpstreamCall {
  /** 1-based order within the run. */
  seq: number;
  method: string;
  url: string;
  /** Request headers as sent (secrets included: redact before showing). */
  requestHeaders: [string, string][];
  requestBody?: string;
  /** HTTP status, when a response came back. */
  status?: number;
  /** Why no response came back: blocked, aborted. */
  error?: string;
  /**
   * Who ended a call that never got its response: `handler` when the handler's own
   * signal aborted it (a timeout, ctx.signal), `run-end` when the handler had stopped
   * waiting (returned, was cancelled or killed) and the host closed it afterwards.
   */
  abortedBy?: 'handler' | 'run-end';
  responseHeaders: [string, string][];
  /** Response body size in bytes. */
  responseBytes: number;
  /** Virtual milliseconds (the run's clock, not the machine's) from the start of the run to the request. */
  startedAtMs: number;
  /** Virtual milliseconds from the request to its response, or to its abort. */
  durationMs: number;
}

/**
 * Picks the mocked upstreams that answer one request, for upstreams whose behaviour
 * changes during a run (an operate run's incidents start and end on its virtual clock:
 * lib/kinds/operate/upstream.ts). Called once per request, before it is answered.
 */
export type HandlerPicker = (request: UpstreamRequest) => RequestHandler[];

export interface UpstreamBridge {
  resolve: UpstreamResolver;
  calls: UpstreamCall[];
}

/**
 * For upstreams whose answer is a pure function of the request (the mocked ones: seeded
 * data, no state, no clock): a key that is equal for two requests exactly when the mocks
 * would answer them alike, or undefined for a request that must be answered afresh. A
 * request whose key was answered before gets that answer again without the mocks running
 * (an operate run asks the same few queries hundreds of times), and is recorded in
 * `calls` as any other.
 */
export type AnswerKey = (request: UpstreamRequest) => string | undefined;

/** An answer kept for an AnswerKey: the response and the virtual latency it came with. */
interface KeptAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  bytes: number;
  latencyMs: number;
}

/**
 * Answers at once, on the run's virtual clock (docs/decisions/0004-virtual-time.md):
 * the response with the latency the upstream's `sleep`s added, or `hang` when it would
 * never answer. The call stays open in `calls` until it is delivered (at `startedAtMs +
 * latencyMs`) or aborted; the host aborts the request's signal with an `UpstreamAbort`
 * that says who ended it and at what virtual instant.
 */
export function createUpstreamBridge(handlers: RequestHandler[] | HandlerPicker, knownOrigins: string[], answerKey?: AnswerKey): UpstreamBridge {
  const calls: UpstreamCall[] = [];
  const kept = new Map<string, KeptAnswer>();

  const resolve: UpstreamResolver = async (request: UpstreamRequest, signal: AbortSignal) => {
    const startedAtMs = Math.round(request.atMs ?? 0);
    const call: UpstreamCall = {
      seq: calls.length + 1,
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      requestBody: request.body,
      responseHeaders: [],
      responseBytes: 0,
      startedAtMs,
      durationMs: 0,
    };
    calls.push(call);
    /** When the response reaches the handler, in virtual ms since the run started; never, for a hang. */
    let deliveredAtMs = Infinity;
    const onAbort = () => {
      const reason = signal.reason as UpstreamAbort | undefined;
      const atMs = Math.max(startedAtMs, Math.round(typeof reason?.atMs === 'number' ? reason.atMs : startedAtMs));
      if (atMs >= deliveredAtMs) return; // the handler had its answer by then
      call.status = undefined;
      call.responseHeaders = [];
      call.responseBytes = 0;
      call.abortedBy = reason?.by === 'run-end' ? 'run-end' : 'handler';
      call.error = call.abortedBy === 'handler' ? 'aborted by the handler' : 'still open when the run ended (the handler never aborted it)';
      call.durationMs = atMs - startedAtMs;
    };
    if (signal.aborted) {
      onAbort();
      throw new Error('aborted');
    }
    signal.addEventListener('abort', onAbort, { once: true });
    const deliver = (answer: KeptAnswer) => {
      call.status = answer.status;
      call.responseHeaders = [...answer.headers];
      call.responseBytes = answer.bytes;
      call.durationMs = answer.latencyMs;
      deliveredAtMs = startedAtMs + answer.latencyMs;
      return { response: { status: answer.status, statusText: answer.statusText, headers: call.responseHeaders, body: answer.body }, latencyMs: answer.latencyMs };
    };
    const key = answerKey?.(request);
    const known = key === undefined ? undefined : kept.get(key);
    if (known) return deliver(known);
    const request_ = new Request(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    const wait = virtualWait(request_.signal);
    let response: Response | undefined;
    try {
      response = await getResponse(typeof handlers === 'function' ? handlers(request) : handlers, request_);
    } catch (err) {
      signal.removeEventListener('abort', onAbort);
      call.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
    // Aborted while the mocks answered (a cancel that came with the request): recorded by onAbort.
    if (signal.aborted) throw new Error('aborted');
    if (wait.hang) return { hang: true };
    if (!response) {
      signal.removeEventListener('abort', onAbort);
      call.error = `Blocked: ${request.method} ${request.url}. Code in the lab has no network access; only the lab's mocked upstreams answer (${knownOrigins.join(', ')}).`;
      throw new Error(call.error);
    }
    const body = await response.text();
    const answer: KeptAnswer = { status: response.status, statusText: response.statusText, headers: [...response.headers], body, bytes: utf8Length(body), latencyMs: wait.latencyMs };
    if (key !== undefined) kept.set(key, answer);
    return deliver(answer);
  };

  return { resolve, calls };
}

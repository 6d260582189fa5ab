/**
 * Answers the handler's `fetch` calls from the lab's mocked upstreams (MSW request
 * handlers, resolved with msw's `getResponse`) and records each call for the
 * Upstream tab and for checks. It never performs a real network request: a URL no
 * mock answers gets a clear "blocked" error.
 */
import { getResponse, type RequestHandler } from 'msw';
import type { SerializedRequest, SerializedResponse } from './protocol';
import { RUN_ENDED_REASON, type UpstreamResolver } from './sandbox/host';

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
  /** Milliseconds from the start of the run to the request. */
  startedAtMs: number;
  durationMs: number;
}

export interface UpstreamBridge {
  resolve: UpstreamResolver;
  calls: UpstreamCall[];
}

export function createUpstreamBridge(handlers: RequestHandler[], knownOrigins: string[]): UpstreamBridge {
  const calls: UpstreamCall[] = [];
  const runStarted = performance.now();

  const resolve: UpstreamResolver = async (request: SerializedRequest, signal: AbortSignal) => {
    const call: UpstreamCall = {
      seq: calls.length + 1,
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      requestBody: request.body,
      responseHeaders: [],
      responseBytes: 0,
      startedAtMs: Math.round(performance.now() - runStarted),
      durationMs: 0,
    };
    calls.push(call);
    const started = performance.now();
    try {
      const response = await raceAbort(
        getResponse(handlers, new Request(request.url, { method: request.method, headers: request.headers, body: request.body, signal })),
        signal,
      );
      if (!response) {
        throw new Error(
          `Blocked: ${request.method} ${request.url}. Code in the lab has no network access; only the lab's mocked upstreams answer (${knownOrigins.join(', ')}).`,
        );
      }
      const body = await response.text();
      call.status = response.status;
      call.responseHeaders = [...response.headers];
      call.responseBytes = new TextEncoder().encode(body).length;
      return { status: response.status, statusText: response.statusText, headers: call.responseHeaders, body };
    } catch (err) {
      if (signal.aborted) {
        call.abortedBy = signal.reason === RUN_ENDED_REASON ? 'run-end' : 'handler';
        call.error = call.abortedBy === 'handler' ? 'aborted by the handler' : 'still open when the run ended (the handler never aborted it)';
      } else call.error = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      call.durationMs = Math.round(performance.now() - started);
    }
  };

  return { resolve, calls };
}

/** A hanging mock answers only when aborted; this makes sure we stop waiting then. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

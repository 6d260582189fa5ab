import type { CircuitBreaker } from './breaker';
import { codeOf, upstreamRequests } from './metrics';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_ATTEMPTS } from './policy';
import type { UpstreamFailure, UpstreamResult } from './upstream';

/** Worth another try: the upstream was overloaded (5xx), asked us to slow down (429), or did not answer in time. */
export function isRetryable(failure: UpstreamFailure): boolean {
  if (failure.kind === 'status') return failure.status === 429 || failure.status >= 500;
  return failure.kind === 'timeout' || failure.kind === 'network';
}

/** A failure that says the upstream is unwell (the breaker counts these): a 5xx, a timeout, no answer. */
export function isUpstreamFault(failure: UpstreamFailure): boolean {
  if (failure.kind === 'status') return failure.status >= 500;
  return failure.kind !== 'cancelled';
}

/**
 * The wait before retry number `retry` (1 for the first): BACKOFF_BASE_MS doubled for each
 * retry before it, capped at BACKOFF_MAX_MS, of which a random half is waited ("equal
 * jitter"), so clients that failed together do not all come back at the same instant.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export interface RetryOptions {
  breaker: CircuitBreaker;
  /** The request's signal: the waits end with it. */
  signal: AbortSignal;
  /** When the request's time runs out, epoch ms (ctx.deadline); no wait may run past it. */
  deadline?: number;
}

/** What a query gets when the breaker refuses the call: an error at once, no upstream call. */
const OPEN: UpstreamResult = { ok: false, failure: { kind: 'network', message: 'The metrics API failed several times in a row, so the data source stopped calling it for a few seconds. Try again shortly.', sent: false } };

/**
 * Calls `call` until it succeeds, gives a failure that is not worth retrying, runs out of
 * attempts, or the next wait would pass the deadline. Every call goes through the
 * breaker, retries included; Retry-After is waited at least.
 */
export async function withRetries(call: () => Promise<UpstreamResult>, { breaker, signal, deadline = Infinity }: RetryOptions): Promise<UpstreamResult> {
  let result: UpstreamResult = OPEN;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (!breaker.allow()) return attempt === 1 ? OPEN : result;
    result = await call();
    const code = codeOf(result);
    if (code !== undefined) upstreamRequests.withLabelValues(code).inc();
    if (result.ok) {
      breaker.recordSuccess();
      return result;
    }
    if (isUpstreamFault(result.failure)) breaker.recordFailure();
    else if (result.failure.kind === 'status') breaker.recordSuccess(); // it answered: a 4xx is about the request, not its health
    // No retry when it cannot help, is the last, or the breaker has just opened (it would refuse it anyway).
    if (!isRetryable(result.failure) || attempt === MAX_ATTEMPTS || breaker.isOpen) return result;
    const wait = Math.max(backoffMs(attempt), result.failure.kind === 'status' ? (result.failure.retryAfterMs ?? 0) : 0);
    if (Date.now() + wait >= deadline) return result;
    if (!(await sleep(wait, signal))) return result;
  }
  return result;
}

/** Waits `ms`; false when `signal` aborted first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

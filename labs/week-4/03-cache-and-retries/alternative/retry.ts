import type { CircuitBreaker } from './breaker';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_ATTEMPTS } from './policy';
import type { UpstreamFailure, UpstreamResult } from './upstream';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export function isRetryable(failure: UpstreamFailure): boolean {
  switch (failure.kind) {
    case 'status':
      return RETRYABLE_STATUS.has(failure.status);
    case 'timeout':
    case 'network':
      return true;
    default:
      return false;
  }
}

/** "Full jitter": anywhere between 0 and the exponential ceiling. */
function pause(retry: number): number {
  return Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
}

const refused = (): UpstreamResult => ({ ok: false, failure: { kind: 'network', message: 'The metrics API is failing, so calls to it are paused for a few seconds. Try again shortly.', sent: false } });

/** One attempt, then (maybe) the next: recursion instead of a loop. */
export async function withRetries(
  call: () => Promise<UpstreamResult>,
  options: { breaker: CircuitBreaker; signal: AbortSignal; deadline?: number },
  attempt = 1,
): Promise<UpstreamResult> {
  const { breaker, signal } = options;
  if (!breaker.allow()) return refused();
  const result = await call();
  if (result.ok) {
    breaker.recordSuccess();
    return result;
  }
  const failure = result.failure;
  if (failure.kind === 'status' && failure.status < 500) breaker.recordSuccess();
  else if (failure.kind !== 'cancelled') breaker.recordFailure();
  if (attempt >= MAX_ATTEMPTS || !isRetryable(failure) || breaker.isOpen) return result;
  const wait = failure.kind === 'status' && failure.retryAfterMs !== undefined ? Math.max(failure.retryAfterMs, pause(attempt)) : pause(attempt);
  const left = (options.deadline ?? Number.POSITIVE_INFINITY) - Date.now();
  if (wait >= left) return result;
  const waited = await new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      resolve(ok);
    };
    const stop = () => done(false);
    const timer = setTimeout(() => done(true), wait);
    signal.addEventListener('abort', stop);
    if (signal.aborted) done(false);
  });
  if (!waited) return result;
  const next = await withRetries(call, options, attempt + 1);
  // A refusal on a retry reports the failure that led to it, which says more.
  return !next.ok && next.failure.kind === 'network' && next.failure.sent === false ? result : next;
}

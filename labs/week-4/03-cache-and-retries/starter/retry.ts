import type { CircuitBreaker } from './breaker';
import { MAX_ATTEMPTS } from './policy';
import type { UpstreamFailure, UpstreamResult } from './upstream';

/**
 * Whether a failure is worth another try.
 * TODO (task 3): only when the upstream was overloaded (5xx), asked us to slow down (429),
 * or did not answer in time. A refused key or a refused query fails the same way again.
 */
export function isRetryable(failure: UpstreamFailure): boolean {
  return true;
}

/**
 * Calls `call` until it succeeds, up to MAX_ATTEMPTS times.
 * TODO (task 3): it retries at once, so every failure comes back as a burst. Wait between
 * attempts (exponential backoff with jitter), at least as long as Retry-After says, and
 * never past the request's deadline.
 * TODO (task 4): every call, retries included, must go through the breaker.
 */
export async function withRetries(call: () => Promise<UpstreamResult>, options: { breaker: CircuitBreaker; signal: AbortSignal; deadline?: number }): Promise<UpstreamResult> {
  let result = await call();
  for (let attempt = 2; attempt <= MAX_ATTEMPTS && !result.ok && isRetryable(result.failure); attempt++) {
    result = await call();
  }
  return result;
}

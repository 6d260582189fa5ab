/**
 * Calling a flaky upstream politely: retry what is worth retrying, wait longer each
 * time with random jitter (so many clients do not retry in step), stop when told to,
 * and stop calling altogether for a while when the upstream is clearly down.
 */

/** The time source you are given. Use it instead of Date.now() and setTimeout. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicy {
  /** Calls in all, the first one included. */
  maxAttempts: number;
  /** The cap of the first wait; it doubles for each retry after that. */
  baseDelayMs: number;
  /** No wait is capped higher than this. */
  maxDelayMs: number;
}

export interface RetryDeps {
  clock: Clock;
  /** A number in [0, 1): use it for the jitter. */
  random: () => number;
  /** Aborted when the caller no longer wants the answer (Grafana cancelled the query). */
  signal?: AbortSignal;
}

/** What an upstream failure may carry. */
interface UpstreamFailure {
  name?: string;
  status?: number;
  /** From a Retry-After header: how long the upstream asked us to wait. */
  retryAfterMs?: number;
}

/** Worth another try: rate limited (429), a server-side failure (5xx), or a timeout. */
export function isRetryable(err: unknown): boolean {
  // TODO: 429, 5xx and timeouts are worth retrying; nothing else.
  return false;
}

/** "Full jitter": a random wait between 0 and the capped exponential delay for this retry (1 = first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  // TODO: full jitter on a capped exponential delay.
  return 0;
}

export async function retry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, deps: RetryDeps): Promise<T> {
  // TODO: retry with backoff; stop at maxAttempts, on errors not worth retrying, and on abort.
  return operation(1);
}

export class CircuitOpenError extends Error {
  constructor() {
    super('The upstream is failing; calls are paused for a while.');
    this.name = 'CircuitOpenError';
  }
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Failures in a row that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial call may go through. */
  openMs: number;
  clock: Clock;
}

export class CircuitBreaker {
  constructor(private readonly options: BreakerOptions) {}

  /** closed: calls go through. open: they fail at once. half-open: openMs has passed; one trial call may go through. */
  state(): CircuitState {
    return 'closed';
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    // TODO: count failures in a row, open at the threshold, half-open after openMs;
    // a result counts only if the breaker has not opened or closed since the call began.
    return fn();
  }
}

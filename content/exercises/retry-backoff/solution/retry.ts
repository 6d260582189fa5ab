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
  const { status, name } = (err ?? {}) as UpstreamFailure;
  if (typeof status === 'number') return status === 429 || status >= 500;
  return name === 'TimeoutError';
}

/** "Full jitter": a random wait between 0 and the capped exponential delay for this retry (1 = first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

export async function retry<T>(operation: (attempt: number) => Promise<T>, policy: RetryPolicy, deps: RetryDeps): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    deps.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (err) {
      if (attempt >= policy.maxAttempts || !isRetryable(err) || deps.signal?.aborted) throw err;
      const asked = (err as UpstreamFailure).retryAfterMs;
      const wait = typeof asked === 'number' && asked >= 0 ? asked : backoffDelay(attempt, policy, deps.random);
      await deps.clock.sleep(wait, deps.signal);
    }
  }
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
  private failures = 0;
  private openedAt: number | null = null;
  private trialRunning = false;
  /**
   * Counts every time the breaker opens or closes. A call's result counts only if
   * nothing changed while it ran: a slow answer from before the breaker opened says
   * nothing about the upstream now (the same rule as gobreaker's generations).
   */
  private generation = 0;

  constructor(private readonly options: BreakerOptions) {}

  state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.options.clock.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state();
    if (state === 'open' || (state === 'half-open' && this.trialRunning)) throw new CircuitOpenError();
    const trial = state === 'half-open';
    const generation = this.generation;
    if (trial) this.trialRunning = true;
    try {
      const result = await fn();
      if (generation === this.generation) {
        this.failures = 0;
        if (this.openedAt !== null) this.moveTo(null);
      }
      return result;
    } catch (err) {
      if (generation === this.generation) {
        this.failures++;
        if (trial || this.failures >= this.options.failureThreshold) this.moveTo(this.options.clock.now());
      }
      throw err;
    } finally {
      if (trial) this.trialRunning = false;
    }
  }

  /** Opens (at `openedAt`) or closes (null) the breaker; results of calls begun before no longer count. */
  private moveTo(openedAt: number | null): void {
    this.openedAt = openedAt;
    this.failures = 0;
    this.generation++;
  }
}

import { BREAKER_OPEN_MS, BREAKER_THRESHOLD } from './policy';

/**
 * A circuit breaker for one data source instance's upstream.
 * TODO (task 4): it never opens. After BREAKER_THRESHOLD failures in a row, refuse every
 * call for BREAKER_OPEN_MS; then let exactly one call through (the probe): its success
 * closes the breaker, its failure opens it again.
 */
export class CircuitBreaker {
  constructor(
    private readonly threshold = BREAKER_THRESHOLD,
    private readonly openMs = BREAKER_OPEN_MS,
  ) {}

  /** Whether a call may go now. */
  allow(now = Date.now()): boolean {
    return true;
  }

  /** The upstream answered (2xx or a 4xx of its own): it is up. */
  recordSuccess(): void {}

  /** A 5xx, a timeout, or no answer at all. */
  recordFailure(now = Date.now()): void {}

  get isOpen(): boolean {
    return false;
  }
}

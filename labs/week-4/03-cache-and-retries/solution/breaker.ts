import { BREAKER_OPEN_MS, BREAKER_THRESHOLD } from './policy';

type State = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one data source instance's upstream. Closed: calls go through,
 * failures in a row are counted. BREAKER_THRESHOLD of them open it: calls are refused
 * for BREAKER_OPEN_MS. Then it is half-open: exactly one call (the probe) goes through;
 * its success closes the breaker, its failure opens it again.
 */
export class CircuitBreaker {
  private state: State = 'closed';
  private failures = 0;
  private openedAt = 0;

  constructor(
    private readonly threshold = BREAKER_THRESHOLD,
    private readonly openMs = BREAKER_OPEN_MS,
  ) {}

  /** Whether a call may go now. In half-open, true once: for the probe. */
  allow(now = Date.now()): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && now - this.openedAt >= this.openMs) {
      this.state = 'half-open';
      return true;
    }
    return false;
  }

  /** The upstream answered (2xx or a 4xx of its own): it is up. */
  recordSuccess(): void {
    this.state = 'closed';
    this.failures = 0;
  }

  /** A 5xx, a timeout, or no answer at all. */
  recordFailure(now = Date.now()): void {
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = now;
    }
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }
}

import { BREAKER_OPEN_MS, BREAKER_THRESHOLD } from './policy';

/**
 * Kept as two facts rather than a state name: until when calls are refused, and whether
 * a probe is out. Closed is "no refusal time set".
 */
export class CircuitBreaker {
  private refuseUntil: number | null = null;
  private probeOut = false;
  private streak = 0;

  allow(now = Date.now()): boolean {
    if (this.refuseUntil === null) return true;
    if (now < this.refuseUntil || this.probeOut) return false;
    this.probeOut = true;
    return true;
  }

  recordSuccess(): void {
    this.refuseUntil = null;
    this.probeOut = false;
    this.streak = 0;
  }

  recordFailure(now = Date.now()): void {
    this.streak++;
    if (this.probeOut || this.streak >= BREAKER_THRESHOLD) {
      this.refuseUntil = now + BREAKER_OPEN_MS;
      this.probeOut = false;
    }
  }

  get isOpen(): boolean {
    return this.refuseUntil !== null;
  }
}

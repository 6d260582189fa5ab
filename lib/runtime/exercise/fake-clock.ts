/**
 * A fake clock for graded exercises. Learner code receives `clock` as a dependency
 * instead of using `Date.now()` and `setTimeout`, so a test can say "61 seconds pass"
 * and the code sees exactly that, instantly and the same way every time.
 *
 * Time moves only when the op runner says so (`advance`, or firing the next timer
 * while it waits for a promise). Timers due at the same instant fire in the order
 * they were set, like real ones.
 */

/** What learner code sees: the only time source an exercise should use. */
export interface ExerciseClock {
  /** The current fake time, epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` of fake time; rejects with an AbortError if `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` after `ms` of fake time; returns an id for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
}

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** Where every fake clock starts: 2026-01-15T12:00:00Z, so `now()` looks like a real epoch time. */
export const FAKE_CLOCK_START = Date.UTC(2026, 0, 15, 12, 0, 0);

export class FakeClock {
  private current: number;
  private nextId = 1;
  /** Kept sorted by due time, then by id (the order they were set). */
  private timers: Timer[] = [];
  /** Errors thrown by timer callbacks: reported, never allowed to break the runner. */
  readonly callbackErrors: unknown[] = [];

  readonly api: ExerciseClock;

  constructor(readonly start = FAKE_CLOCK_START) {
    this.current = start;
    this.api = Object.freeze({
      now: () => this.current,
      sleep: (ms: number, signal?: AbortSignal) => this.sleep(ms, signal),
      setTimeout: (fn: () => void, ms: number) => this.schedule(fn, ms),
      clearTimeout: (id: number | undefined) => this.cancel(id),
    });
  }

  /** Fake milliseconds since the clock started. */
  get elapsed(): number {
    return this.current - this.start;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Fires the earliest timer, moving time to its due time. Returns false when none is left. */
  fireNext(): boolean {
    const timer = this.timers.shift();
    if (!timer) return false;
    this.current = Math.max(this.current, timer.due);
    try {
      timer.fn();
    } catch (err) {
      this.callbackErrors.push(err);
    }
    return true;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in
   * order; `settle` runs after each one so the code it woke up can schedule more.
   */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.current + Math.max(0, ms);
    while (this.timers.length > 0 && this.timers[0].due <= target) {
      this.fireNext();
      await settle();
    }
    this.current = target;
    await settle();
  }

  private schedule(fn: () => void, ms: number): number {
    if (typeof fn !== 'function') throw new TypeError('clock.setTimeout needs a function to call.');
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer = { id: this.nextId++, due: this.current + delay, fn };
    const at = this.timers.findIndex((t) => t.due > timer.due);
    if (at === -1) this.timers.push(timer);
    else this.timers.splice(at, 0, timer);
    return timer.id;
  }

  private cancel(id: number | undefined): void {
    const at = this.timers.findIndex((t) => t.id === id);
    if (at !== -1) this.timers.splice(at, 1);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const aborted = () => signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
      if (signal?.aborted) return reject(aborted());
      const onAbort = () => {
        this.cancel(id);
        reject(aborted());
      };
      const id = this.schedule(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Waits until every microtask queued so far (and every one those queue) has run, by
 * yielding to the next macrotask. A MessageChannel is used rather than setTimeout(0),
 * which browsers slow to 4 ms once nested.
 */
export function createSettler(): { settle: () => Promise<void>; close: () => void } {
  if (typeof MessageChannel === 'undefined') {
    return { settle: () => new Promise((resolve) => setTimeout(resolve, 0)), close: () => undefined };
  }
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    settle: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
    close: () => {
      channel.port1.onmessage = null;
      channel.port1.close();
      channel.port2.close();
    },
  };
}

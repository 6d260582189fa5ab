/** Calls one data source instance may have in flight at once; more wait their turn. */
export const MAX_CALLS_IN_FLIGHT = 4;

interface Waiter {
  grant(): void;
}

/**
 * At most MAX_CALLS_IN_FLIGHT upstream calls per data source instance, the rest queued
 * in the order they came: a burst of panels does not hit one tenant's upstream all at
 * once. Grafana limits concurrent queries per data source in much the same way.
 */
export class CallLimiter {
  private readonly active = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  /**
   * Waits for a free slot of instance `uid`. Resolves to the function that frees it (call
   * it once, after the call), or to undefined when `signal` aborts first: then no slot
   * was taken and no call may go out.
   */
  acquire(uid: string, signal: AbortSignal): Promise<(() => void) | undefined> {
    if (signal.aborted) return Promise.resolve(undefined);
    if ((this.active.get(uid) ?? 0) < MAX_CALLS_IN_FLIGHT) {
      this.active.set(uid, (this.active.get(uid) ?? 0) + 1);
      return Promise.resolve(this.releaser(uid));
    }
    return new Promise((resolve) => {
      const queue = this.queues.get(uid) ?? [];
      this.queues.set(uid, queue);
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser(uid));
        },
      };
      const onAbort = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        resolve(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  private releaser(uid: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queues.get(uid)?.shift();
      // The slot passes straight to the next waiter; otherwise it is free.
      if (next) next.grant();
      else this.active.set(uid, (this.active.get(uid) ?? 1) - 1);
    };
  }
}

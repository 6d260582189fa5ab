import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerPool, type PooledWorker } from './worker-pool';

class FakeWorker implements PooledWorker {
  static made = 0;
  readonly n = ++FakeWorker.made;
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => vi.useRealTimers());

describe('the artifact worker pool', () => {
  it('gives the next run the worker of a run that answered, with its handlers cleared', () => {
    const pool = createWorkerPool(() => new FakeWorker());
    const first = pool.take();
    first.onmessage = () => undefined;
    pool.release(first);
    expect(first.terminated).toBe(false);
    expect(first.onmessage).toBeNull();
    expect(pool.take()).toBe(first);
  });

  it('never keeps a worker whose run was cancelled or failed: it is terminated and the next run gets a new one', () => {
    const pool = createWorkerPool(() => new FakeWorker());
    const first = pool.take();
    pool.discard(first);
    expect(first.terminated).toBe(true);
    expect(pool.take()).not.toBe(first);
  });

  it('keeps at most maxIdle workers; the rest are terminated', () => {
    const pool = createWorkerPool(() => new FakeWorker(), { maxIdle: 2 });
    const [a, b, c] = [pool.take(), pool.take(), pool.take()];
    [a, b, c].forEach((w) => pool.release(w));
    expect(pool.idleCount()).toBe(2);
    expect([a, b, c].map((w) => w.terminated)).toEqual([false, false, true]);
  });

  it('terminates a worker left idle for idleMs, and a new run then starts a fresh one', () => {
    vi.useFakeTimers();
    const pool = createWorkerPool(() => new FakeWorker(), { idleMs: 1000 });
    const first = pool.take();
    pool.release(first);
    vi.advanceTimersByTime(999);
    expect(first.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.terminated).toBe(true);
    expect(pool.idleCount()).toBe(0);
    expect(pool.take()).not.toBe(first);
  });

  it('a worker taken again is not terminated by the idle timer of its earlier wait', () => {
    vi.useFakeTimers();
    const pool = createWorkerPool(() => new FakeWorker(), { idleMs: 1000 });
    const first = pool.take();
    pool.release(first);
    vi.advanceTimersByTime(500);
    expect(pool.take()).toBe(first);
    vi.advanceTimersByTime(5000);
    expect(first.terminated).toBe(false);
  });
});

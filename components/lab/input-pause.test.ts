import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterInputPause } from './input-pause';

describe('afterInputPause', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves after the quiet time when nothing happens', async () => {
    const target = new EventTarget();
    let paused = false;
    void afterInputPause(1000, target).then(() => (paused = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(paused).toBe(true);
  });

  it('each key, press or wheel starts the quiet time again; other events do not', async () => {
    const target = new EventTarget();
    let paused = false;
    void afterInputPause(1000, target).then(() => (paused = true));
    for (const type of ['keydown', 'pointerdown', 'wheel']) {
      await vi.advanceTimersByTimeAsync(800);
      target.dispatchEvent(new Event(type));
    }
    await vi.advanceTimersByTimeAsync(800);
    target.dispatchEvent(new Event('mousemove'));
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(paused).toBe(true);
  });

  it('stops listening once resolved', async () => {
    const target = new EventTarget();
    const removed: string[] = [];
    const remove = target.removeEventListener.bind(target);
    target.removeEventListener = (type, listener, options) => (removed.push(type), remove(type, listener, options));
    const paused = afterInputPause(10, target);
    await vi.advanceTimersByTimeAsync(10);
    await paused;
    expect(removed.sort()).toEqual(['keydown', 'pointerdown', 'wheel']);
  });
});

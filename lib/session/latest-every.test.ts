import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestEvery } from './latest-every';

describe('latestEvery', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends the first value at once, then only the latest of each interval', () => {
    const sent: number[] = [];
    const updates = latestEvery<number>(50, (v) => sent.push(v));
    updates.update(1);
    expect(sent).toEqual([1]);
    for (let v = 2; v <= 30; v++) updates.update(v);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([1, 30]);
    updates.update(31);
    vi.advanceTimersByTime(49);
    expect(sent).toEqual([1, 30]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1, 30, 31]);
  });

  it('after a quiet interval the next value goes at once again', () => {
    const sent: string[] = [];
    const updates = latestEvery<string>(50, (v) => sent.push(v));
    updates.update('a');
    vi.advanceTimersByTime(50); // nothing held: the timer ends
    vi.advanceTimersByTime(500);
    updates.update('b');
    expect(sent).toEqual(['a', 'b']);
  });

  it('stop drops what is held and sends nothing later', () => {
    const sent: number[] = [];
    const updates = latestEvery<number>(50, (v) => sent.push(v));
    updates.update(1);
    updates.update(2);
    updates.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

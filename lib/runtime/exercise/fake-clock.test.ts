import { describe, expect, it } from 'vitest';
import { createSettler, FAKE_CLOCK_START, FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('starts at a fixed epoch time and moves only when told', async () => {
    const clock = new FakeClock();
    const { settle, close } = createSettler();
    expect(clock.api.now()).toBe(FAKE_CLOCK_START);
    await clock.advance(61_000, settle);
    expect(clock.api.now()).toBe(FAKE_CLOCK_START + 61_000);
    expect(clock.elapsed).toBe(61_000);
    close();
  });

  it('fires timers in due order, same-time timers in the order they were set', async () => {
    const clock = new FakeClock();
    const { settle, close } = createSettler();
    const fired: string[] = [];
    clock.api.setTimeout(() => fired.push('b@20'), 20);
    clock.api.setTimeout(() => fired.push('a@10'), 10);
    clock.api.setTimeout(() => fired.push('c@20'), 20);
    const cancelled = clock.api.setTimeout(() => fired.push('never'), 15);
    clock.api.clearTimeout(cancelled);
    await clock.advance(19, settle);
    expect(fired).toEqual(['a@10']);
    await clock.advance(1, settle);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    close();
  });

  it('lets code woken by a timer schedule more within the same advance', async () => {
    const clock = new FakeClock();
    const { settle, close } = createSettler();
    const seen: number[] = [];
    const loop = async () => {
      for (let i = 0; i < 3; i++) {
        await clock.api.sleep(100);
        seen.push(clock.elapsed);
      }
    };
    void loop();
    await clock.advance(250, settle);
    expect(seen).toEqual([100, 200]);
    await clock.advance(50, settle);
    expect(seen).toEqual([100, 200, 300]);
    close();
  });

  it('rejects a sleep whose signal aborts, and drops its timer', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const sleeping = clock.api.sleep(1000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps a throwing timer callback from stopping the others', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.api.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    clock.api.setTimeout(() => fired.push(2), 2);
    while (clock.fireNext());
    expect(fired).toEqual([2]);
    expect(clock.callbackErrors).toHaveLength(1);
  });
});

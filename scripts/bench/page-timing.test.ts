import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a bench script in plain JavaScript, without types
import { totalBlockingTime } from './page-timing.mjs';

describe('totalBlockingTime', () => {
  it('adds up each task’s time beyond 50 ms', () => {
    expect(totalBlockingTime([120, 60, 400])).toBe(70 + 10 + 350);
  });

  it('is 0 with no long task, and a task of exactly 50 ms blocks nothing', () => {
    expect(totalBlockingTime([])).toBe(0);
    expect(totalBlockingTime([50])).toBe(0);
  });
});

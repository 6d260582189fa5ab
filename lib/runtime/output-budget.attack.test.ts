import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS, measureOutput, OUTPUT_LIMITS } from './output-budget';

describe('measureOutput (attack: oversized, deep and circular answers)', () => {
  it('accepts an ordinary answer and estimates its JSON size', () => {
    const answer = { responses: { A: { frames: [{ schema: { fields: [{ name: 'time' }, { name: 'v' }] }, data: { values: [[1, 2, 3], [4, 5, 6]] } }] } } };
    const measured = measureOutput(answer);
    expect(measured.ok).toBe(true);
    if (measured.ok) {
      const real = JSON.stringify(answer).length;
      expect(measured.bytes).toBeGreaterThan(real / 2);
      expect(measured.bytes).toBeLessThan(real * 3);
    }
  });

  it('refuses a 100 MB string', () => {
    expect(measureOutput({ values: ['x'.repeat(100 * 1024 * 1024)] })).toEqual({ ok: false, reason: expect.stringContaining('larger than 32 MB') });
  });

  it('refuses a huge array at once, without walking it', () => {
    const huge = new Array(50_000_000);
    const started = performance.now();
    expect(measureOutput({ values: huge })).toEqual({ ok: false, reason: expect.stringContaining('more than 4,000,000 values') });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a circular object and a very deep one, without recursion', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    expect(measureOutput({ frames: [circular] })).toEqual({ ok: false, reason: expect.stringContaining('circular reference') });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(measureOutput(deep)).toEqual({ ok: false, reason: expect.stringContaining(`more than ${OUTPUT_LIMITS.maxDepth} levels`) });
  });

  it('counts a shared object each time it appears, as JSON would write it', () => {
    let node: unknown = ['x'.repeat(1000)];
    for (let i = 0; i < 30; i++) node = [node, node]; // 2^30 leaves when written out
    expect(measureOutput(node).ok).toBe(false);
  });

  it('cannot be fooled by replacing Object.keys or Array.isArray after it loaded', () => {
    const keys = Object.keys;
    const isArray = Array.isArray;
    try {
      Object.keys = () => [];
      Array.isArray = ((_: unknown) => false) as typeof Array.isArray;
      expect(measureOutput({ big: 'x'.repeat(40 * 1024 * 1024) }).ok).toBe(false);
      expect(measureOutput([['x'.repeat(40 * 1024 * 1024)]]).ok).toBe(false);
    } finally {
      Object.keys = keys;
      Array.isArray = isArray;
    }
  });

  it('gives the host a little room for the message envelope', () => {
    expect(MESSAGE_LIMITS.maxBytes).toBeGreaterThan(OUTPUT_LIMITS.maxBytes);
    expect(MESSAGE_LIMITS.maxDepth).toBeGreaterThan(OUTPUT_LIMITS.maxDepth);
  });
});

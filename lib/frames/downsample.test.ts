import { describe, expect, it } from 'vitest';
import { downsampleFrame, frameFromWire, lttbIndices } from './index';
import { wideJSON } from './test-fixtures';

describe('lttbIndices', () => {
  it('keeps first, last and the peak, and returns exactly the threshold', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const ys = xs.map((x) => (x === 500 ? 1000 : Math.sin(x / 50)));
    const idx = lttbIndices(xs, ys, 100);
    expect(idx).toHaveLength(100);
    expect(idx[0]).toBe(0);
    expect(idx[99]).toBe(999);
    expect(idx).toContain(500);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('returns every index when there are few points', () => {
    expect(lttbIndices([1, 2, 3], [1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps a null where a bucket is mostly null, so the gap stays', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const ys = xs.map((x) => (x >= 40 && x < 60 ? null : x));
    const idx = lttbIndices(xs, ys, 10);
    expect(idx.some((i) => ys[i] === null)).toBe(true);
  });
});

describe('downsampleFrame', () => {
  it('splits a wide frame into one downsampled frame per series', () => {
    const frame = frameFromWire(wideJSON(500));
    const out = downsampleFrame(frame, 50);
    expect(out).toHaveLength(2);
    for (const f of out) {
      expect(f.length).toBe(50);
      expect(f.fields.map((x) => x.values.length)).toEqual([50, 50]);
    }
    expect(out[1].fields[1].labels).toEqual({ host: 'b' });
    expect(frame.fields[1].values).toHaveLength(500);
  });
});

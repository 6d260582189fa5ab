import { describe, expect, it } from 'vitest';
import { labRunSchema } from '../labs/schema';
import { seededNow } from '../upstreams/seed';
import { buildQueryDataRequest, checkClock } from './request';

describe('checkClock', () => {
  it('ends at the seed’s now and draws the range between half the lab’s and all of it, in whole minutes', () => {
    const ranges = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const clock = checkClock({ rangeMs: 3_600_000 }, seed);
      expect(clock.now).toBe(seededNow(seed));
      expect(clock.rangeMs % 60_000).toBe(0);
      expect(clock.rangeMs).toBeGreaterThanOrEqual(1_800_000);
      expect(clock.rangeMs).toBeLessThanOrEqual(3_600_000);
      ranges.add(clock.rangeMs);
    }
    expect(ranges.size).toBeGreaterThan(20);
  });

  it('is the same for the same seed', () => {
    expect(checkClock({ rangeMs: 21_600_000 }, 5)).toEqual(checkClock({ rangeMs: 21_600_000 }, 5));
  });

  it('keeps a range too short to draw in minutes as it is', () => {
    expect(checkClock({ rangeMs: 90_000 }, 5).rangeMs).toBe(90_000);
  });
});

describe('buildQueryDataRequest', () => {
  const run = labRunSchema.parse({ queries: [{ refId: 'A', json: { metric: 'cpu_usage_percent' } }], rangeMs: 600_000 });

  it('gives every query the default range ending at now, unless it has its own', () => {
    const own = { from: 1_000, to: 2_000 };
    const request = buildQueryDataRequest(run, 1_800_000_000_000, { queries: [{ json: {} }, { json: {}, timeRange: own }] });
    expect(request.queries.map((q) => q.timeRange)).toEqual([{ from: 1_800_000_000_000 - 600_000, to: 1_800_000_000_000 }, own]);
  });
});

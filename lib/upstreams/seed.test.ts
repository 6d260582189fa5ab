import { describe, expect, it } from 'vitest';
import { drawSeed, runSeedSchema, SEEDED_CLOCK_SPAN, seededNow, seededUnit } from './seed';

describe('drawSeed', () => {
  it('gives an unsigned 32-bit integer, a different one each time', () => {
    const seeds = Array.from({ length: 20 }, drawSeed);
    for (const seed of seeds) expect(runSeedSchema.safeParse(seed).success).toBe(true);
    // 20 draws from 2^32 values: a repeat would be a broken generator, not bad luck.
    expect(new Set(seeds).size).toBe(20);
  });
});

describe('seededNow', () => {
  it('is a whole second inside the span, the same for the same seed', () => {
    for (const seed of [0, 1, 2, 0xffff_ffff, 123_456_789]) {
      const now = seededNow(seed);
      expect(now % 1000).toBe(0);
      expect(now).toBeGreaterThanOrEqual(SEEDED_CLOCK_SPAN.fromMs);
      expect(now).toBeLessThan(SEEDED_CLOCK_SPAN.toMs);
      expect(seededNow(seed)).toBe(now);
    }
  });

  it('differs between seeds, even neighbouring ones', () => {
    const clocks = new Set(Array.from({ length: 100 }, (_, seed) => seededNow(seed)));
    expect(clocks.size).toBe(100);
  });
});

describe('seededUnit', () => {
  it('keeps each purpose on its own stream', () => {
    expect(seededUnit(7, 1)).not.toBe(seededUnit(7, 2));
    expect(seededUnit(7, 1, 0)).not.toBe(seededUnit(7, 1, 1));
    expect(seededUnit(7, 1, 3)).toBe(seededUnit(7, 1, 3));
  });
});

import { describe, expect, it } from 'vitest';
import {
  drawFor,
  isJson,
  missingText,
  nonObjectJsons,
  notJson,
  refIds,
  showText,
  TEXT_AGGREGATION_KINDS,
  unknownAggregation,
  unknownAggregations,
  UNKNOWN_AGGREGATION_KINDS,
  wrongKey,
} from './draw';

const VALID = ['avg', 'sum', 'min', 'max'];
const QUERY = { metric: 'cpu_usage_percent', aggregation: 'avg' };
const SEEDS = Array.from({ length: 200 }, (_, i) => (i * 2_654_435_761) >>> 0);

describe('drawFor', () => {
  it('gives the same draws for the same seed and purpose, and others for another seed or purpose', () => {
    const run = (seed: number, purpose: string) => {
      const d = drawFor({ seed }, purpose);
      return [d.unit(), d.int(1, 100), d.letters(3, 8)];
    };
    expect(run(7, 'a')).toEqual(run(7, 'a'));
    expect(run(7, 'a')).not.toEqual(run(8, 'a'));
    expect(run(7, 'a')).not.toEqual(run(7, 'b'));
  });

  it('keeps int within its bounds and sample without repeats', () => {
    const d = drawFor({ seed: 1 }, 'bounds');
    for (let i = 0; i < 500; i++) {
      const n = d.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
    }
    const picked = d.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(picked).size).toBe(3);
  });
});

describe('unknownAggregation', () => {
  it('is never a valid aggregation nor null, for every kind', () => {
    for (const seed of SEEDS) {
      const d = drawFor({ seed }, 'agg');
      for (const kind of UNKNOWN_AGGREGATION_KINDS) {
        const value = unknownAggregation(d, VALID, kind);
        expect(VALID).not.toContain(value);
        expect(value).not.toBeNull();
        expect(value).not.toBeUndefined();
        if (TEXT_AGGREGATION_KINDS.includes(kind)) expect(typeof value).toBe('string');
      }
    }
  });

  it('draws a text first kind, another text and a non-text value in every set of three', () => {
    for (const seed of SEEDS) {
      const values = unknownAggregations(drawFor({ seed }, 'set'), VALID, 3);
      expect(values).toHaveLength(3);
      expect(values.filter((v) => typeof v === 'string').length).toBeGreaterThanOrEqual(2);
      expect(values.some((v) => typeof v !== 'string')).toBe(true);
    }
  });

  it('changes from Run to Run', () => {
    const sets = new Set(SEEDS.map((seed) => JSON.stringify(unknownAggregations(drawFor({ seed }, 'set'), VALID, 3))));
    expect(sets.size).toBeGreaterThan(SEEDS.length * 0.9);
  });
});

describe('query texts', () => {
  it('notJson is never JSON', () => {
    for (const seed of SEEDS) {
      const d = drawFor({ seed }, 'text');
      for (let i = 0; i < 5; i++) expect(isJson(notJson(d, QUERY)), `seed ${seed}`).toBe(false);
    }
  });

  it('nonObjectJsons is JSON that is not an object, null always among them', () => {
    for (const seed of SEEDS) {
      const texts = nonObjectJsons(drawFor({ seed }, 'texts'), QUERY, 4);
      expect(texts).toHaveLength(4);
      const values = texts.map((t) => JSON.parse(t) as unknown);
      expect(values).toContain(null);
      for (const value of values) expect(value === null || typeof value !== 'object' || Array.isArray(value)).toBe(true);
    }
  });

  it('missingText is never a usable text', () => {
    for (const seed of SEEDS) {
      const value = missingText(drawFor({ seed }, 'missing'), 'cpu_usage_percent');
      expect(typeof value === 'string' && value.length > 0).toBe(false);
    }
  });
});

describe('wrongKey and refIds', () => {
  const real = 'lab-metrics-key-7f3a9c21';
  it('wrongKey differs from the real key, neither contains the other, and it has no blanks', () => {
    for (const seed of SEEDS) {
      const key = wrongKey(drawFor({ seed }, 'key'), real);
      expect(key).not.toBe(real);
      expect(key.includes(real) || real.includes(key)).toBe(false);
      expect(key).toMatch(/^\S{8,}$/);
    }
  });

  it('refIds are distinct, plain and never an object member name', () => {
    for (const seed of SEEDS) {
      const ids = refIds(drawFor({ seed }, 'refs'), 4);
      expect(new Set(ids).size).toBe(4);
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{1,20}$/);
        expect(id in Object.prototype).toBe(false);
      }
    }
  });
});

describe('showText', () => {
  it('shows plain text in backticks and blanks as a quoted string', () => {
    expect(showText('{"metric":"x"}')).toBe('`{"metric":"x"}`');
    expect(showText('')).toBe('""');
    expect(showText(' null')).toBe('" null"');
    expect(showText('a\nb')).toBe('"a\\nb"');
  });
});

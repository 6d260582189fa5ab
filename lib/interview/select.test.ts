import { describe, expect, it } from 'vitest';
import { EMPTY_INTERVIEW } from './progress-schema';
import { averageScore, byDifficulty, filterQuestions, knownFilters, pickRandom, practiceSummary, suggestedScore, trendDirection } from './select';
import * as S from './state';

const bank = [
  { id: 'a', category: 'coding', difficulty: 'intermediate' },
  { id: 'b', category: 'coding', difficulty: 'advanced' },
  { id: 'c', category: 'system-design', difficulty: 'advanced' },
  { id: 'd', category: 'scenario', difficulty: 'advanced' },
] as const;

describe('filtering the bank', () => {
  it('treats an empty filter as "any" and combines categories with difficulties', () => {
    expect(filterQuestions(bank, { categories: [], difficulties: [] }).map((q) => q.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterQuestions(bank, { categories: ['coding'], difficulties: [] }).map((q) => q.id)).toEqual(['a', 'b']);
    expect(filterQuestions(bank, { categories: ['coding', 'scenario'], difficulties: ['advanced'] }).map((q) => q.id)).toEqual(['b', 'd']);
  });

  it('ignores saved filter values the bank no longer knows', () => {
    expect(knownFilters({ categories: ['coding', 'retired-category'], difficulties: ['expert'] })).toEqual({ categories: ['coding'], difficulties: [] });
    expect(filterQuestions(bank, { categories: ['retired-category'], difficulties: [] })).toHaveLength(4);
  });
});

describe('ordering the bank for a junior', () => {
  it('lists beginner questions first, then intermediate, then advanced, in bank order within a level', () => {
    const mixed = [
      { id: 'adv-1', number: 1, difficulty: 'advanced' },
      { id: 'int-2', number: 2, difficulty: 'intermediate' },
      { id: 'beg-17', number: 17, difficulty: 'beginner' },
      { id: 'int-4', number: 4, difficulty: 'intermediate' },
      { id: 'beg-16', number: 16, difficulty: 'beginner' },
    ] as const;
    expect(byDifficulty(mixed).map((q) => q.id)).toEqual(['beg-16', 'beg-17', 'int-2', 'int-4', 'adv-1']);
    expect(mixed[0].id).toBe('adv-1'); // the input is left as it was
  });

  it('keeps a beginner filter saved in progress', () => {
    expect(knownFilters({ categories: [], difficulties: ['beginner'] })).toEqual({ categories: [], difficulties: ['beginner'] });
  });
});

describe('picking questions at random', () => {
  it('returns n distinct items from the pool', () => {
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickRandom(bank, 3);
      expect(picked).toHaveLength(3);
      expect(new Set(picked).size).toBe(3);
      for (const q of picked) expect(bank).toContain(q);
    }
  });

  it('follows the random source, and caps n at the pool size', () => {
    expect(pickRandom(bank, 2, () => 0).map((q) => q.id)).toEqual(['a', 'b']);
    expect(pickRandom(bank, 2, () => 0.999).map((q) => q.id)).toEqual(['d', 'a']);
    expect(pickRandom(bank, 10)).toHaveLength(4);
    expect(pickRandom(bank, 0)).toEqual([]);
  });

  it('reaches every question over many draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(pickRandom(bank, 1)[0].id);
    expect(seen.size).toBe(4);
  });
});

describe('practice summaries', () => {
  it('tells untouched, in progress and scored apart', () => {
    expect(practiceSummary(EMPTY_INTERVIEW, 'a')).toEqual({ attempts: 0, inProgress: false });
    const started = S.revealHint(EMPTY_INTERVIEW, 'a', 3);
    expect(practiceSummary(started, 'a')).toMatchObject({ attempts: 0, inProgress: true });
    const scored = S.saveScore(started, 'a', 4, ['k'], 1000);
    expect(practiceSummary(scored, 'a')).toMatchObject({ attempts: 1, inProgress: false, last: { score: 4 } });
  });

  it('averages and describes trends', () => {
    expect(averageScore([3, 4, undefined, 4])).toBe(3.7);
    expect(averageScore([undefined])).toBeUndefined();
    expect(trendDirection([2, 5, 3])).toBe('up');
    expect(trendDirection([4, 2])).toBe('down');
    expect(trendDirection([3, 1, 3])).toBe('flat');
    expect(trendDirection([3])).toBeUndefined();
  });
});

describe('suggested score', () => {
  it('maps the share of key points covered onto 1..5, only once all are ticked', () => {
    expect(suggestedScore(0, 7, 7)).toBe(1);
    expect(suggestedScore(7, 7, 7)).toBe(5);
    expect(suggestedScore(4, 7, 7)).toBe(3);
    expect(suggestedScore(6, 6, 7)).toBeUndefined();
    expect(suggestedScore(0, 0, 0)).toBeUndefined();
  });
});

/** Week 4's page leads to this simulation (content/weeks.json `exercises`), and every id a week lists exists. */
import { describe, expect, it } from 'vitest';
import { loadAllExercises } from '@/lib/exercises/load';
import { loadWeeks } from '@/lib/labs/weeks';

describe('weeks link their simulations', () => {
  it('lists no-data under week 4', () => {
    expect(loadWeeks().find((w) => w.number === 4)?.exercises).toContain('no-data');
  });

  it('names only exercises that exist', () => {
    const ids = new Set(loadAllExercises().map((e) => e.id));
    for (const week of loadWeeks()) for (const id of week.exercises ?? []) expect(ids.has(id), `week ${week.number}: ${id}`).toBe(true);
  });
});

// @vitest-environment node
/**
 * Random local progress and random backups (labs, exercises, interview attempts,
 * drafts and mock interviews), imported with no ticks, every tick, or some ticks.
 * Promises: no local item is lost unless its own tick says so; everything only in the
 * backup is added; each ticked conflict takes the backup's copy; the result is valid
 * saved progress; and the next save, which merges the result with what storage held
 * before the import, takes none of that back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { own } from './dict';
import { applyImport, previewImport } from './import-plan';
import { comparable, itemsOf, type ProgressItem } from './import-items';
import { mergeProgress, sameData } from './merge';
import { progressSchema, type Progress } from './schema';

const TIMES = [0, 1, 2, 3, 4].map((s) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString());
const AT = '2026-06-01T00:00:00.000Z';
const time = fc.constantFrom(...TIMES);
const text = fc.constantFrom('a', 'b', 'c');

const labArb = fc
  .record({
    files: fc.dictionary(fc.constantFrom('handler.ts', 'query.ts', 'toString'), text, { maxKeys: 3 }),
    resets: fc.array(fc.constantFrom('handler.ts', 'settings.ts'), { maxLength: 1 }),
    times: fc.dictionary(fc.constantFrom('handler.ts', 'query.ts', 'toString', 'settings.ts'), time),
    answers: fc.dictionary(fc.constantFrom('q1', 'q2'), fc.record({ choice: fc.constantFrom('a', 'b'), correct: fc.boolean(), at: time }), { maxKeys: 2 }),
    lastRun: fc.option(fc.record({ at: time, passed: fc.integer({ min: 0, max: 3 }), total: fc.constant(3), checks: fc.constant({}) }), { nil: undefined }),
    scenarioId: fc.option(fc.constantFrom('normal', 'slow'), { nil: undefined }),
    updatedAt: time,
  })
  .map(({ files, resets, times, ...rest }) => {
    const fileTimes: Record<string, string> = {};
    for (const path of [...Object.keys(files), ...resets]) fileTimes[path] = own(times, path) ?? TIMES[0];
    for (const path of resets) delete files[path];
    return { files, fileTimes, ...rest };
  });

const exerciseArb = fc.record(
  {
    files: fc.dictionary(fc.constantFrom('lru-cache.ts', 'index.ts'), text, { maxKeys: 2 }),
    diagnosis: fc.record({ choice: fc.constantFrom('a', 'b'), correct: fc.boolean(), at: time }),
    lastResult: fc.record({ at: time, passed: fc.integer({ min: 0, max: 4 }), total: fc.constant(4) }),
  },
  { requiredKeys: ['files'] },
);

const attemptArb = fc.record({ at: time, score: fc.integer({ min: 1, max: 5 }), hintsUsed: fc.constant(0), elapsedMs: fc.constantFrom(0, 1000), mode: fc.constantFrom('practice' as const, 'mock' as const) });
const questionArb = fc.record({
  draft: fc.record({ notes: fc.constantFrom('', 'x', 'y') }),
  attempts: fc.uniqueArray(attemptArb, { selector: (a) => `${a.at}|${a.mode}`, maxLength: 4 }).map((list) => [...list].sort((a, b) => a.at.localeCompare(b.at))),
});
const mockArb = fc.record({
  id: fc.constantFrom('mock-1', 'mock-2', 'mock-3'),
  startedAt: time,
  finishedAt: time,
  questionIds: fc.constant(['bounded-cache']),
  plannedMinutes: fc.constant(10),
  timer: fc.record({ elapsedMs: fc.constantFrom(5, 6) }),
});
const interviewArb = fc.record({
  questions: fc.dictionary(fc.constantFrom('bounded-cache', 'retries', 'constructor'), questionArb, { maxKeys: 3 }),
  mocks: fc.uniqueArray(mockArb, { selector: (m) => m.id, maxLength: 3 }).map((list) => [...list].sort((a, b) => a.startedAt.localeCompare(b.startedAt))),
});

const progressArb: fc.Arbitrary<Progress> = fc
  .record(
    {
      labs: fc.dictionary(fc.constantFrom('week-1/a', 'week-2/b', 'toString'), labArb, { maxKeys: 3 }),
      exercises: fc.dictionary(fc.constantFrom('lru-ttl-cache', 'memory-leak'), exerciseArb, { maxKeys: 2 }),
      interview: interviewArb,
      fieldTimes: fc.record({ interview: time, exercises: time }),
    },
    { requiredKeys: ['labs'] },
  )
  .map((raw) => progressSchema.parse({ version: 2, ...raw }));

/** Every item of `progress` as its comparable value, by key. */
const view = (progress: Progress) => new Map([...itemsOf(progress)].map(([key, item]) => [key, item]));
const same = (a: ProgressItem | undefined, b: ProgressItem | undefined) => sameData(comparable(a), comparable(b));
/** A file reset to the starter and "no file" both mean the starter. */
const held = (item: ProgressItem | undefined) => item !== undefined && item.value !== undefined;

function checkImport(local: Progress, backup: Progress, pick: (index: number) => boolean) {
  const preview = previewImport(local, backup);
  const conflicts = preview.items.filter((i) => i.outcome === 'conflict');
  const ticked = new Set(conflicts.filter((_, i) => pick(i)).map((i) => i.key));
  const result = applyImport(local, backup, { replace: ticked, at: AT });
  expect(progressSchema.safeParse(result).success).toBe(true);
  const backupItems = itemsOf(backup);

  // The result itself, and what the next save makes of it against the storage of before.
  for (const outcome of [result, mergeProgress(result, local)]) {
    const got = view(outcome);
    for (const [key, mine] of itemsOf(local)) {
      const expected = ticked.has(key) ? backupItems.get(key) : mine;
      if (held(expected)) expect(same(got.get(key), expected), `${key} is kept`).toBe(true);
      else expect(held(got.get(key)), `${key} stays the starter`).toBe(false);
    }
    for (const item of preview.items.filter((i) => i.outcome === 'add')) {
      if (held(item)) expect(same(got.get(item.key), item), `${item.key} is added`).toBe(true);
    }
  }
  // Every run result taken from the backup says so.
  for (const item of preview.items) {
    const taken = item.outcome === 'add' || ticked.has(item.key);
    if (!taken || !(item.kind === 'last-result' || (item.kind === 'field' && item.name === 'lastRun'))) continue;
    expect((view(result).get(item.key)?.value as { source?: string }).source).toBe('import');
  }
}

describe('importing a backup (property)', () => {
  it('with no ticks, loses no local item and adds everything only in the backup', () => {
    fc.assert(fc.property(progressArb, progressArb, (local, backup) => checkImport(local, backup, () => false)), { numRuns: 400 });
  });

  it("with every tick, each conflict takes the backup's copy and nothing unrelated is lost", () => {
    fc.assert(fc.property(progressArb, progressArb, (local, backup) => checkImport(local, backup, () => true)), { numRuns: 400 });
  });

  it('with some ticks, exactly the ticked items change', () => {
    fc.assert(
      fc.property(progressArb, progressArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (local, backup, ticks) =>
        checkImport(local, backup, (i) => ticks[i % ticks.length]),
      ),
      { numRuns: 400 },
    );
  });

  it('importing a backup into itself changes nothing', () => {
    fc.assert(
      fc.property(progressArb, (progress) => {
        expect(previewImport(progress, progress).items.every((i) => i.outcome === 'same')).toBe(true);
        expect(sameData(applyImport(progress, progress, { replace: 'all', at: AT }), progress)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

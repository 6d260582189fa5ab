/**
 * Names from a backup that are also members of Object.prototype (`toString`,
 * `constructor`, `isPrototypeOf`) are ordinary ids: they import as entries like any
 * other, and `__proto__` is refused with a reason. Nothing reaches a prototype.
 */
import { describe, expect, it } from 'vitest';
import { applyImport, BACKUP_FORMAT, previewImport, readBackup } from './backup';
import { isLabComplete } from './completion';
import { mergeProgress } from './merge';
import { progressSchema, type Progress } from './schema';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const AT = '2026-02-01T00:00:00.000Z';

const attempt = { at: T1, score: 4, hintsUsed: 0, elapsedMs: 1000, mode: 'practice' };
const draft = { notes: 'n', hintsRevealed: 0, rubricRevealed: false, coverage: { constructor: 'covered' }, timer: { elapsedMs: 0 } };

/** Written as text, as a backup file is: an object literal would treat `__proto__` specially. */
const backupText = `{"format":"${BACKUP_FORMAT}","exportedAt":"${T2}","progress":{"version":2,
  "labs":{
    "toString":{"files":{"constructor":"code in constructor","toString":"code in toString"},"fileTimes":{"constructor":"${T1}","toString":"${T1}"},
      "answers":{"isPrototypeOf":{"choice":"a","correct":true,"at":"${T1}"}},
      "queries":[{"refId":"toString","json":"{}"}],"lastRun":{"at":"${T1}","passed":1,"total":1,"checks":{"valueOf":"pass"}},
      "updatedAt":"${T1}","fieldTimes":{"queries":"${T1}","lastRun":"${T1}"}},
    "constructor":{"files":{"hasOwnProperty":"x"},"answers":{},"updatedAt":"${T1}"}},
  "exercises":{"constructor":{"files":{"toString":"class LRU {}"},"diagnosis":{"choice":"b","correct":true,"at":"${T1}"}}},
  "interview":{"questions":{"toString":{"draft":${JSON.stringify(draft)},"attempts":[${JSON.stringify(attempt)}]}},"filters":{"categories":[],"difficulties":[]},
    "mocks":[{"id":"constructor","startedAt":"${T1}","finishedAt":"${T2}","questionIds":["toString"],"plannedMinutes":10,"timer":{"elapsedMs":5},
      "answers":{"toString":{"notes":"","hintsRevealed":0,"keyPointsShown":false,"score":3,"timeMs":5}}}]},
  "fieldTimes":{"interview":"${T1}","exercises":"${T1}"}}}`;

/** The entry under `key`, typed as an entry (a literal `.toString` would type as the method). */
const entry = <T>(map: Record<string, T>, key: string): T => map[key];

const local: Progress = { version: 2, labs: { 'week-2/first-query-path': { files: { 'handler.ts': 'mine' }, fileTimes: { 'handler.ts': T2 }, answers: {}, updatedAt: T2 } } };

function readOk(text: string): Progress {
  const read = readBackup(text);
  if (!read.ok) throw new Error(read.reason);
  return read.progress;
}

describe('importing ids named like Object.prototype members', () => {
  it('reads them as ordinary entries, without a prototype to fall back on', () => {
    const backup = readOk(backupText);
    expect(Object.keys(backup.labs)).toEqual(['toString', 'constructor']);
    expect(Object.getPrototypeOf(backup.labs)).toBeNull();
    expect(entry(entry(backup.labs, 'toString').files, 'constructor')).toBe('code in constructor');
    expect(Object.keys(backup.exercises!)).toEqual(['constructor']);
    expect(Object.keys(backup.interview!.questions)).toEqual(['toString']);
  });

  it('previews and imports every one of them as an addition', () => {
    const backup = readOk(backupText);
    const preview = previewImport(local, backup);
    expect(preview.conflicts).toBe(0);
    const added = preview.items.filter((i) => i.outcome === 'add').map((i) => `${i.scope}:${i.owner ?? ''}:${i.kind}:${i.name}`);
    expect(added).toEqual(
      expect.arrayContaining([
        'lab:toString:file:constructor',
        'lab:toString:file:toString',
        'lab:toString:answer:isPrototypeOf',
        'lab:toString:field:queries',
        'lab:constructor:file:hasOwnProperty',
        'exercise:constructor:exercise-file:toString',
        'exercise:constructor:diagnosis:diagnosis',
        `question:toString:attempt:${T1}|practice`,
        'question:toString:draft:draft',
        'mocks::mock:constructor',
      ]),
    );

    const result = applyImport(local, backup, { replace: new Set(), at: AT });
    const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
    expect(own(result.labs, 'toString') && own(result.labs, 'constructor')).toBe(true);
    expect(entry(result.labs, 'toString').files).toEqual({ constructor: 'code in constructor', toString: 'code in toString' });
    expect(entry(entry(result.labs, 'toString').answers, 'isPrototypeOf').choice).toBe('a');
    expect(entry(result.labs, 'toString').queries).toEqual([{ refId: 'toString', json: '{}' }]);
    expect(entry(result.labs, 'toString').lastRun?.source).toBe('import');
    expect(isLabComplete(entry(result.labs, 'toString'), [])).toBe(false);
    expect(entry(entry(result.labs, 'constructor').files, 'hasOwnProperty')).toBe('x');
    expect(result.labs['week-2/first-query-path'].files['handler.ts']).toBe('mine');
    expect(entry(entry(result.exercises!, 'constructor').files, 'toString')).toBe('class LRU {}');
    expect(entry(result.interview!.questions, 'toString').attempts).toHaveLength(1);
    expect(result.interview!.mocks.map((m) => m.id)).toEqual(['constructor']);
    // The result is valid saved progress, and the next save (merged with what storage held) keeps it.
    expect(progressSchema.safeParse(result).success).toBe(true);
    const saved = mergeProgress(result, local);
    expect(entry(entry(saved.labs, 'toString').files, 'constructor')).toBe('code in constructor');
    expect(entry(saved.interview!.questions, 'toString').attempts).toHaveLength(1);
    expect(entry(entry(saved.exercises!, 'constructor').files, 'toString')).toBe('class LRU {}');

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({}).toString).toBe('function');
  });

  it.each([
    ['a lab id', `{"__proto__":{"files":{},"answers":{},"updatedAt":"${T1}"}}`, '{}'],
    ['a file path', `{"l":{"files":{"__proto__":"x"},"answers":{},"updatedAt":"${T1}"}}`, '{}'],
    ['an exercise id', '{}', '{"__proto__":{"polluted":true}}'],
  ])('refuses __proto__ as %s, saying why, and pollutes nothing', (_what, labs, exercises) => {
    const text = `{"format":"${BACKUP_FORMAT}","exportedAt":"${T2}","progress":{"version":2,"labs":${labs},"exercises":${exercises}}}`;
    expect(readBackup(text)).toMatchObject({ ok: false, reason: expect.stringContaining('"__proto__", which JavaScript reserves') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

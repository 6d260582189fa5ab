import { describe, expect, it } from 'vitest';
import { applyImport, BACKUP_FORMAT, createBackup, MAX_BACKUP_BYTES, previewImport, readBackup } from './backup';
import { isLabComplete } from './completion';
import { mergeProgress } from './merge';
import { PROGRESS_VERSION, type LabProgress, type Progress } from './schema';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const T3 = '2026-01-03T00:00:00.000Z';

function lab(files: Record<string, [string | undefined, string]>, extra: Partial<LabProgress> = {}): LabProgress {
  const entries = Object.entries(files);
  return {
    files: Object.fromEntries(entries.filter(([, [text]]) => text !== undefined).map(([path, [text]]) => [path, text!])),
    fileTimes: Object.fromEntries(entries.map(([path, [, at]]) => [path, at])),
    answers: {},
    updatedAt: T1,
    ...extra,
  };
}

const progress = (labs: Record<string, LabProgress>, extra: Record<string, unknown> = {}): Progress => ({ version: PROGRESS_VERSION, labs, ...extra }) as Progress;

describe('createBackup / readBackup', () => {
  it('round-trips all progress, including fields added by other features', () => {
    const saved = progress(
      { l: lab({ 'handler.ts': ['code', T1] }, { answers: { q1: { choice: 'a', correct: true, at: T1 } }, lastRun: { at: T1, passed: 1, total: 2, checks: { a: 'pass', b: 'fail' } } }) },
      { fieldTimes: { x: T1 } },
    );
    const { text, fileName } = createBackup(saved, new Date(T2));
    expect(fileName).toBe('datasource-lab-backup-2026-01-02-00-00.json');
    expect(JSON.parse(text)).toMatchObject({ format: BACKUP_FORMAT, exportedAt: T2 });
    expect(readBackup(text)).toEqual({ ok: true, progress: saved, fromVersion: PROGRESS_VERSION, exportedAt: T2 });
  });

  it('migrates a backup of an older version', () => {
    const v1 = { format: BACKUP_FORMAT, exportedAt: T1, progress: { version: 1, labs: { l: { files: { 'a.ts': 'x' }, answers: {}, updatedAt: T1 } } } };
    const result = readBackup(JSON.stringify(v1));
    expect(result).toMatchObject({ ok: true, fromVersion: 1, progress: { version: PROGRESS_VERSION, labs: { l: { files: { 'a.ts': 'x' }, fileTimes: { 'a.ts': T1 } } } } });
  });

  it('accepts a raw copy of saved progress (what the quarantine banner downloads)', () => {
    expect(readBackup(JSON.stringify({ state: { version: 1, labs: {} }, version: 1 }))).toMatchObject({ ok: true, fromVersion: 1 });
  });

  it('refuses a backup from a newer release, saying why', () => {
    const result = readBackup(JSON.stringify({ format: BACKUP_FORMAT, exportedAt: T1, progress: { version: PROGRESS_VERSION + 1, labs: {} } }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/newer release.*version 3/) });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['another format', JSON.stringify({ format: 'something-else', exportedAt: T1, progress: {} }), /not a Datasource Lab backup \(format/],
    ['no format', JSON.stringify({ hello: 1 }), /no "format"/],
    ['an array', '[]', /not a JSON object/],
    ['an unknown version', JSON.stringify({ format: BACKUP_FORMAT, exportedAt: T1, progress: { version: 'two', labs: {} } }), /unknown version/],
    ['a bad shape', JSON.stringify({ format: BACKUP_FORMAT, exportedAt: T1, progress: { version: 2, labs: { l: { files: [] } } } }), /labs\.l\.files/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    expect(readBackup(text)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses a file over the size cap before parsing it', () => {
    const huge = `{"format":"${BACKUP_FORMAT}","pad":"${'x'.repeat(MAX_BACKUP_BYTES)}"}`;
    expect(readBackup(huge)).toMatchObject({ ok: false, reason: expect.stringContaining('at most 5.0 MB') });
    // Multi-byte text is measured in bytes, not characters.
    const wide = `{"pad":"${'é'.repeat(MAX_BACKUP_BYTES / 2 + 10)}"}`;
    expect(readBackup(wide)).toMatchObject({ ok: false, reason: expect.stringContaining('at most') });
  });

  it.each([
    `{"format":"${BACKUP_FORMAT}","exportedAt":"${T1}","progress":{"version":2,"labs":{},"__proto__":{"polluted":true}}}`,
    `{"format":"${BACKUP_FORMAT}","exportedAt":"${T1}","progress":{"version":2,"labs":{"l":{"files":{"__proto__":{"polluted":true}},"answers":{},"updatedAt":"x"}}}}`,
    `{"__proto__":{"polluted":true},"state":{"version":2,"labs":{}}}`,
  ])('refuses prototype-polluting keys and pollutes nothing: %s', (text) => {
    const result = readBackup(text);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('key "__proto__"') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('previewImport / applyImport', () => {
  // Local: handler.ts edited at T3 (newer than the backup), query.ts at T1 (older).
  const local = progress({ l: lab({ 'handler.ts': ['local newer', T3], 'query.ts': ['local older', T1] }) });
  const backup = progress({
    l: lab({ 'handler.ts': ['backup', T2], 'query.ts': ['backup query', T2], 'extra.ts': ['added', T2] }, { answers: { q1: { choice: 'b', correct: false, at: T2 } } }),
    other: lab({ 'a.ts': ['other lab', T1] }),
  });
  const at = '2026-02-01T00:00:00.000Z';

  it('shows, per lab and file, what the import would do', () => {
    const preview = previewImport(local, backup);
    const outcome = (labId: string, name: string) => preview.items.find((i) => i.owner === labId && i.name === name)?.outcome;
    expect(outcome('l', 'handler.ts')).toBe('conflict');
    // Newer in the backup, but still this browser's work: a conflict, not a silent update.
    expect(outcome('l', 'query.ts')).toBe('conflict');
    expect(outcome('l', 'extra.ts')).toBe('add');
    expect(outcome('l', 'q1')).toBe('add');
    expect(outcome('other', 'a.ts')).toBe('add');
    expect(preview.conflicts).toBe(2);
    expect(previewImport(backup, backup).items.every((i) => i.outcome === 'same')).toBe(true);
  });

  it('keeps every local item unless the learner ticks it, whichever side is newer', () => {
    const merged = applyImport(local, backup, { replace: new Set(), at });
    expect(merged.labs.l.files).toEqual({ 'handler.ts': 'local newer', 'query.ts': 'local older', 'extra.ts': 'added' });
    expect(merged.labs.other.files['a.ts']).toBe('other lab');
  });

  it('replaces only the ticked item, with a new change time so other tabs take it too', () => {
    const key = previewImport(local, backup).items.find((i) => i.name === 'handler.ts')!.key;
    const merged = applyImport(local, backup, { replace: new Set([key]), at });
    expect(merged.labs.l.files['handler.ts']).toBe('backup');
    expect(merged.labs.l.fileTimes!['handler.ts']).toBe(at);
    expect(merged.labs.l.files['query.ts']).toBe('local older');
    // The next save merges with what storage held before the import: the tick must survive it.
    expect(mergeProgress(merged, local).labs.l.files['handler.ts']).toBe('backup');
  });

  it('never removes local work the backup knows nothing about', () => {
    const mine = progress({ l: lab({ 'mine.ts': ['only here', T1] }) }, { interview: { questions: {}, filters: { categories: ['x'], difficulties: [] }, mocks: [] }, fieldTimes: { interview: T1 } });
    const merged = applyImport(mine, backup, { replace: 'all', at: T3 });
    expect(merged.labs.l.files['mine.ts']).toBe('only here');
    expect(merged.interview?.filters.categories).toEqual(['x']);
  });

  it('marks every run result it takes from a backup as imported', () => {
    const run = { at: T2, passed: 9, total: 9, checks: {} };
    const forged = progress({ l: lab({}, { lastRun: run }) }, { exercises: { e: { files: {}, lastResult: { at: T2, passed: 9, total: 9 } } } });
    const merged = applyImport(EMPTY, forged, { replace: new Set(), at });
    expect(merged.labs.l.lastRun).toEqual({ ...run, source: 'import' });
    expect(merged.exercises?.e.lastResult?.source).toBe('import');
    expect(isLabComplete(merged.labs.l, [])).toBe(false);
    // A run in this browser that matches the backup's is the same run, kept as this browser's.
    const ranHere = progress({ l: lab({}, { lastRun: run }) });
    expect(applyImport(ranHere, forged, { replace: 'all', at }).labs.l.lastRun?.source).toBeUndefined();
  });
});

const EMPTY = progress({});

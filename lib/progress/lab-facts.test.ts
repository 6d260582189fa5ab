// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVE_GAP_MS, afterFilesReplaced, afterRun, appendTime, MAX_TIMES, noteActivity, revealTiming } from './lab-facts';
import { migrate } from './migrations';
import { createProgressStore, STORAGE_KEY } from './store';
import { decodeStored } from './stored';
import { FakeWindow, SharedStorage } from './testing';

const run = (at: string, checks: Record<string, 'pass' | 'fail' | 'error'>) => ({
  at,
  passed: Object.values(checks).filter((s) => s === 'pass').length,
  total: Object.keys(checks).length,
  checks,
});

describe('lab facts', () => {
  it('counts runs, remembers the first passing one and the hints a failing check showed', () => {
    let lab = afterRun({}, run('2026-12-01T10:00:00.000Z', { a: 'pass', b: 'fail' }));
    expect(lab.history).toEqual({ runs: 1, passes: 0, firstRunAt: '2026-12-01T10:00:00.000Z', lastRunAt: '2026-12-01T10:00:00.000Z', bestPassed: 1 });
    expect(lab.hintsShown).toEqual(['b']);
    lab = afterRun(lab, run('2026-12-01T10:05:00.000Z', { a: 'pass', b: 'pass' }));
    lab = afterRun(lab, run('2026-12-01T10:09:00.000Z', { a: 'error', b: 'pass' }));
    expect(lab.history).toMatchObject({ runs: 3, passes: 1, firstPassAt: '2026-12-01T10:05:00.000Z', lastRunAt: '2026-12-01T10:09:00.000Z', bestPassed: 2 });
    expect(lab.hintsShown).toEqual(['b', 'a']);
  });

  it('tells a reset from showing the solution, and whether the solution came before the first pass', () => {
    const reset = afterFilesReplaced({}, {}, '2026-12-01T09:00:00.000Z');
    expect(reset).toEqual({ resetAt: ['2026-12-01T09:00:00.000Z'] });
    const shown = afterFilesReplaced({}, { 'handler.ts': 'solved' }, '2026-12-01T11:00:00.000Z');
    expect(shown).toEqual({ solutionShownAt: ['2026-12-01T11:00:00.000Z'] });
    expect(revealTiming({})).toEqual({ kind: 'never' });
    expect(revealTiming({ ...shown, history: { runs: 2, passes: 1, firstPassAt: '2026-12-01T10:00:00.000Z' } }).kind).toBe('after-pass');
    expect(revealTiming({ ...shown, history: { runs: 2, passes: 1, firstPassAt: '2026-12-01T12:00:00.000Z' } }).kind).toBe('before-pass');
    expect(revealTiming({ ...shown }).kind).toBe('before-pass');
  });

  it('keeps the first time and the newest ones when a list is full', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_TIMES + 10; i++) list = appendTime(list, `t${i}`);
    expect(list).toHaveLength(MAX_TIMES);
    expect(list[0]).toBe('t0');
    expect(list.at(-1)).toBe(`t${MAX_TIMES + 9}`);
  });

  it('counts gaps between changes up to five minutes as active time', () => {
    let lab = noteActivity({}, '2026-12-01T10:00:00.000Z');
    expect(lab.activeMs).toBe(0);
    lab = noteActivity(lab, '2026-12-01T10:02:00.000Z');
    expect(lab.activeMs).toBe(120_000);
    lab = noteActivity(lab, new Date(Date.parse('2026-12-01T10:02:00.000Z') + ACTIVE_GAP_MS + 1).toISOString());
    expect(lab.activeMs).toBe(120_000);
  });
});

describe('the progress store keeps them', () => {
  let storage: SharedStorage;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T10:00:00.000Z'));
    storage = new SharedStorage();
  });
  afterEach(() => vi.useRealTimers());

  it('records resets, the solution shown, runs and time as the session saves', () => {
    const win = new FakeWindow();
    const store = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win });
    store.sync.hydrate();
    const s = () => store.getState();
    s().saveFile('lab', 'handler.ts', 'draft');
    vi.advanceTimersByTime(60_000);
    s().recordRun('lab', run(new Date().toISOString(), { a: 'fail' }));
    vi.advanceTimersByTime(60_000);
    s().resetFiles('lab', {});
    s().resetFiles('lab', { 'handler.ts': 'the solution' });
    vi.advanceTimersByTime(30_000);
    s().recordRun('lab', run(new Date().toISOString(), { a: 'pass' }));
    const lab = s().labs.lab;
    expect(lab.resetAt).toHaveLength(1);
    expect(lab.solutionShownAt).toHaveLength(1);
    expect(lab.history).toMatchObject({ runs: 2, passes: 1 });
    expect(lab.hintsShown).toEqual(['a']);
    expect(lab.activeMs).toBeGreaterThanOrEqual(120_000);
    expect(revealTiming(lab).kind).toBe('before-pass');
    vi.advanceTimersByTime(1000);
    // Saved, and read back by the same validation as any saved progress.
    const back = decodeStored(storage.data.get(STORAGE_KEY)!);
    expect(back.ok && back.progress.labs.lab.history?.runs).toBe(2);
    store.sync.dispose();
  });

  it('keeps assignments and feedback apart from the work, and a name to hand in under', () => {
    const win = new FakeWindow();
    const store = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win });
    store.sync.hydrate();
    const s = () => store.getState();
    s().saveFile('lab', 'handler.ts', 'mine');
    const assignment = { format: 'datasource-lab-assignment' as const, version: 1 as const, id: 'abcdef123', mentor: 'Ada', note: '', due: '2026-12-10', createdAt: '2026-12-01T09:00:00.000Z', labs: ['week-2/first-query-path'], exercises: [], questions: [] };
    s().saveAssignment(assignment);
    s().markHandedIn('abcdef123', '2026-12-02T09:00:00.000Z');
    s().saveAssignment(assignment); // opened the link again: hand-ins are kept
    expect(s().assignments?.abcdef123.handedInAt).toEqual(['2026-12-02T09:00:00.000Z']);
    s().saveFeedback({ format: 'datasource-lab-feedback', version: 1, id: 'feedback01', mentor: 'Ada', learner: 'Lin', createdAt: '2026-12-03T09:00:00.000Z', note: 'Good', labs: {} });
    s().setLearnerName('Lin');
    expect(s().labs.lab.files['handler.ts']).toBe('mine');
    s().removeAssignment('abcdef123');
    expect(s().assignments).toEqual({});
    vi.advanceTimersByTime(1000);
    const back = decodeStored(storage.data.get(STORAGE_KEY)!);
    expect(back.ok && back.progress.feedback?.feedback01.feedback.note).toBe('Good');
    expect(back.ok && back.progress.learnerName).toBe('Lin');
    store.sync.dispose();
  });

  it('still reads progress saved before these facts were kept', () => {
    const old = { version: 2, labs: { lab: { files: { 'handler.ts': 'x' }, answers: {}, updatedAt: '2026-11-01T10:00:00.000Z', lastRun: { at: '2026-11-01T10:00:00.000Z', passed: 1, total: 2, checks: { a: 'pass', b: 'fail' } } } } };
    const result = migrate(old);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.progress.labs.lab.history).toBeUndefined();
  });
});

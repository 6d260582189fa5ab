// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabCheck } from '../checks/types';
import { expect as check } from '../checks/assert';
import type { LabKind, RunRecordBase } from '../kinds/types';
import { labMetaSchema } from '../labs/schema';
import { createProgressStore, type ProgressStore } from '../progress/store';
import { FakeWindow, SharedStorage } from '../progress/testing';
import type { SandboxHost } from '../runtime/sandbox/host';
import { createLabSession, type SessionLab } from './lab-session';

/** A kind that is not the handler: Run "counts the words" of notes.md; checks read the count. */
interface WordsRecord extends RunRecordBase {
  invocation: 'words';
  words: number;
}

/** Runs settle only when the test says so, so the test decides what is in flight. */
class Gate {
  private waiting: { resolve(): void; signal: AbortSignal }[] = [];
  started = 0;
  wait(signal: AbortSignal): Promise<void> {
    this.started++;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, signal });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
  openAll(): void {
    for (const w of this.waiting.splice(0)) w.resolve();
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let gate: Gate;
let runSignals: AbortSignal[];
/** The sandbox sessions the lab session opened, in order, and which sandbox each kind call got. */
let sandboxSessions: { closed: boolean }[];
let runSandboxes: unknown[];
const fakeHost = {
  session() {
    const opened = { closed: false, run: async () => ({}), close: () => void (opened.closed = true) };
    sandboxSessions.push(opened);
    return opened;
  },
} as unknown as SandboxHost;
const wordsKind: LabKind<WordsRecord, { words(): Promise<number> }> = {
  id: 'artifact',
  async run(env, _lab, input, signal) {
    runSignals.push(signal);
    runSandboxes.push(env.sandbox);
    await gate.wait(signal).catch(() => undefined);
    return { invocation: 'words', durationMs: 0, words: (input.files['notes.md'] ?? '').split(/\s+/).filter(Boolean).length };
  },
  blockingError: (record) => (record.words === 0 ? 'notes.md is empty: write something, then Run again.' : undefined),
  markers: (record) => (record.words === 0 ? [{ path: 'notes.md', line: 1, column: 1, message: 'empty', severity: 'warning' }] : []),
  checkContext: (_env, _lab, files) => ({ words: async () => (files['notes.md'] ?? '').split(/\s+/).filter(Boolean).length }),
};

const checks: LabCheck<{ words(): Promise<number> }>[] = [
  { id: 'some', task: 1, title: 'Has some words', hint: 'Write more.', run: async (ctx) => check((await ctx.words()) > 0, 'words', 'none') },
  { id: 'three', task: 2, title: 'Has three words', hint: 'Write three.', run: async (ctx) => check((await ctx.words()) >= 3, 'at least 3 words', `${await ctx.words()}`) },
];

const lab: SessionLab = {
  id: 'week-9/words',
  meta: labMetaSchema.parse({ kind: 'artifact', title: 'Words', summary: 'Count the words in a file.', estimatedMinutes: 5, files: [{ path: 'notes.md', language: 'markdown' }] }),
  starter: { 'notes.md': 'one' },
  solution: { 'notes.md': 'one two three' },
};

let storage: SharedStorage;
let progress: ProgressStore;
let loadFails: number;

let kindLoads: number;

function open(prepareAfter?: Promise<void>) {
  return createLabSession(lab, {
    sandbox: () => fakeHost,
    progress,
    prepareAfter,
    loadKind: async () => {
      kindLoads++;
      if (loadFails > 0) {
        loadFails--;
        throw new TypeError('Failed to fetch dynamically imported module: /_next/static/chunks/kind.js');
      }
      return wordsKind as unknown as LabKind;
    },
    loadChecks: async () => checks as LabCheck<unknown>[],
  });
}

beforeEach(() => {
  gate = new Gate();
  runSignals = [];
  sandboxSessions = [];
  runSandboxes = [];
  loadFails = 0;
  kindLoads = 0;
  storage = new SharedStorage();
  const win = new FakeWindow();
  progress = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win, debounceMs: 10 });
  progress.sync.hydrate();
});
afterEach(() => progress.sync.dispose());

describe('lab session', () => {
  it('with the default scheduler (applied at once) every grade update shows while the grade runs, not only the first', async () => {
    // Checks run in an order drawn per Run, as many at once as the kind says (two here), so
    // this waits for whichever start first, lets one of them pass, and looks while the others run.
    const lanes = 2;
    const ids = ['a', 'b', 'c'] as const;
    const gates = { a: new Gate(), b: new Gate(), c: new Gate() };
    const slow: LabCheck<{ words(): Promise<number> }>[] = ids.map((id) => ({
      id,
      task: 1,
      title: id,
      hint: '',
      run: async () => gates[id].wait(new AbortController().signal),
    }));
    const session = createLabSession(lab, { sandbox: () => fakeHost, progress, loadKind: async () => ({ ...wordsKind, checkLanes: lanes }) as unknown as LabKind, loadChecks: async () => slow as LabCheck<unknown>[] });
    const running = session.getState().run();
    for (let i = 0; i < 5; i++) await flush();
    gate.openAll(); // the kind's run
    const started = () => ids.filter((id) => gates[id].started > 0);
    for (let i = 0; i < 10 && started().length < lanes; i++) await flush();
    expect(started()).toHaveLength(lanes);
    const [first] = started();
    gates[first].openAll();
    for (let i = 0; i < 10 && started().length < 3; i++) await flush();
    expect(started()).toHaveLength(3);
    // The first check has finished and the others are running: all show now, mid-grade.
    const statuses = Object.fromEntries(session.getState().report!.checks.map((c) => [c.id, c.status]));
    expect(statuses).toEqual(Object.fromEntries(ids.map((id) => [id, id === first ? 'pass' : 'running'])));
    for (const id of ids) gates[id].openAll();
    await running;
    expect(session.getState().report?.status).toBe('pass');
  });

  it('lists the checks only after prepareAfter (the page waits for its editor), but a Run before it loads the plan at once', async () => {
    let editorShown!: () => void;
    const session = open(new Promise<void>((resolve) => (editorShown = resolve)));
    await flush();
    expect(kindLoads).toBe(0);
    expect(session.getState().outline).toBeNull();
    editorShown();
    await flush();
    await flush();
    expect(kindLoads).toBe(1);
    expect(session.getState().outline?.map((c) => c.id)).toEqual(['some', 'three']);

    const early = open(new Promise<void>(() => undefined)); // an editor that never shows
    const running = early.getState().run();
    await flush();
    gate.openAll();
    await running;
    expect(early.getState().report?.checks.map((c) => c.id)).toEqual(['some', 'three']);
  });

  it('runs through the kind interface: pending checks at once, the record, then the grade, saved as the last run', async () => {
    const session = open();
    const running = session.getState().run();
    await flush();
    expect(session.getState().phase).toBe('running');
    expect(session.getState().report?.checks.map((c) => c.status)).toEqual(['pending', 'pending']);
    gate.openAll();
    await running;
    const state = session.getState();
    expect(state.phase).toBe('idle');
    expect(state.record).toMatchObject({ invocation: 'words', words: 1 });
    expect(state.report).toMatchObject({ status: 'fail', checks: [{ id: 'some', status: 'pass' }, { id: 'three', status: 'fail', actual: '1' }] });
    expect(progress.getState().labs[lab.id].lastRun).toMatchObject({ passed: 1, total: 2, checks: { some: 'pass', three: 'fail' }, tasks: { some: 1, three: 2 } });
  });

  it('a second Run cancels the first: the first run is aborted and only the second one is reported', async () => {
    const session = open();
    const first = session.getState().run();
    await flush();
    session.getState().editFile('notes.md', 'one two three');
    const second = session.getState().run();
    await flush();
    expect(runSignals[0].aborted).toBe(true);
    expect(runSignals[1].aborted).toBe(false);
    gate.openAll();
    await Promise.all([first, second]);
    expect(session.getState().record).toMatchObject({ words: 3 });
    expect(session.getState().report?.status).toBe('pass');
  });

  it('each Run runs in a sandbox session of its own, closed when that Run ends (finished, replaced or cancelled)', async () => {
    const session = open();
    const first = session.getState().run();
    await flush();
    const second = session.getState().run(); // replaces the first
    await flush();
    expect(runSandboxes).toEqual([sandboxSessions[0], sandboxSessions[1]]);
    gate.openAll();
    await Promise.all([first, second]);
    expect(sandboxSessions.map((s) => s.closed)).toEqual([true, true]);
    const third = session.getState().run();
    await flush();
    expect(runSandboxes[2]).toBe(sandboxSessions[2]);
    expect(sandboxSessions[2].closed).toBe(false);
    session.getState().cancel();
    await third;
    expect(sandboxSessions[2].closed).toBe(true);
  });

  it('Cancel ends the Run at once: cancelled, every check skipped, nothing saved as the last run', async () => {
    const session = open();
    const running = session.getState().run();
    await flush();
    session.getState().cancel();
    expect(session.getState().phase).toBe('idle');
    expect(session.getState().report).toMatchObject({ status: 'cancelled', message: expect.stringContaining('cancelled'), checks: [{ status: 'skipped' }, { status: 'skipped' }] });
    expect(runSignals[0].aborted).toBe(true);
    await running;
    expect(session.getState().report?.status).toBe('cancelled');
    expect(progress.getState().labs[lab.id]?.lastRun).toBeUndefined();
  });

  it('a blocking error ends the grade with one message and skipped checks', async () => {
    const session = open();
    session.getState().editFile('notes.md', '');
    const running = session.getState().run();
    await flush();
    gate.openAll();
    await running;
    expect(session.getState().report).toMatchObject({ status: 'error', message: 'notes.md is empty: write something, then Run again.', checks: [{ status: 'skipped' }, { status: 'skipped' }] });
    expect(session.getState().markers).toEqual([{ path: 'notes.md', line: 1, column: 1, message: 'empty', severity: 'warning' }]);
    // Saved statuses stay pass / fail / error.
    expect(progress.getState().labs[lab.id].lastRun?.checks).toEqual({ some: 'error', three: 'error' });
  });

  it('a code chunk that fails to load leaves an error with Retry; Retry runs', async () => {
    loadFails = 2; // the check list on open, then Run
    const session = open();
    await flush();
    expect(session.getState().loadError).toMatch(/did not load .*Failed to fetch dynamically imported module.*Retry/);
    await session.getState().run();
    expect(session.getState().phase).toBe('idle');
    expect(session.getState().loadError).toMatch(/Retry/);
    const retried = session.getState().retry();
    await flush();
    expect(session.getState().loadError).toBeNull();
    gate.openAll();
    await retried;
    expect(session.getState().report?.status).toBe('fail');
    expect(session.getState().outline?.map((c) => c.id)).toEqual(['some', 'three']);
  });

  it('saves as the learner types through the progress store, and follows changes from elsewhere (another tab, Show solution)', async () => {
    vi.useFakeTimers();
    try {
      const session = open();
      session.getState().editFile('notes.md', 'my notes');
      expect(session.getState().files['notes.md']).toBe('my notes');
      vi.advanceTimersByTime(20);
      expect(storage.data.get('datasource-lab:progress')).toContain('my notes');
      session.getState().showSolution();
      expect(session.getState().files['notes.md']).toBe('one two three');
      session.getState().resetToStarter();
      expect(session.getState().files['notes.md']).toBe('one');
      progress.getState().saveFile(lab.id, 'notes.md', 'from another tab');
      expect(session.getState().files['notes.md']).toBe('from another tab');
      session.getState().dispose();
      progress.getState().saveFile(lab.id, 'notes.md', 'after dispose');
      expect(session.getState().files['notes.md']).toBe('from another tab');
    } finally {
      vi.useRealTimers();
    }
  });
});

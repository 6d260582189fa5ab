// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressStore, QUARANTINE_PREFIX, STORAGE_KEY, type ProgressStore } from './store';
import { FakeWindow, SharedStorage } from './testing';

let storage: SharedStorage;
let tabs: { store: ProgressStore; win: FakeWindow }[];

/** Opens a "tab": a store of its own on the shared storage, loaded as on page load. */
function openTab(options: { hydrate?: boolean } = {}) {
  const win = new FakeWindow();
  const store = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win, debounceMs: 400, retryMs: 5000 });
  if (options.hydrate !== false) store.sync.hydrate();
  tabs.push({ store, win });
  return { store, win };
}

const saved = () => JSON.parse(storage.data.get(STORAGE_KEY) ?? 'null') as { state: { labs: Record<string, { files: Record<string, string> }> } } | null;

beforeEach(() => {
  vi.useFakeTimers();
  storage = new SharedStorage();
  tabs = [];
});
afterEach(() => {
  for (const { store } of tabs) store.sync.dispose();
  vi.useRealTimers();
});

describe('saving', () => {
  it('writes once after typing pauses, not on every keystroke', () => {
    const { store } = openTab();
    for (const text of ['a', 'ab', 'abc', 'abcd']) store.getState().saveFile('lab', 'handler.ts', text);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(399);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(1);
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('abcd');
  });

  it('keeps the 400 ms default when no debounce is configured (as in the app)', () => {
    const win = new FakeWindow();
    const store = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win });
    store.sync.hydrate();
    tabs.push({ store, win });
    store.getState().saveFile('lab', 'handler.ts', 'a');
    vi.advanceTimersByTime(50);
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(350);
    expect(storage.writes).toBe(1);
  });

  it('still saves while the learner keeps typing (at most every 2 s)', () => {
    const { store } = openTab();
    for (let i = 0; i < 30; i++) {
      store.getState().saveFile('lab', 'handler.ts', `text ${i}`);
      vi.advanceTimersByTime(100);
    }
    expect(storage.writes).toBeGreaterThanOrEqual(1);
  });

  it.each(['pagehide', 'beforeunload'])('writes at once on %s', (event) => {
    const { store, win } = openTab();
    store.getState().saveFile('lab', 'handler.ts', 'typed just before leaving');
    win.emit(event);
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('typed just before leaving');
  });

  it('writes at once when the page is hidden', () => {
    const { store, win } = openTab();
    store.getState().saveFile('lab', 'handler.ts', 'x');
    win.visibilityState = 'hidden';
    win.emit('visibilitychange');
    expect(storage.writes).toBe(1);
  });

  it('reads saved work back after a reload', () => {
    const first = openTab();
    first.store.getState().saveFile('lab', 'handler.ts', 'edited');
    first.store.getState().answer('lab', 'q1', 'b', true);
    first.win.emit('pagehide');
    const { store } = openTab();
    expect(store.getState().labs.lab.files['handler.ts']).toBe('edited');
    expect(store.getState().labs.lab.answers.q1.choice).toBe('b');
  });

  it('saves every field that is not transient, including fields added later', () => {
    const { store } = openTab();
    store.setState({ interview: { answers: 3 } } as never);
    store.setState({ saveError: 'shown, not saved' });
    store.sync.flush();
    const state = saved()!.state as Record<string, unknown>;
    expect(state.interview).toEqual({ answers: 3 });
    expect(state).not.toHaveProperty('saveError');
    expect((state.fieldTimes as Record<string, string>).interview).toMatch(/^\d{4}-/);
  });

  it('does not write for changes to transient state only', () => {
    const { store } = openTab();
    store.setState({ externalChange: { seq: 1, labs: {} } });
    vi.advanceTimersByTime(5000);
    expect(storage.writes).toBe(0);
  });
});

describe('storage problems', () => {
  it('keeps work in memory and says so when storage is full, then saves once there is room', () => {
    const { store } = openTab();
    storage.failWrites = true;
    store.getState().saveFile('lab', 'handler.ts', 'unsaved');
    vi.advanceTimersByTime(400);
    expect(store.getState().labs.lab.files['handler.ts']).toBe('unsaved');
    expect(store.getState().saveError).toMatch(/could not be saved.*QuotaExceededError/);
    const attempts = storage.writes;
    vi.advanceTimersByTime(4000);
    expect(storage.writes).toBe(attempts); // no busy loop: the next try waits
    storage.failWrites = false;
    vi.advanceTimersByTime(1000);
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('unsaved');
    expect(store.getState().saveError).toBeUndefined();
  });

  it('works in memory with a warning when storage is disabled', () => {
    const win = new FakeWindow();
    const store = createProgressStore({
      storage: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      window: win,
    });
    store.sync.hydrate();
    store.getState().saveFile('lab', 'handler.ts', 'kept');
    win.emit('pagehide');
    expect(store.getState().labs.lab.files['handler.ts']).toBe('kept');
    expect(store.getState().saveError).toMatch(/SecurityError/);
    store.sync.dispose();
  });

  it('quarantines saved data it cannot read instead of deleting it, and saves new work beside it', () => {
    const bad = '{"state": {"version": 2, "labs": {"x": {"files": 42}}}, "version": 2}';
    storage.data.set(STORAGE_KEY, bad);
    const { store } = openTab();
    const kept = [...storage.data.keys()].filter((k) => k.startsWith(QUARANTINE_PREFIX));
    expect(kept).toHaveLength(1);
    expect(storage.data.get(kept[0])).toBe(bad);
    expect(store.getState().quarantine).toEqual({ key: kept[0], reason: expect.stringContaining('labs.x.files') });
    store.getState().saveFile('lab', 'handler.ts', 'new');
    store.sync.flush();
    expect(storage.data.get(kept[0])).toBe(bad);
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('new');
  });

  it('quarantines data from a newer release rather than overwriting it', () => {
    storage.data.set(STORAGE_KEY, '{"state": {"version": 9, "labs": {}}, "version": 9}');
    const { store } = openTab();
    expect(store.getState().quarantine?.reason).toMatch(/version 9, newer/);
  });

  it('writes nothing over unreadable data it has no room to move aside, until it is deleted', () => {
    storage.data.set(STORAGE_KEY, 'not json');
    storage.failWrites = true;
    const { store } = openTab();
    expect(storage.data.get(STORAGE_KEY)).toBe('not json');
    storage.failWrites = false;
    store.getState().saveFile('lab', 'handler.ts', 'new');
    store.sync.flush();
    expect(storage.data.get(STORAGE_KEY)).toBe('not json');
    expect(store.getState().saveError).toMatch(/could not be read/);
    storage.data.delete(STORAGE_KEY); // the learner downloaded and deleted it
    store.sync.unblock();
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('new');
  });
});

describe('two tabs', () => {
  it('keeps both tabs\u2019 edits to different files', () => {
    const a = openTab();
    const b = openTab();
    a.store.getState().saveFile('lab', 'handler.ts', 'from A');
    b.store.getState().saveFile('lab', 'query.ts', 'from B');
    a.store.sync.flush();
    b.store.sync.flush(); // B has not seen A's event yet: it must merge, not overwrite
    expect(saved()!.state.labs.lab.files).toEqual({ 'handler.ts': 'from A', 'query.ts': 'from B' });
    a.win.deliver();
    expect(a.store.getState().labs.lab.files['query.ts']).toBe('from B');
    expect(a.store.getState().externalChange?.labs.lab.files).toEqual(['query.ts']);
  });

  it('a stale tab\u2019s later save does not clobber a newer edit of the same file', () => {
    const a = openTab();
    const b = openTab();
    b.store.getState().saveFile('lab', 'handler.ts', 'old, from B');
    a.store.getState().saveFile('lab', 'handler.ts', 'newer, from A');
    a.store.sync.flush();
    b.store.sync.flush();
    expect(saved()!.state.labs.lab.files['handler.ts']).toBe('newer, from A');
    expect(b.store.getState().labs.lab.files['handler.ts']).toBe('newer, from A');
    expect(b.store.getState().externalChange?.labs.lab.files).toEqual(['handler.ts']);
  });

  it('updates the other tab when a storage event arrives', () => {
    const a = openTab();
    const b = openTab();
    a.store.getState().saveFile('lab', 'handler.ts', 'typed in A');
    a.store.sync.flush();
    b.win.deliver();
    expect(b.store.getState().labs.lab.files['handler.ts']).toBe('typed in A');
    vi.advanceTimersByTime(5000);
    expect(storage.writes).toBe(1); // B took it without writing it back
  });

  it('a reset to the starter beats an older edit elsewhere', () => {
    const a = openTab();
    const b = openTab();
    b.store.getState().saveFile('lab', 'handler.ts', 'old edit');
    b.store.sync.flush();
    a.win.deliver();
    a.store.getState().resetFiles('lab');
    a.store.sync.flush();
    b.win.deliver();
    expect(b.store.getState().labs.lab.files).toEqual({});
    expect(saved()!.state.labs.lab.files).toEqual({});
  });

  it('comparing with the solution counts as seeing it, and leaves the files alone', () => {
    const a = openTab();
    a.store.getState().saveFile('lab', 'handler.ts', 'mine');
    a.store.getState().noteSolutionSeen('lab');
    a.store.getState().noteSolutionSeen('lab');
    expect(a.store.getState().labs.lab.files).toEqual({ 'handler.ts': 'mine' });
    expect(a.store.getState().labs.lab.solutionShownAt).toHaveLength(2);
  });

  it('writes changes made before loading, merged with what was saved', () => {
    const first = openTab();
    first.store.getState().saveFile('lab', 'handler.ts', 'saved earlier');
    first.store.sync.flush();
    const { store } = openTab({ hydrate: false });
    store.getState().saveFile('lab', 'query.ts', 'before loading');
    expect(storage.writes).toBe(1);
    store.sync.hydrate();
    store.sync.flush();
    expect(saved()!.state.labs.lab.files).toEqual({ 'handler.ts': 'saved earlier', 'query.ts': 'before loading' });
  });
});

// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeWindow, SharedStorage } from '../progress/testing';
import { MAX_REVIEW_DRAFTS } from './limits';
import { createReviewDrafts, DRAFTS_KEY, type DraftWriting, type ReviewDraftsOptions } from './review-drafts';

const LAB = 'week-9/words';
/** A submission key: 64 hex digits, the n-th one. */
const key = (n: number) => n.toString(16).padStart(64, '0');
const writing = (note: string): DraftWriting => ({ note, labs: { [LAB]: { note: `lab ${note}`, comments: [{ path: 'notes.md', line: 2, text: `on ${note}` }] } } });

/** Minutes gone by, per storage: a reload does not turn the clock back. */
const clocks = new WeakMap<SharedStorage, number>();

/** Drafts over `shared`, with a clock that moves one minute per save. */
function drafts(shared: SharedStorage, extra: Partial<ReviewDraftsOptions> = {}) {
  const tab = new FakeWindow();
  const now = () => {
    const minute = clocks.get(shared) ?? 0;
    clocks.set(shared, minute + 1);
    return new Date(Date.UTC(2026, 11, 3, 10, minute));
  };
  return { tab, drafts: createReviewDrafts({ storage: () => shared.forTab(tab), window: tab as unknown as Window, now, ...extra }) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('review drafts', () => {
  it('write once after a quiet moment, and at once on pagehide', () => {
    vi.useFakeTimers();
    const shared = new SharedStorage();
    const { tab, drafts: d } = drafts(shared);
    const stop = d.listen();
    d.save(key(1), writing('a'));
    d.save(key(1), writing('ab'));
    vi.advanceTimersByTime(399);
    expect(shared.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(shared.writes).toBe(1);
    d.save(key(1), writing('abc'));
    tab.emit('pagehide');
    expect(shared.writes).toBe(2);
    expect(JSON.parse(shared.data.get(DRAFTS_KEY)!).drafts[key(1)].note).toBe('abc');
    stop();
    expect(tab.listenerCount('pagehide')).toBe(0);
  });

  it('read back what another instance wrote (a reload), with savedAt', () => {
    const shared = new SharedStorage();
    const first = drafts(shared).drafts;
    first.save(key(1), writing('kept'));
    first.flush();
    const back = drafts(shared).drafts.read(key(1));
    expect(back?.note).toBe('kept');
    expect(back?.labs[LAB].comments[0].text).toBe('on kept');
    expect(back?.savedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(Object.getPrototypeOf(back!.labs)).toBeNull();
  });

  it('ignore a malformed or tampered stored value with a warning, never a crash', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const good = { savedAt: '2026-12-03T10:00:00Z', note: 'fine', labs: {} };
    const cases: [string, number | null][] = [
      ['{not json', null],
      ['{"version": 2, "drafts": {}}', null],
      [JSON.stringify({ version: 1, drafts: { 'not-a-hash': good } }), null],
      [`{"version": 1, "drafts": {"${key(1)}": {"savedAt": "2026-12-03T10:00:00Z", "note": "x", "labs": {"__proto__": {"note": "y"}}}}}`, null],
      // One bad draft costs only itself.
      [JSON.stringify({ version: 1, drafts: { [key(1)]: { ...good, savedAt: 'yesterday' }, [key(2)]: good } }), 2],
      [JSON.stringify({ version: 1, drafts: { [key(1)]: { ...good, labs: { [LAB]: { comments: [{ path: '../etc', line: 1, text: 'x' }] } } }, [key(2)]: good } }), 2],
      [JSON.stringify({ version: 1, drafts: { [key(1)]: { ...good, note: 'x'.repeat(5000) }, [key(2)]: good } }), 2],
    ];
    for (const [raw, readable] of cases) {
      const shared = new SharedStorage();
      shared.data.set(DRAFTS_KEY, raw);
      warn.mockClear();
      const d = drafts(shared).drafts;
      expect(d.read(key(1))).toBeUndefined();
      expect(d.read(key(2))?.note).toBe(readable === 2 ? 'fine' : undefined);
      expect(warn).toHaveBeenCalled();
      // The next save replaces the bad value with a readable one.
      d.save(key(3), writing('new'));
      d.flush();
      expect(drafts(shared).drafts.read(key(3))?.note).toBe('new');
    }
    // Names like `constructor` are never read from the prototype.
    expect(drafts(new SharedStorage()).drafts.read('constructor')).toBeUndefined();
  });

  it(`keep at most ${MAX_REVIEW_DRAFTS} submissions, dropping the oldest saved`, () => {
    const shared = new SharedStorage();
    const d = drafts(shared).drafts;
    for (let n = 1; n <= MAX_REVIEW_DRAFTS + 1; n++) d.save(key(n), writing(`n${n}`));
    d.flush();
    const stored = JSON.parse(shared.data.get(DRAFTS_KEY)!).drafts;
    expect(Object.keys(stored)).toHaveLength(MAX_REVIEW_DRAFTS);
    const again = drafts(shared).drafts;
    expect(again.read(key(1))).toBeUndefined();
    expect(again.read(key(2))?.note).toBe('n2');
    // Changing an old draft makes it the newest: the next one dropped is the oldest unchanged.
    again.save(key(2), writing('n2 again'));
    again.save(key(100), writing('n100'));
    again.flush();
    const last = drafts(shared).drafts;
    expect(last.read(key(2))?.note).toBe('n2 again');
    expect(last.read(key(3))).toBeUndefined();
  });

  it('keep the stored size under its cap, dropping the oldest first', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shared = new SharedStorage();
    const d = drafts(shared, { maxChars: 1000 }).drafts;
    for (let n = 1; n <= 6; n++) d.save(key(n), writing(`n${n}`.padEnd(100, '.')));
    d.flush();
    expect(shared.data.get(DRAFTS_KEY)!.length).toBeLessThanOrEqual(1000);
    const back = drafts(shared).drafts;
    expect(back.read(key(6))).toBeDefined();
    expect(back.read(key(1))).toBeUndefined();
  });

  it('keep drafts in memory when storage refuses a write, and write them later', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shared = new SharedStorage();
    const d = drafts(shared).drafts;
    shared.failWrites = true;
    d.save(key(1), writing('unsaved'));
    d.flush();
    expect(d.read(key(1))?.note).toBe('unsaved');
    shared.failWrites = false;
    d.flush();
    expect(drafts(shared).drafts.read(key(1))?.note).toBe('unsaved');
  });

  it('delete a draft saved as null, and remove the key when none is left', () => {
    const shared = new SharedStorage();
    const d = drafts(shared).drafts;
    d.save(key(1), writing('x'));
    d.flush();
    d.save(key(1), null);
    expect(d.read(key(1))).toBeUndefined();
    d.flush();
    expect(shared.data.has(DRAFTS_KEY)).toBe(false);
  });
});

// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';

/** Enough of a browser for the progress store: localStorage and a window to listen on. */
class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
  key = (i: number) => [...this.data.keys()][i] ?? null;
  get length() {
    return this.data.size;
  }
}
const storage = new MemoryStorage();
(globalThis as { localStorage?: unknown }).localStorage = storage;
(globalThis as { window?: unknown }).window = Object.assign(new EventTarget(), { localStorage: storage });

const { progressStore, STORAGE_KEY } = await import('@/lib/progress/store');
const { migrate } = await import('@/lib/progress/migrations');
const { interviewActions: act, getInterview } = await import('./actions');

beforeEach(() => {
  storage.data.clear();
  progressStore.sync.hydrate();
  progressStore.setState({ interview: undefined });
});

/** What a reload would read back: the saved text, migrated and validated by the app's own progress schema. */
function savedInterview() {
  progressStore.sync.flush();
  const raw = storage.getItem(STORAGE_KEY);
  expect(raw).not.toBeNull();
  const result = migrate(JSON.parse(raw!).state);
  if (!result.ok) throw new Error(result.reason);
  return result.progress.interview;
}

describe('interview actions on the progress store', () => {
  it('save a practice attempt under `interview`, and it survives the trip through storage', () => {
    act.startClock('query-cache');
    act.setNotes('query-cache', 'key = query + aligned range');
    act.revealHint('query-cache', 3);
    act.revealRubric('query-cache');
    act.markKeyPoint('query-cache', 'cache-key', 'covered');
    act.markKeyPoint('query-cache', 'stats', 'missed');
    act.saveScore('query-cache', 4, ['cache-key', 'stats', 'bypass']);

    const saved = savedInterview()!;
    expect(saved.questions['query-cache'].draft.notes).toBe('key = query + aligned range');
    expect(saved.questions['query-cache'].attempts).toHaveLength(1);
    expect(saved.questions['query-cache'].attempts[0]).toMatchObject({ score: 4, hintsUsed: 1, covered: 1, total: 3, mode: 'practice' });
    expect(saved.questions['query-cache'].draft.timer.runningSince).toBeUndefined();
  });

  it('remember filters and run a whole mock interview', () => {
    act.setFilters({ categories: ['coding'], difficulties: ['intermediate'] });
    act.startMock({ questionIds: ['query-cache', 'retry-backoff'], plannedMinutes: 75, filters: getInterview().filters });
    expect(getInterview().activeMock?.timer.runningSince).toBeTypeOf('number');
    act.mockScore('query-cache', 3);
    act.mockGoTo(1);
    act.mockRevealHint('retry-backoff', 3);
    act.mockScore('retry-backoff', 5);
    act.finishMock();

    const saved = savedInterview()!;
    expect(saved.filters).toEqual({ categories: ['coding'], difficulties: ['intermediate'] });
    expect(saved.activeMock).toBeUndefined();
    expect(saved.mocks).toHaveLength(1);
    expect(saved.mocks[0].answers['retry-backoff']).toMatchObject({ score: 5, hintsRevealed: 1 });
    expect(saved.questions['retry-backoff'].attempts[0]).toMatchObject({ score: 5, mode: 'mock' });
  });

  it('leave the store untouched when nothing changes', () => {
    act.pauseClock('never-started'); // creates the question's entry: a real change
    const before = progressStore.getState().interview;
    act.mockPause(); // no mock running: no change
    act.mockGoTo(3);
    expect(progressStore.getState().interview).toBe(before);
  });

  it('leave labs alone', () => {
    progressStore.getState().saveFile('week-2/lab', 'handler.ts', 'edited');
    act.setNotes('query-cache', 'x');
    expect(progressStore.getState().labs['week-2/lab'].files['handler.ts']).toBe('edited');
  });
});

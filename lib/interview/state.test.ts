import { describe, expect, it } from 'vitest';
import { EMPTY_INTERVIEW, interviewProgressSchema, MAX_ATTEMPTS_PER_QUESTION, MAX_NOTES_CHARS } from './progress-schema';
import * as S from './state';

const KP = ['a', 'b', 'c', 'd'];
const MIN = 60_000;

describe('practice state', () => {
  it('runs one attempt: clock, hints, rubric ticks, score; all recorded on the attempt', () => {
    let s = S.startPractice(EMPTY_INTERVIEW, 'q1', 0);
    s = S.setNotes(s, 'q1', '- cache key\n- TTL');
    s = S.revealHint(s, 'q1', 3);
    s = S.revealHint(s, 'q1', 3);
    s = S.pausePractice(s, 'q1', 4 * MIN);
    s = S.startPractice(s, 'q1', 10 * MIN); // paused for 6 minutes: not counted
    s = S.revealRubric(s, 'q1');
    s = S.markKeyPoint(s, 'q1', 'a', 'covered');
    s = S.markKeyPoint(s, 'q1', 'b', 'covered');
    s = S.markKeyPoint(s, 'q1', 'c', 'missed');
    s = S.markKeyPoint(s, 'q1', 'gone', 'covered'); // a key point that no longer exists does not count
    s = S.saveScore(s, 'q1', 3, KP, 12 * MIN);

    const q = s.questions.q1;
    expect(q.attempts).toEqual([{ at: new Date(12 * MIN).toISOString(), score: 3, hintsUsed: 2, elapsedMs: 6 * MIN, covered: 2, total: 4, mode: 'practice' }]);
    expect(q.draft.timer).toEqual({ elapsedMs: 6 * MIN }); // the clock stopped
    expect(q.draft.savedAt).toBe(new Date(12 * MIN).toISOString());
    expect(() => interviewProgressSchema.parse(s)).not.toThrow();
  });

  it('never reveals more hints than the ladder has', () => {
    let s = EMPTY_INTERVIEW;
    for (let i = 0; i < 5; i++) s = S.revealHint(s, 'q1', 3);
    expect(s.questions.q1.draft.hintsRevealed).toBe(3);
  });

  it('saving again corrects the same attempt; practising again starts a new one and keeps the notes', () => {
    let s = S.saveScore(S.setNotes(EMPTY_INTERVIEW, 'q1', 'notes'), 'q1', 2, KP, 1000);
    s = S.saveScore(s, 'q1', 4, KP, 2000);
    expect(s.questions.q1.attempts.map((a) => a.score)).toEqual([4]);
    s = S.practiseAgain(s, 'q1');
    expect(s.questions.q1.draft).toEqual({ notes: 'notes', hintsRevealed: 0, rubricRevealed: false, coverage: {}, timer: { elapsedMs: 0 } });
    s = S.saveScore(s, 'q1', 5, KP, 3000);
    expect(s.questions.q1.attempts.map((a) => a.score)).toEqual([4, 5]);
  });

  it('keeps saved data bounded', () => {
    let s = S.setNotes(EMPTY_INTERVIEW, 'q1', 'x'.repeat(MAX_NOTES_CHARS + 10));
    expect(s.questions.q1.draft.notes).toHaveLength(MAX_NOTES_CHARS);
    for (let i = 0; i < MAX_ATTEMPTS_PER_QUESTION + 5; i++) s = S.practiseAgain(S.saveScore(s, 'q1', (i % 5) + 1, KP, i * 1000), 'q1');
    expect(s.questions.q1.attempts).toHaveLength(MAX_ATTEMPTS_PER_QUESTION);
    expect(s.questions.q1.attempts.at(-1)!.at).toBe(new Date((MAX_ATTEMPTS_PER_QUESTION + 4) * 1000).toISOString());
  });

  it('never mutates the state it is given', () => {
    const before = S.saveScore(EMPTY_INTERVIEW, 'q1', 3, KP, 1000);
    const frozen = JSON.stringify(before);
    S.markKeyPoint(before, 'q1', 'a', 'covered');
    S.practiseAgain(before, 'q1');
    S.startMock(before, { questionIds: ['q1'], plannedMinutes: 30, filters: { categories: [], difficulties: [] } }, 0);
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('mock interview state', () => {
  const plan = { questionIds: ['q1', 'q2'], plannedMinutes: 70, filters: { categories: ['coding'], difficulties: [] } };

  it('times each question by the session clock, pauses included, and files the session with its scores', () => {
    let s = S.startMock(EMPTY_INTERVIEW, plan, 0);
    s = S.mockRevealHint(s, 'q1', 3);
    s = S.mockScore(s, 'q1', 4);
    s = S.mockGoTo(s, 1, 10 * MIN);
    s = S.mockPause(s, 15 * MIN);
    s = S.mockResume(s, 40 * MIN); // 25 paused minutes do not count
    s = S.mockScore(s, 'q2', 2);
    s = S.finishMock(s, 47 * MIN);

    expect(s.activeMock).toBeUndefined();
    const [done] = s.mocks;
    expect(done.finishedAt).toBe(new Date(47 * MIN).toISOString());
    expect(done.timer).toEqual({ elapsedMs: 22 * MIN });
    expect(done.answers.q1).toMatchObject({ score: 4, hintsRevealed: 1, timeMs: 10 * MIN });
    expect(done.answers.q2).toMatchObject({ score: 2, hintsRevealed: 0, timeMs: 12 * MIN });
    // Mock scores join each question's trend, marked as mock.
    expect(s.questions.q1.attempts).toEqual([{ at: done.finishedAt, score: 4, hintsUsed: 1, elapsedMs: 10 * MIN, mode: 'mock' }]);
    expect(s.questions.q2.attempts[0]).toMatchObject({ score: 2, mode: 'mock' });
    expect(() => interviewProgressSchema.parse(s)).not.toThrow();
  });

  it('books time for every visit when going back and forth', () => {
    let s = S.startMock(EMPTY_INTERVIEW, plan, 0);
    s = S.mockGoTo(s, 1, 2 * MIN);
    s = S.mockGoTo(s, 0, 5 * MIN);
    s = S.mockGoTo(s, 5, 6 * MIN); // out of range: ignored
    s = S.finishMock(s, 9 * MIN);
    expect(s.mocks[0].answers.q1.timeMs).toBe(6 * MIN);
    expect(s.mocks[0].answers.q2.timeMs).toBe(3 * MIN);
    // Unscored questions are filed with the session but add nothing to the trend.
    expect(s.questions).toEqual({});
  });

  it('refuses an empty plan, and abandoning files nothing', () => {
    expect(() => S.startMock(EMPTY_INTERVIEW, { ...plan, questionIds: [] }, 0)).toThrow(/at least one question/);
    const s = S.abandonMock(S.startMock(EMPTY_INTERVIEW, plan, 0));
    expect(s.activeMock).toBeUndefined();
    expect(s.mocks).toEqual([]);
  });
});

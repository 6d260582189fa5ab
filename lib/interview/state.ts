/**
 * Interview practice state changes as pure functions: old InterviewProgress in, new
 * one out, never mutated (the progress store compares references to find changes).
 * actions.ts applies them to the store; tests call them directly.
 */
import {
  EMPTY_INTERVIEW,
  MAX_ATTEMPTS_PER_QUESTION,
  MAX_MOCKS,
  MAX_NOTES_CHARS,
  practiceDraftSchema,
  type Attempt,
  type Coverage,
  type InterviewFilters,
  type InterviewProgress,
  type MockAnswer,
  type MockSession,
  type PracticeDraft,
  type QuestionProgress,
  type TimerState,
} from './progress-schema';
import { own } from '../progress/dict';
import { elapsedAt, pauseTimer, startTimer, STOPPED_TIMER } from './timer';

export const emptyDraft = (): PracticeDraft => practiceDraftSchema.parse({});
const emptyQuestion = (): QuestionProgress => ({ draft: emptyDraft(), attempts: [] });
const clampNotes = (text: string) => text.slice(0, MAX_NOTES_CHARS);
const keepLast = <T>(list: T[], max: number) => (list.length > max ? list.slice(list.length - max) : list);

export function questionOf(state: InterviewProgress, id: string): QuestionProgress {
  // Own entries only: a saved id such as `toString` must not find Object.prototype's member.
  return own(state.questions, id) ?? emptyQuestion();
}

function updateQuestion(state: InterviewProgress, id: string, change: (q: QuestionProgress) => QuestionProgress): InterviewProgress {
  return { ...state, questions: { ...state.questions, [id]: change(questionOf(state, id)) } };
}

/**
 * Changes the draft. A scored draft stays the same attempt until "practise again":
 * more ticks or a second save correct that attempt instead of starting another.
 */
function updateDraft(state: InterviewProgress, id: string, change: (d: PracticeDraft) => Partial<PracticeDraft>): InterviewProgress {
  return updateQuestion(state, id, (q) => ({ ...q, draft: { ...q.draft, ...change(q.draft) } }));
}

// ---- practice -------------------------------------------------------------------

export const setNotes = (s: InterviewProgress, id: string, notes: string) => updateDraft(s, id, () => ({ notes: clampNotes(notes) }));

export const setTimer = (s: InterviewProgress, id: string, change: (t: TimerState) => TimerState) =>
  updateDraft(s, id, (d) => ({ timer: change(d.timer) }));

export const startPractice = (s: InterviewProgress, id: string, now: number) => setTimer(s, id, (t) => startTimer(t, now));
export const pausePractice = (s: InterviewProgress, id: string, now: number) => setTimer(s, id, (t) => pauseTimer(t, now));

/** Reveals the next hint, never more than the question has. */
export const revealHint = (s: InterviewProgress, id: string, hintCount: number) =>
  updateDraft(s, id, (d) => ({ hintsRevealed: Math.min(hintCount, d.hintsRevealed + 1) }));

export const revealRubric = (s: InterviewProgress, id: string) => updateDraft(s, id, () => ({ rubricRevealed: true }));

export const markKeyPoint = (s: InterviewProgress, id: string, keyPointId: string, coverage: Coverage) =>
  updateDraft(s, id, (d) => ({ coverage: { ...d.coverage, [keyPointId]: coverage } }));

/**
 * Records the self-score for the current attempt, with the hints used, the time on
 * the clock and the rubric ticks (counted over the question's key points only, so
 * ids of removed key points do not count). The clock stops.
 */
export function saveScore(s: InterviewProgress, id: string, score: number, keyPointIds: readonly string[], now: number): InterviewProgress {
  const at = new Date(now).toISOString();
  return updateQuestion(s, id, (q) => {
    const d = q.draft;
    const attempt: Attempt = {
      at,
      score,
      hintsUsed: d.hintsRevealed,
      elapsedMs: Math.round(elapsedAt(d.timer, now)),
      covered: keyPointIds.filter((k) => own(d.coverage, k) === 'covered').length,
      total: keyPointIds.length,
      mode: 'practice',
    };
    // Saving twice for the same attempt replaces the score instead of adding a point to the trend.
    const attempts = d.savedAt ? [...q.attempts.slice(0, -1), attempt] : [...q.attempts, attempt];
    return { draft: { ...d, timer: pauseTimer(d.timer, now), savedAt: at }, attempts: keepLast(attempts, MAX_ATTEMPTS_PER_QUESTION) };
  });
}

/** Starts over: clock, hints and rubric reset; the notes stay (clearing them is the learner's call). */
export const practiseAgain = (s: InterviewProgress, id: string) =>
  updateQuestion(s, id, (q) => ({ ...q, draft: { ...emptyDraft(), notes: q.draft.notes } }));

export const setFilters = (s: InterviewProgress, filters: InterviewFilters): InterviewProgress => ({ ...s, filters });

// ---- mock interview -------------------------------------------------------------

export interface MockPlan {
  questionIds: string[];
  plannedMinutes: number;
  filters: InterviewFilters;
}

export function startMock(s: InterviewProgress, plan: MockPlan, now: number): InterviewProgress {
  if (plan.questionIds.length === 0) throw new Error('A mock interview needs at least one question; widen the filters.');
  const session: MockSession = {
    id: `mock-${now.toString(36)}`,
    startedAt: new Date(now).toISOString(),
    questionIds: plan.questionIds,
    filters: plan.filters,
    plannedMinutes: Math.max(1, Math.round(plan.plannedMinutes)),
    timer: startTimer(STOPPED_TIMER, now),
    current: 0,
    enteredCurrentAtMs: 0,
    answers: {},
  };
  return { ...s, activeMock: session };
}

function updateMock(s: InterviewProgress, change: (m: MockSession) => MockSession): InterviewProgress {
  return s.activeMock ? { ...s, activeMock: change(s.activeMock) } : s;
}

const answerOf = (m: MockSession, qid: string): MockAnswer => own(m.answers, qid) ?? { notes: '', hintsRevealed: 0, keyPointsShown: false, timeMs: 0 };

function updateAnswer(m: MockSession, qid: string, change: (a: MockAnswer) => Partial<MockAnswer>): MockSession {
  const a = answerOf(m, qid);
  return { ...m, answers: { ...m.answers, [qid]: { ...a, ...change(a) } } };
}

/** Books the session time spent on the current question since it was opened. */
function bookCurrent(m: MockSession, now: number): MockSession {
  const at = elapsedAt(m.timer, now);
  const qid = m.questionIds[m.current];
  const spent = Math.max(0, at - m.enteredCurrentAtMs);
  return { ...updateAnswer(m, qid, (a) => ({ timeMs: Math.round(a.timeMs + spent) })), enteredCurrentAtMs: at };
}

export const mockSetNotes = (s: InterviewProgress, qid: string, notes: string) => updateMock(s, (m) => updateAnswer(m, qid, () => ({ notes: clampNotes(notes) })));
export const mockRevealHint = (s: InterviewProgress, qid: string, hintCount: number) =>
  updateMock(s, (m) => updateAnswer(m, qid, (a) => ({ hintsRevealed: Math.min(hintCount, a.hintsRevealed + 1) })));
export const mockShowKeyPoints = (s: InterviewProgress, qid: string) => updateMock(s, (m) => updateAnswer(m, qid, () => ({ keyPointsShown: true })));
export const mockScore = (s: InterviewProgress, qid: string, score: number) => updateMock(s, (m) => updateAnswer(m, qid, () => ({ score })));

export const mockPause = (s: InterviewProgress, now: number) => updateMock(s, (m) => ({ ...m, timer: pauseTimer(m.timer, now) }));
export const mockResume = (s: InterviewProgress, now: number) => updateMock(s, (m) => ({ ...m, timer: startTimer(m.timer, now) }));

export function mockGoTo(s: InterviewProgress, index: number, now: number): InterviewProgress {
  return updateMock(s, (m) => {
    if (index < 0 || index >= m.questionIds.length || index === m.current) return m;
    return { ...bookCurrent(m, now), current: index };
  });
}

/**
 * Ends the session: books the last question's time, stops the clock, files the
 * session under `mocks`, and adds each scored question to that question's trend.
 */
export function finishMock(s: InterviewProgress, now: number): InterviewProgress {
  if (!s.activeMock) return s;
  const booked = bookCurrent(s.activeMock, now);
  const done: MockSession = { ...booked, timer: pauseTimer(booked.timer, now), finishedAt: new Date(now).toISOString() };
  let next: InterviewProgress = { ...s, activeMock: undefined, mocks: keepLast([...s.mocks, done], MAX_MOCKS) };
  for (const qid of done.questionIds) {
    const a = own(done.answers, qid);
    if (a?.score === undefined) continue;
    const attempt: Attempt = { at: done.finishedAt!, score: a.score, hintsUsed: a.hintsRevealed, elapsedMs: a.timeMs, mode: 'mock' };
    next = updateQuestion(next, qid, (q) => ({ ...q, attempts: keepLast([...q.attempts, attempt], MAX_ATTEMPTS_PER_QUESTION) }));
  }
  return next;
}

/** Drops the session in progress without filing it. */
export const abandonMock = (s: InterviewProgress): InterviewProgress => ({ ...s, activeMock: undefined });

export { EMPTY_INTERVIEW };

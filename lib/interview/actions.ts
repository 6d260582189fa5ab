/**
 * Interview practice actions on the shared progress store. Each one applies a pure
 * change from state.ts to `interview` through `progressStore.setState`, so saving,
 * change times and two-tab merging work exactly as for labs. Components call these
 * and read with `useInterview` (components/interview/use-interview.ts).
 */
import { progressStore } from '@/lib/progress/store';
import { EMPTY_INTERVIEW, type Coverage, type InterviewFilters, type InterviewProgress } from './progress-schema';
import * as S from './state';

export function getInterview(): InterviewProgress {
  return progressStore.getState().interview ?? EMPTY_INTERVIEW;
}

function apply(change: (s: InterviewProgress) => InterviewProgress): void {
  progressStore.setState((s) => {
    const before = s.interview ?? EMPTY_INTERVIEW;
    const after = change(before);
    // An unchanged state must not count as a change (no new change time, no save).
    return after === before ? s : { interview: after };
  });
}

const clock = () => Date.now();

export const interviewActions = {
  setNotes: (id: string, notes: string) => apply((s) => S.setNotes(s, id, notes)),
  startClock: (id: string) => apply((s) => S.startPractice(s, id, clock())),
  pauseClock: (id: string) => apply((s) => S.pausePractice(s, id, clock())),
  revealHint: (id: string, hintCount: number) => apply((s) => S.revealHint(s, id, hintCount)),
  revealRubric: (id: string) => apply((s) => S.revealRubric(s, id)),
  markKeyPoint: (id: string, keyPointId: string, coverage: Coverage) => apply((s) => S.markKeyPoint(s, id, keyPointId, coverage)),
  saveScore: (id: string, score: number, keyPointIds: readonly string[]) => apply((s) => S.saveScore(s, id, score, keyPointIds, clock())),
  practiseAgain: (id: string) => apply((s) => S.practiseAgain(s, id)),
  setFilters: (filters: InterviewFilters) => apply((s) => S.setFilters(s, filters)),

  startMock: (plan: S.MockPlan) => apply((s) => S.startMock(s, plan, clock())),
  mockSetNotes: (qid: string, notes: string) => apply((s) => S.mockSetNotes(s, qid, notes)),
  mockRevealHint: (qid: string, hintCount: number) => apply((s) => S.mockRevealHint(s, qid, hintCount)),
  mockShowKeyPoints: (qid: string) => apply((s) => S.mockShowKeyPoints(s, qid)),
  mockScore: (qid: string, score: number) => apply((s) => S.mockScore(s, qid, score)),
  mockPause: () => apply((s) => S.mockPause(s, clock())),
  mockResume: () => apply((s) => S.mockResume(s, clock())),
  mockGoTo: (index: number) => apply((s) => S.mockGoTo(s, index, clock())),
  finishMock: () => apply((s) => S.finishMock(s, clock())),
  abandonMock: () => apply(S.abandonMock),
};

/** Pure helpers over the bank and saved practice: filtering, random picks, summaries. */
import { MAX_SCORE, MIN_SCORE, type Attempt, type InterviewFilters, type InterviewProgress } from './progress-schema';
import { CATEGORIES, DIFFICULTIES, type InterviewQuestionSummary } from './schema';
import { own } from '../progress/dict';

/** Saved filters keep only values the bank still knows (content can change between releases). */
export function knownFilters(filters: InterviewFilters): InterviewFilters {
  return {
    categories: filters.categories.filter((c) => (CATEGORIES as readonly string[]).includes(c)),
    difficulties: filters.difficulties.filter((d) => (DIFFICULTIES as readonly string[]).includes(d)),
  };
}

/** Questions matching the filters; an empty list in a filter means "any". */
export function filterQuestions<Q extends Pick<InterviewQuestionSummary, 'category' | 'difficulty'>>(questions: readonly Q[], filters: InterviewFilters): Q[] {
  const f = knownFilters(filters);
  return questions.filter((q) => (f.categories.length === 0 || f.categories.includes(q.category)) && (f.difficulties.length === 0 || f.difficulties.includes(q.difficulty)));
}

/**
 * Questions easiest first (beginner, intermediate, advanced, as DIFFICULTIES orders them),
 * in bank order within a level, so someone new meets the beginner questions at the top.
 * A copy; the input is not changed.
 */
export function byDifficulty<Q extends Pick<InterviewQuestionSummary, 'difficulty' | 'number'>>(questions: readonly Q[]): Q[] {
  const rank = (q: Q) => (DIFFICULTIES as readonly string[]).indexOf(q.difficulty);
  return [...questions].sort((a, b) => rank(a) - rank(b) || a.number - b.number);
}

/** `n` distinct items in random order (a partial Fisher–Yates shuffle). `random` returns [0, 1). */
export function pickRandom<T>(items: readonly T[], n: number, random: () => number = Math.random): T[] {
  const pool = [...items];
  const count = Math.max(0, Math.min(n, pool.length));
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/** What the bank shows per question. */
export interface PracticeSummary {
  attempts: number;
  last?: Attempt;
  /** A draft with notes, hints or ticks that has not been scored. */
  inProgress: boolean;
}

export function practiceSummary(state: InterviewProgress | undefined, id: string): PracticeSummary {
  const q = own(state?.questions, id);
  if (!q) return { attempts: 0, inProgress: false };
  const d = q.draft;
  const touched = d.notes.trim() !== '' || d.hintsRevealed > 0 || d.rubricRevealed || d.timer.elapsedMs > 0 || d.timer.runningSince !== undefined;
  return { attempts: q.attempts.length, last: q.attempts.at(-1), inProgress: touched && !d.savedAt };
}

/** Arithmetic mean rounded to one decimal, or undefined for no scores. */
export function averageScore(scores: readonly (number | undefined)[]): number | undefined {
  const real = scores.filter((s): s is number => s !== undefined);
  if (real.length === 0) return undefined;
  return Math.round((real.reduce((a, b) => a + b, 0) / real.length) * 10) / 10;
}

/** "up", "down" or "flat" between the first and last of the recent scores, for the text equivalent of a trend. */
export function trendDirection(scores: readonly number[]): 'up' | 'down' | 'flat' | undefined {
  if (scores.length < 2) return undefined;
  const first = scores[0];
  const last = scores[scores.length - 1];
  return last > first ? 'up' : last < first ? 'down' : 'flat';
}

/** A score suggested by the rubric ticks: 1 + 4 × (share covered), rounded; undefined until every key point is ticked. */
export function suggestedScore(covered: number, ticked: number, total: number): number | undefined {
  if (total === 0 || ticked < total) return undefined;
  return Math.round(MIN_SCORE + (MAX_SCORE - MIN_SCORE) * (covered / total));
}

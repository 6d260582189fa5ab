/**
 * A stable shuffle of a question's options, per learner: the same learner sees the same
 * order after a reload, another learner another order, so neither the authored order nor
 * a friend's screenshot gives the answer away. Pure and deterministic: FNV-1a of
 * `${learnerSeed}:${questionId}` seeds mulberry32, which drives a Fisher–Yates shuffle.
 */
import { hashString, mulberry32 } from '../random';

/** `items` in an order fixed by `learnerSeed` and `questionId`; the input is not changed. */
export function shuffleFor<T>(items: readonly T[], learnerSeed: string, questionId: string): T[] {
  const out = [...items];
  const random = mulberry32(hashString(`${learnerSeed}:${questionId}`));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

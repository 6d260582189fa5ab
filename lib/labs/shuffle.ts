/**
 * A stable shuffle of a question's options, per learner: the same learner sees the same
 * order after a reload, another learner another order, so neither the authored order nor
 * a friend's screenshot gives the answer away. Pure and deterministic: FNV-1a of
 * `${learnerSeed}:${questionId}` seeds mulberry32, which drives a Fisher–Yates shuffle.
 */

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small seeded generator of floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` in an order fixed by `learnerSeed` and `questionId`; the input is not changed. */
export function shuffleFor<T>(items: readonly T[], learnerSeed: string, questionId: string): T[] {
  const out = [...items];
  const random = mulberry32(fnv1a(`${learnerSeed}:${questionId}`));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Small, stable hashes and a seeded generator, used instead of Math.random wherever a
 * result must be the same on every machine (mocked upstreams, simulations, the option
 * order of a learner's questions, exercise scripts), so a seeded run can be reproduced.
 * Never for security.
 */

/** 32-bit FNV-1a hash of a string, as an unsigned integer. Tiny, stable across platforms, good enough to seed noise. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A number in [0, 1) determined by `seed` and `n` (a murmur3-style finaliser over both),
 * used as a seeded random stream: `hashUnit(seed, 0)`, `hashUnit(seed, 1)`, ...
 */
export function hashUnit(seed: number, n: number): number {
  let x = (seed ^ Math.imul(n | 0, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** mulberry32: a small seeded generator of floats in [0, 1); the same seed gives the same stream everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates), drawing from `random`, a generator of numbers in [0, 1). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Numbers in [0, 1) from the platform's cryptographic generator (Web Crypto, in the page and in Node). */
export function cryptoUnit(): number {
  const out = new Uint32Array(1);
  globalThis.crypto.getRandomValues(out);
  return out[0] / 4294967296;
}

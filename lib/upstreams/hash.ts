/**
 * Small, stable hashes the mocked upstreams use instead of Math.random: the same input
 * gives the same number on every machine, so a seeded Run can be reproduced.
 */

/** 32-bit FNV-1a hash of a string. Tiny, stable across platforms, good enough to seed noise. */
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

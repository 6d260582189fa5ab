/**
 * The seed of one graded Run. A lab's checks must not be answerable from memory: if
 * every check request carried the same clock and the upstream served the same data for
 * it, a handler could recognise a check by its time range and replay the frames it had
 * returned in an earlier Run. So the host draws a seed for every Run of the checks, and
 * everything a handler could learn is derived from it: the clock and default range of
 * the requests (lib/engine/request.ts) and the upstream's series (label values, values,
 * phases; ./metrics/world.ts).
 *
 * The seed stays on the host: it is kept in the check context and in each run record so
 * a Run can be reproduced, and it never crosses into the sandbox, which sees only the
 * request and the upstream's answers. A given seed always gives the same Run.
 */
import { z } from 'zod';
import { hashUnit } from '../random';

/** A Run's seed: an unsigned 32-bit integer. */
export type RunSeed = number;

export const runSeedSchema = z.number().int().min(0).max(0xffff_ffff).describe('the seed a graded Run drew its clock and upstream data from');

/**
 * A fresh seed from the platform's cryptographic generator (Web Crypto, in the page and
 * in Node), so neither the learner's code nor an earlier Run can predict it.
 */
export function drawSeed(): RunSeed {
  const out = new Uint32Array(1);
  globalThis.crypto.getRandomValues(out);
  return out[0];
}

/** Salts keep each quantity drawn from a seed on its own stream. */
export const SEED_SALT = { now: 0x7a11, range: 0x7a12, labels: 0x7a13, series: 0x7a14, faults: 0x7a15 } as const;

/** A number in [0, 1) drawn from `seed` for one purpose (`salt`) and index `n`. */
export function seededUnit(seed: RunSeed, salt: number, n = 0): number {
  return hashUnit(hashUnit(seed >>> 0, salt) * 0x1_0000_0000, n);
}

/** The span a seeded clock falls in: 2024-01-01T00:00:00Z up to, not including, 2032-01-01. */
export const SEEDED_CLOCK_SPAN = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2032, 0, 1) } as const;

/**
 * The Run's "now", epoch milliseconds: a whole second in SEEDED_CLOCK_SPAN. Whole
 * seconds, as Grafana's own relative ranges ("now-1h") give when its clock ticks in
 * seconds, so `from / 1000` stays an integer and no handler is judged on rounding.
 */
export function seededNow(seed: RunSeed): number {
  const seconds = (SEEDED_CLOCK_SPAN.toMs - SEEDED_CLOCK_SPAN.fromMs) / 1000;
  return SEEDED_CLOCK_SPAN.fromMs + Math.floor(seededUnit(seed, SEED_SALT.now) * seconds) * 1000;
}

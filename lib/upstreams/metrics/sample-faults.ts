/**
 * Scenario options that change the data itself, not the HTTP answer: unaligned series
 * with missing samples, and Prometheus' special sample values. Applied after evaluation,
 * the same way every time for one Run (a hash of the series' labels and the Run's seed
 * decides, never Math.random), so a check can compute exactly what the handler received
 * with `evaluateRange(q, scenario, world)`.
 *
 * `disorder` (./responses.ts) only changes the order samples are sent in and is applied
 * by the handler alone: the data a correct frame holds is the same with or without it.
 */
import type { ScenarioInput } from '../scenario';
import { hashString, hashUnit } from '../../random';
import { SEED_SALT, seededUnit, type RunSeed } from '../seed';
import type { PromMatrixSeries, PromSample, PromVectorSample } from './types';

/** The three values Prometheus cannot write as JSON numbers, as it spells them in a sample. */
export const SPECIAL_SAMPLE_VALUES = ['+Inf', '-Inf', 'NaN'] as const;

// Separate hash streams for the shift and the gap, so they never correlate.
const SALT_SHIFT = 0x5151;
const SALT_GAP = 0x6262;

/** A series' own hash; with a Run seed, a different one in every Run. */
const seedOf = (series: PromMatrixSeries, runSeed?: RunSeed) =>
  (hashString(JSON.stringify(series.metric)) ^ (runSeed === undefined ? 0 : Math.floor(seededUnit(runSeed, SEED_SALT.faults) * 0x1_0000_0000))) >>> 0;

/**
 * Unaligned series (scenario `unaligned`). Series are numbered in the order the
 * upstream sends them (sorted by labels):
 *  - odd-numbered series are shifted later by their own offset, between a quarter and
 *    three quarters of a step (whole milliseconds), so their times fall between the
 *    others'; a sample shifted past `endMs` is dropped;
 *  - even-numbered series miss a run of samples (about a sixth of them, at least one)
 *    somewhere after their first sample, as when a target was down for a while.
 * Series with fewer than three samples, and steps under 2 ms, are left as they are.
 *
 * @param stepMs the query's step in milliseconds (fractions are truncated, as Prometheus does)
 * @param endMs the query's end in epoch milliseconds
 * @param runSeed the Run's seed, when the data is a graded Run's (offsets and gaps then differ per Run)
 */
export function unalign(series: readonly PromMatrixSeries[], stepMs: number, endMs: number, runSeed?: RunSeed): PromMatrixSeries[] {
  const step = Math.trunc(stepMs);
  return series.map((s, index) => {
    if (s.values.length < 3 || step < 2) return s;
    const seed = seedOf(s, runSeed);
    if (index % 2 === 1) {
      const offset = Math.max(1, Math.floor(step * (0.25 + 0.5 * hashUnit(seed, SALT_SHIFT))));
      const values = s.values
        .map(([t, v]): PromSample => [(Math.round(t * 1000) + offset) / 1000, v])
        .filter(([t]) => Math.round(t * 1000) <= endMs);
      return { ...s, values };
    }
    const length = Math.max(1, Math.floor(s.values.length / 6));
    // The gap starts after the first sample and ends before the last, so the series still spans the range.
    const start = 1 + Math.floor(hashUnit(seed, SALT_GAP) * (s.values.length - 1 - length));
    return { ...s, values: [...s.values.slice(0, start), ...s.values.slice(start + length)] };
  });
}

/**
 * Special values (scenario `specialValues`) in a range result: every series with at
 * least three samples gets one "+Inf", one "-Inf" and one "NaN", at places spread over
 * the series and different for each series; shorter series get as many as fit. With a
 * Run seed, the places and which value goes where turn by the seed, so they differ per Run.
 */
export function withSpecialValues(series: readonly PromMatrixSeries[], runSeed?: RunSeed): PromMatrixSeries[] {
  return series.map((s, index) => {
    const n = s.values.length;
    if (n === 0) return s;
    const turn = runSeed === undefined ? 0 : Math.floor(seededUnit(runSeed, SEED_SALT.faults, 1 + index) * n * 3);
    // Offsets 1, n/3 + 1 and 2n/3 + 1 are distinct modulo n for n >= 3, and stay so turned by the same amount.
    const rows = [1, Math.floor(n / 3) + 1, Math.floor((2 * n) / 3) + 1].map((offset) => (index + offset + turn) % n);
    const values = s.values.map((sample): PromSample => [sample[0], sample[1]]);
    const used = new Set<number>();
    rows.forEach((row, k) => {
      if (used.has(row)) return;
      used.add(row);
      values[row] = [values[row][0], SPECIAL_SAMPLE_VALUES[(index + k + turn) % 3]];
    });
    return { ...s, values };
  });
}

/** Special values in an instant result: every second sample (0, 2, 4…) becomes "+Inf", "-Inf", "NaN" in turn. */
export function vectorWithSpecialValues(samples: readonly PromVectorSample[]): PromVectorSample[] {
  return samples.map((s, index) => (index % 2 === 0 ? { ...s, value: [s.value[0], SPECIAL_SAMPLE_VALUES[(index / 2) % 3]] } : s));
}

/** Where a range query was evaluated, for the options that depend on it. */
export interface RangeWindow {
  /** The step in milliseconds. */
  stepMs: number;
  /** The end of the range in epoch milliseconds. */
  endMs: number;
  /** The Run's seed; undefined for the lab page's data. */
  seed?: RunSeed;
}

/**
 * What the upstream's data holds under a scenario: `unaligned` first, then
 * `specialValues`. Other options leave the data alone. Returns the input unchanged when
 * neither is set.
 */
export function shapeMatrix(series: PromMatrixSeries[], scenario: ScenarioInput | undefined, window: RangeWindow): PromMatrixSeries[] {
  let out = series;
  if (scenario?.unaligned) out = unalign(out, window.stepMs, window.endMs, window.seed);
  if (scenario?.specialValues) out = withSpecialValues(out, window.seed);
  return out;
}

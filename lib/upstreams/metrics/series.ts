/**
 * The deterministic data generator: a sample's value depends only on the metric, the
 * series' labels, the time and the Run's seed (none for the lab page's own Run), so
 * checks can compute what a correct handler must show. No Math.random, no clock: same
 * inputs, same output, on every machine.
 */
import { hashString, hashUnit } from '../../random';
import { SEED_SALT, seededUnit, type RunSeed } from '../seed';
import type { MetricSpec, SeriesLabels } from './catalog';

/**
 * Spacing of the samples the upstream "scraped", in milliseconds. Like Prometheus, a
 * query at time t sees the latest sample at or before t, so steps below 15 s repeat
 * values instead of inventing new ones.
 */
export const SCRAPE_INTERVAL_MS = 15_000;

export { hashString, hashUnit } from '../../random';

/** Canonical identity of a series: its name and labels sorted by name, PromQL-style. */
export function seriesKey(name: string, labels: SeriesLabels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return `${name}{${pairs.join(',')}}`;
}

// Salts keep the per-series constants and the per-sample noise on separate streams.
const SALT_MIDPOINT = 0x1001;
const SALT_AMPLITUDE = 0x2002;
const SALT_PHASE = 0x3003;

function between([low, high]: readonly [number, number], unit: number): number {
  return low + (high - low) * unit;
}

/**
 * The number a series' midpoint, amplitude, phase and noise are drawn from. Without a
 * Run seed it depends on the series alone (the lab page's data); with one, the same
 * series moves differently in every Run.
 */
export function seriesSeed(name: string, labels: SeriesLabels, runSeed?: RunSeed): number {
  const own = hashString(seriesKey(name, labels));
  return runSeed === undefined ? own : (own ^ Math.floor(seededUnit(runSeed, SEED_SALT.series) * 0x1_0000_0000)) >>> 0;
}

/**
 * Value of one series at `timeMs` (epoch milliseconds): the sample scraped at or
 * before that time. Rounded to the metric's decimals and clamped to its range.
 * `runSeed` is the Run's seed (lib/upstreams/seed.ts); leave it out for the lab page's data.
 * `seed` is `seriesSeed(metric.name, labels, runSeed)`, for a caller that keeps it per series
 * (hashing the series' key per sample is most of a query's cost).
 */
export function sampleValue(metric: MetricSpec, labels: SeriesLabels, timeMs: number, runSeed?: RunSeed, seed = seriesSeed(metric.name, labels, runSeed)): number {
  const { shape } = metric;
  const scrapeIndex = Math.floor(timeMs / SCRAPE_INTERVAL_MS);
  const scrapeSeconds = (scrapeIndex * SCRAPE_INTERVAL_MS) / 1000;

  const midpoint = between(shape.midpoint, hashUnit(seed, SALT_MIDPOINT));
  const amplitude = between(shape.amplitude, hashUnit(seed, SALT_AMPLITUDE));
  const phase = 2 * Math.PI * hashUnit(seed, SALT_PHASE);
  const wave = Math.sin((2 * Math.PI * scrapeSeconds) / shape.periodSeconds + phase);
  const noise = shape.noise * (2 * hashUnit(seed, scrapeIndex) - 1);

  const raw = Math.min(shape.max, Math.max(shape.min, midpoint + amplitude * wave + noise));
  const factor = 10 ** shape.decimals;
  // `+ 0` turns -0 into 0 so it never prints as "-0".
  return Math.round(raw * factor) / factor + 0;
}

/**
 * Formats a sample value the way Prometheus puts it in JSON: a string, with special
 * values spelled `NaN`, `+Inf`, `-Inf`. Rounded to at most 6 decimals so sums and
 * averages of rounded samples do not print floating-point dust (0.30000000000000004).
 */
export function formatValue(value: number): string {
  // An integer prints as itself (String(-0) is "0"); only fractions can carry dust.
  if (Number.isInteger(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  let text = FORMATTED.get(value);
  if (text === undefined) {
    // toFixed stays exact for the large byte counts where Math.round(v * 1e6) would not.
    text = String(Number(value.toFixed(6)) + 0);
    if (FORMATTED.size >= FORMATTED_KEPT) FORMATTED.clear();
    FORMATTED.set(value, text);
  }
  return text;
}

/**
 * Fractions already formatted: a range query prints the same few values many times
 * (each sample, and each average of the same samples, in every overlapping window), and
 * toFixed and the two conversions were the biggest part of a query's time. Bounded.
 */
const FORMATTED = new Map<number, string>();
const FORMATTED_KEPT = 16_384;

/**
 * Reads a sample value as Prometheus writes it: the inverse of `formatValue`. "+Inf",
 * "-Inf" and "NaN" become Infinity, -Infinity and NaN; `Number` alone would turn both
 * infinities into NaN. Text that is no number at all gives NaN.
 */
export function parseSampleValue(text: string): number {
  // Go's ParseFloat, which Prometheus clients use, accepts any case and "Infinity" too.
  const infinity = /^([+-]?)inf(inity)?$/i.exec(text.trim());
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return Number(text);
}

/**
 * The deterministic data generator: a sample's value depends only on the metric, the
 * series' labels and the time, so checks can compute what a correct handler must show.
 * No Math.random, no clock: same inputs, same output, on every machine.
 */
import type { MetricSpec, SeriesLabels } from './catalog';

/**
 * Spacing of the samples the upstream "scraped", in milliseconds. Like Prometheus, a
 * query at time t sees the latest sample at or before t, so steps below 15 s repeat
 * values instead of inventing new ones.
 */
export const SCRAPE_INTERVAL_MS = 15_000;

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
 * Value of one series at `timeMs` (epoch milliseconds): the sample scraped at or
 * before that time. Rounded to the metric's decimals and clamped to its range.
 */
export function sampleValue(metric: MetricSpec, labels: SeriesLabels, timeMs: number): number {
  const { shape } = metric;
  const seed = hashString(seriesKey(metric.name, labels));
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
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  // toFixed stays exact for the large byte counts where Math.round(v * 1e6) would not.
  return String(Number(value.toFixed(6)) + 0);
}

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

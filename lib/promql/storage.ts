/**
 * Where the evaluator reads series from. `createStorage(series)` keeps in-memory series
 * (labels + samples `[ms, value]`, as a scrape of the learner's metrics gives them);
 * anything else (the mocked upstream's generated series) implements `Storage` itself.
 */
import { z } from 'zod';

/** A series' labels, `__name__` included. */
export type Labels = Readonly<Record<string, string>>;

/** One sample: `[timestamp in epoch milliseconds, value]`. The value may be NaN or ±Inf. */
export type Sample = readonly [timestampMs: number, value: number];

/** zod for a sample at a boundary (zod's own number refuses NaN and Infinity, which samples may be). */
export const sampleSchema = z.tuple([
  z.number().int().describe('timestamp, epoch milliseconds'),
  z.custom<number>((v) => typeof v === 'number', 'a sample value must be a number (NaN and ±Inf allowed)').describe('value'),
]);

/** One series as handed to `createStorage`. */
export const inputSeriesSchema = z.object({
  labels: z.record(z.string(), z.string()).describe('label name → value, __name__ for the metric name'),
  samples: z.array(sampleSchema).describe('samples, any order (sorted by time on the way in)'),
});
export type InputSeries = z.infer<typeof inputSeriesSchema>;

/** A series the evaluator can read. Windows are left-open, as in Prometheus 3: (mint, maxt]. */
export interface StoredSeries {
  readonly labels: Labels;
  /** The samples with mint < t <= maxt, oldest first. */
  samples(mint: number, maxt: number): readonly Sample[];
  /** The latest sample with mint < t <= maxt, if any (instant selection with lookback). */
  latest(mint: number, maxt: number): Sample | undefined;
}

/** A set of series. */
export interface Storage {
  /**
   * The series a selector may match: with `metricName`, at least every series of that
   * metric; without, every series. The evaluator applies all matchers itself.
   */
  series(metricName?: string): Iterable<StoredSeries>;
}

/** Index of the first sample with timestamp > t (binary search). */
function firstAfter(samples: readonly Sample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid][0] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class ArraySeries implements StoredSeries {
  constructor(
    readonly labels: Labels,
    private readonly data: readonly Sample[],
  ) {}

  samples(mint: number, maxt: number): readonly Sample[] {
    return this.data.slice(firstAfter(this.data, mint), firstAfter(this.data, maxt));
  }

  latest(mint: number, maxt: number): Sample | undefined {
    const i = firstAfter(this.data, maxt) - 1;
    return i >= 0 && this.data[i][0] > mint ? this.data[i] : undefined;
  }
}

/** Samples sorted by time; of two with the same timestamp the later one given wins (a re-scrape overwrites). */
function sortedSamples(samples: readonly Sample[]): readonly Sample[] {
  let sorted = true;
  for (let i = 1; i < samples.length && sorted; i++) sorted = samples[i - 1][0] < samples[i][0];
  if (sorted) return samples;
  const byTime = new Map<number, Sample>();
  for (const s of samples) byTime.set(s[0], s);
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * In-memory storage over `series`. Samples are sorted by time (a copy, when needed).
 * Throws Error naming the series when two have the same labels, or a timestamp is not
 * a whole number of milliseconds.
 */
export function createStorage(series: readonly InputSeries[]): Storage {
  const all: ArraySeries[] = [];
  const byName = new Map<string, ArraySeries[]>();
  const seen = new Set<string>();
  for (const { labels, samples } of series) {
    const key = labelsKey(labels);
    if (seen.has(key)) throw new Error(`two series have the same labels ${key}: merge their samples into one series`);
    seen.add(key);
    for (const [t] of samples) {
      if (!Number.isInteger(t)) throw new Error(`series ${key} has a sample at ${t}, which is not a whole number of milliseconds`);
    }
    const stored = new ArraySeries(Object.freeze({ ...labels }), sortedSamples(samples));
    all.push(stored);
    const name = Object.hasOwn(labels, '__name__') ? labels.__name__ : '';
    const list = byName.get(name) ?? [];
    list.push(stored);
    byName.set(name, list);
  }
  return { series: (metricName) => (metricName === undefined ? all : (byName.get(metricName) ?? [])) };
}

/** A label's value, "" when absent (PromQL treats a missing label as empty). Never reads Object.prototype. */
export function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? labels[name] : '';
}

const KEYS = new WeakMap<Labels, string>();

/** Canonical text of a label set (`{a="1", b="2"}`, sorted by name), cached per object. */
export function labelsKey(labels: Labels): string {
  let key = KEYS.get(labels);
  if (key === undefined) {
    const names = Object.keys(labels).sort();
    key = `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
    KEYS.set(labels, key);
  }
  return key;
}

/** Orders label sets as Prometheus sorts a matrix: label by label, name then value; a prefix first. */
export function compareLabels(a: Labels, b: Labels): number {
  const left = Object.keys(a).sort();
  const right = Object.keys(b).sort();
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
    const x = a[left[i]];
    const y = b[right[i]];
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

const WITHOUT_NAME = new WeakMap<Labels, Labels>();

/** `labels` without `__name__` (what most functions and operators do to their output). */
export function dropMetricName(labels: Labels): Labels {
  if (!Object.hasOwn(labels, '__name__')) return labels;
  let out = WITHOUT_NAME.get(labels);
  if (!out) {
    const { __name__: _, ...rest } = labels;
    out = Object.freeze(rest);
    WITHOUT_NAME.set(labels, out);
  }
  return out;
}

/**
 * Metrics for the learner's data source, shaped like Prometheus' Go client
 * (`github.com/prometheus/client_golang/prometheus`): counters, gauges and histograms,
 * alone or as vectors with label names, registered on a `Registry` that renders them in
 * the Prometheus text exposition format (version 0.0.4). The lab scrapes the registry
 * the entry file exports as `registry`, as Prometheus scrapes a plugin's `/metrics`.
 *
 * Methods are camelCase (`withLabelValues`, `inc`, `observe`) where Go has `WithLabelValues`,
 * `Inc`, `Observe`; each names its Go counterpart. Where Go panics (a negative counter
 * increment, the wrong number of label values, buckets out of order) these throw an Error
 * saying what to fix.
 *
 * @example
 * export const registry = new Registry();
 * const requests = new CounterVec({ name: 'datasource_queries_total', help: 'Queries served.' }, ['query_type', 'status']);
 * registry.mustRegister(requests);
 * requests.withLabelValues('range', 'ok').inc();
 */

/**
 * Go: `prometheus.DefBuckets`: bucket upper bounds in seconds, for latencies from 5 ms
 * to 10 s. Histograms measure in seconds (divide milliseconds by 1000).
 */
export const DEF_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/**
 * Most label combinations one vector keeps. Go sets no limit; a plugin that puts user
 * ids, raw queries or URLs in labels makes one series per value and can take its
 * Prometheus down, so the lab stops it here with a message instead.
 */
export const MAX_LABEL_COMBINATIONS = 10_000;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Go: `prometheus.Opts` (CounterOpts, GaugeOpts). The full name is namespace_subsystem_name. */
export interface MetricOpts {
  /** The metric's name, e.g. `queries_total`. Go: `Name`. */
  name: string;
  /** One line on what it counts or measures; required, as in Go. Go: `Help`. */
  help: string;
  /** Prefix, e.g. the plugin's name. Go: `Namespace`. */
  namespace?: string;
  /** Middle part, e.g. `cache`. Go: `Subsystem`. */
  subsystem?: string;
  /** Labels with one fixed value on every series. Go: `ConstLabels`. */
  constLabels?: Record<string, string>;
}

/** Go: `prometheus.HistogramOpts`. */
export interface HistogramOpts extends MetricOpts {
  /** Upper bounds of the buckets, in increasing order, in the unit observed (seconds). Default DEF_BUCKETS. Go: `Buckets`. */
  buckets?: readonly number[];
}

/** Go: `prometheus.Labels`, label name → value. */
export type Labels = Record<string, string>;

type MetricType = 'counter' | 'gauge' | 'histogram';

/** Go: `prometheus.BuildFQName`: the non-empty parts joined with `_`. */
export function buildFQName(namespace: string | undefined, subsystem: string | undefined, name: string): string {
  return [namespace, subsystem, name].filter((p) => p !== undefined && p !== '').join('_');
}

/** Go: `prometheus.LinearBuckets`: `count` buckets, the first at `start`, each `width` wider. */
export function linearBuckets(start: number, width: number, count: number): number[] {
  if (!(count >= 1)) throw new Error('linearBuckets needs a count of at least 1.');
  return Array.from({ length: count }, (_, i) => start + i * width);
}

/** Go: `prometheus.ExponentialBuckets`: `count` buckets, the first at `start`, each `factor` times the one before. */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  if (!(count >= 1) || !(start > 0) || !(factor > 1)) throw new Error('exponentialBuckets needs count ≥ 1, start > 0 and factor > 1.');
  return Array.from({ length: count }, (_, i) => start * factor ** i);
}

/** Go: `prometheus.Counter`: a value that only goes up (requests, errors, cache hits). */
export class Counter {
  /** @internal */ value = 0;
  /** Adds 1. Go: `Inc()`. */
  inc(): void {
    this.value += 1;
  }
  /** Adds `v`, which must not be negative. Go: `Add(float64)`. */
  add(v: number): void {
    if (v < 0) throw new Error(`A counter cannot go down: add(${v}) was called. Use a Gauge for a value that goes up and down.`);
    this.value += v;
  }
  /** The current value (for tests; Prometheus reads it through the registry). */
  get(): number {
    return this.value;
  }
}

/** Go: `prometheus.Gauge`: a value that goes up and down (entries in a cache, an open circuit). */
export class Gauge {
  /** @internal */ value = 0;
  /** Go: `Set(float64)`. */
  set(v: number): void {
    this.value = v;
  }
  /** Go: `Inc()`. */
  inc(): void {
    this.value += 1;
  }
  /** Go: `Dec()`. */
  dec(): void {
    this.value -= 1;
  }
  /** Go: `Add(float64)`. */
  add(v: number): void {
    this.value += v;
  }
  /** Go: `Sub(float64)`. */
  sub(v: number): void {
    this.value -= v;
  }
  get(): number {
    return this.value;
  }
}

/** Go: `prometheus.Histogram`: observations counted into buckets, with their sum and count. */
export class Histogram {
  /** @internal */ readonly counts: number[];
  /** @internal */ sum = 0;
  /** @internal */ count = 0;
  /** @internal */
  constructor(readonly upperBounds: readonly number[]) {
    this.counts = upperBounds.map(() => 0);
  }
  /** Counts `v` (in the histogram's unit: seconds for latencies). Go: `Observe(float64)`. */
  observe(v: number): void {
    for (let i = 0; i < this.upperBounds.length; i++) {
      if (v <= this.upperBounds[i]) {
        this.counts[i] += 1;
        break;
      }
    }
    this.sum += v;
    this.count += 1;
  }
}

type Child = Counter | Gauge | Histogram;

/** Everything a registry renders: a family of series of one name and type. Go: `prometheus.Collector`. */
abstract class Collector<C extends Child> {
  /** The full name. */
  readonly name: string;
  readonly help: string;
  /** @internal */ readonly labelNames: readonly string[];
  /** @internal */ readonly constLabels: Labels;
  /** @internal */ readonly children = new Map<string, { values: readonly string[]; child: C }>();

  protected constructor(
    readonly type: MetricType,
    opts: MetricOpts,
    labelNames: readonly string[],
  ) {
    if (typeof opts?.name !== 'string' || typeof opts.help !== 'string') throw new Error('A metric needs { name, help }: both strings, as in Go\'s Opts.');
    this.name = buildFQName(opts.namespace, opts.subsystem, opts.name);
    if (!METRIC_NAME.test(this.name)) throw new Error(`"${this.name}" is not a valid metric name: use letters, digits, _ and :, not starting with a digit.`);
    this.help = opts.help;
    this.constLabels = { ...(opts.constLabels ?? {}) };
    const all = [...labelNames, ...Object.keys(this.constLabels)];
    for (const label of all) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`"${label}" is not a valid label name for ${this.name}: use letters, digits and _, not starting with a digit or __.`);
      if (type === 'histogram' && label === 'le') throw new Error(`${this.name}: "le" is the label of a histogram's buckets; pick another label name.`);
    }
    if (new Set(all).size !== all.length) throw new Error(`${this.name} names a label twice: ${all.join(', ')}.`);
    this.labelNames = [...labelNames];
  }

  /** @internal */ protected abstract create(): C;

  /** @internal */ protected child(values: readonly string[]): C {
    if (values.length !== this.labelNames.length) {
      throw new Error(`${this.name} has ${this.labelNames.length} label(s) (${this.labelNames.join(', ') || 'none'}) but got ${values.length} value(s). Go panics with "inconsistent label cardinality".`);
    }
    const texts = values.map(String);
    const key = texts.join('\u0000');
    let entry = this.children.get(key);
    if (!entry) {
      if (this.children.size >= MAX_LABEL_COMBINATIONS) {
        throw new Error(
          `${this.name} already has ${MAX_LABEL_COMBINATIONS.toLocaleString('en')} label combinations: its labels take unbounded values. Label by a small fixed set (query type, status class, error category), never by user ids, raw queries or URLs.`,
        );
      }
      entry = { values: texts, child: this.create() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  /** @internal */ protected childWith(labels: Labels): C {
    const given = Object.keys(labels ?? {});
    const missing = this.labelNames.filter((n) => !given.includes(n));
    const extra = given.filter((n) => !this.labelNames.includes(n));
    if (missing.length || extra.length) {
      throw new Error(`${this.name} takes the labels ${this.labelNames.join(', ') || '(none)'}; ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? ', ' : ''}${extra.length ? `unknown ${extra.join(', ')}` : ''}.`);
    }
    return this.child(this.labelNames.map((n) => labels[n]));
  }

  /** Removes the series with these label values; true when there was one. Go: `DeleteLabelValues`. */
  deleteLabelValues(...values: string[]): boolean {
    return this.children.delete(values.map(String).join('\u0000'));
  }

  /** Removes every series. Go: `Reset()`. */
  reset(): void {
    this.children.clear();
  }
}

/** Go: `prometheus.CounterVec`. */
export class CounterVec extends Collector<Counter> {
  /** Go: `prometheus.NewCounterVec(opts, labelNames)`. */
  constructor(opts: MetricOpts, labelNames: readonly string[]) {
    super('counter', opts, labelNames);
  }
  protected create() {
    return new Counter();
  }
  /** The counter for these label values, in the order of the label names. Go: `WithLabelValues(...)`. */
  withLabelValues(...values: string[]): Counter {
    return this.child(values);
  }
  /** The counter for these labels. Go: `With(prometheus.Labels{...})`. */
  with(labels: Labels): Counter {
    return this.childWith(labels);
  }
}

/** Go: `prometheus.GaugeVec`. */
export class GaugeVec extends Collector<Gauge> {
  constructor(opts: MetricOpts, labelNames: readonly string[]) {
    super('gauge', opts, labelNames);
  }
  protected create() {
    return new Gauge();
  }
  withLabelValues(...values: string[]): Gauge {
    return this.child(values);
  }
  with(labels: Labels): Gauge {
    return this.childWith(labels);
  }
}

/** Go: `prometheus.HistogramVec`. */
export class HistogramVec extends Collector<Histogram> {
  /** @internal */ readonly buckets: readonly number[];
  constructor(opts: HistogramOpts, labelNames: readonly string[]) {
    super('histogram', opts, labelNames);
    this.buckets = checkBuckets(this.name, opts.buckets ?? DEF_BUCKETS);
  }
  protected create() {
    return new Histogram(this.buckets);
  }
  withLabelValues(...values: string[]): Histogram {
    return this.child(values);
  }
  with(labels: Labels): Histogram {
    return this.childWith(labels);
  }
}

/** Bucket bounds as Go's NewHistogram takes them: finite numbers in increasing order; +Inf is added when rendering. */
function checkBuckets(name: string, buckets: readonly number[]): number[] {
  const out = [...buckets];
  if (out.length > 0 && out[out.length - 1] === Infinity) out.pop(); // Go drops a trailing +Inf too
  for (let i = 0; i < out.length; i++) {
    if (typeof out[i] !== 'number' || !Number.isFinite(out[i])) throw new Error(`${name}: bucket ${i + 1} is ${String(out[i])}; bucket bounds must be finite numbers (seconds).`);
    if (i > 0 && out[i] <= out[i - 1]) throw new Error(`${name}: buckets must be in increasing order, but ${out[i]} comes after ${out[i - 1]}. Go panics with "histogram buckets must be in increasing order".`);
  }
  return out;
}

/**
 * Go: `prometheus.Registry`. Holds collectors and renders them for a scrape.
 * `metrics()` is what the lab scrapes (Go: `promhttp.HandlerFor(registry, ...)` at `/metrics`).
 */
export class Registry {
  /** @internal */ private readonly collectors = new Map<string, Collector<Child>>();

  /** Adds a collector; throws when one of the same name is already registered. Go: `Register`. */
  register(collector: CounterVec | GaugeVec | HistogramVec): void {
    if (!(collector instanceof Collector)) throw new Error('register() takes a CounterVec, GaugeVec or HistogramVec from @lab/sdk.');
    if (this.collectors.has(collector.name)) throw new Error(`A metric named ${collector.name} is already registered. Go returns prometheus.AlreadyRegisteredError.`);
    this.collectors.set(collector.name, collector);
  }

  /** Registers every collector, throwing on the first that cannot be. Go: `MustRegister`. */
  mustRegister(...collectors: (CounterVec | GaugeVec | HistogramVec)[]): void {
    for (const c of collectors) this.register(c);
  }

  /** Removes a collector; true when it was registered. Go: `Unregister`. */
  unregister(collector: CounterVec | GaugeVec | HistogramVec): boolean {
    return this.collectors.get(collector.name) === collector && this.collectors.delete(collector.name);
  }

  /** The Content-Type of `metrics()`. */
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';

  /**
   * Every registered metric in the text exposition format, families sorted by name and
   * series by label values, as Go's registry gathers them. Ends with a line feed.
   */
  metrics(): string {
    const lines: string[] = [];
    for (const name of [...this.collectors.keys()].sort()) {
      const c = this.collectors.get(name)!;
      if (c.children.size === 0) continue; // Go writes no family without series either
      lines.push(`# HELP ${c.name} ${escapeHelp(c.help)}`, `# TYPE ${c.name} ${c.type}`);
      const series = [...c.children.values()].sort((a, b) => compareValues(a.values, b.values));
      for (const { values, child } of series) {
        const labels: [string, string][] = c.labelNames.map((n, i) => [n, values[i]]);
        for (const [k, v] of Object.entries(c.constLabels)) labels.push([k, v]);
        labels.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        if (child instanceof Histogram) {
          let cumulative = 0;
          child.upperBounds.forEach((bound, i) => {
            cumulative += child.counts[i];
            lines.push(`${c.name}_bucket${labelText([...labels, ['le', formatValue(bound)]])} ${formatValue(cumulative)}`);
          });
          lines.push(`${c.name}_bucket${labelText([...labels, ['le', '+Inf']])} ${formatValue(child.count)}`);
          lines.push(`${c.name}_sum${labelText(labels)} ${formatValue(child.sum)}`);
          lines.push(`${c.name}_count${labelText(labels)} ${formatValue(child.count)}`);
        } else {
          lines.push(`${c.name}${labelText(labels)} ${formatValue(child.value)}`);
        }
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }
}

function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** `{a="1",b="2"}`, or nothing without labels. */
function labelText(labels: readonly (readonly [string, string])[]): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (the text format's rules). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as the text format writes it: `+Inf`, `-Inf`, `NaN`, or the number. */
export function formatValue(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  return String(v);
}

/**
 * The metrics the lab's Prometheus-like upstream knows about.
 *
 * Every series is a pure function of (metric, labels, time, Run seed): see ./series.ts.
 * Adding a metric here is all it takes for it to appear in queries, label listings and docs.
 */

/** A series' labels without `__name__`, e.g. `{ instance: 'web-1', job: 'node' }`. */
export type SeriesLabels = Readonly<Record<string, string>>;

/**
 * How a series moves over time: a sine wave around a per-series midpoint plus noise.
 * Ranges (`[low, high]`) are spread across series by a hash of their labels, so each
 * series looks different but the same series always looks the same.
 */
export interface WaveShape {
  /** Range the midpoint of each series is drawn from, in the metric's unit. */
  midpoint: readonly [number, number];
  /** Range the sine amplitude of each series is drawn from, in the metric's unit. */
  amplitude: readonly [number, number];
  /** Period of the sine wave in seconds. */
  periodSeconds: number;
  /** Largest noise added to a sample, either way, in the metric's unit. */
  noise: number;
  /** Values are clamped to `[min, max]`, so a percentage never leaves 0..100. */
  min: number;
  max: number;
  /** Decimal places each sample is rounded to (0 for counts and bytes). */
  decimals: number;
}

/** One metric of the catalogue. */
export interface MetricSpec {
  /** Prometheus metric name, the value of `__name__`. */
  name: string;
  /** One-line description, as a Prometheus `# HELP` line would give it. */
  help: string;
  /** Unit of the values, for docs and UI hints (e.g. `percent`, `bytes`). */
  unit: string;
  /** The label sets of its series, without `__name__`. */
  series: readonly SeriesLabels[];
  /** How its values move. */
  shape: WaveShape;
}

/**
 * The label values the catalogue's series are built from. The lab page's data uses
 * CANONICAL_LABEL_VALUES, which the lab prose quotes; a graded Run draws its own
 * (./world.ts), with the same label names and the same number of series.
 */
export interface CatalogLabelValues {
  /** Three distinct `instance` values. */
  instances: readonly [string, string, string];
  /** Two distinct `route` values of the API's series. */
  routes: readonly [string, string];
  /** The `queue` value of the worker's series. */
  queue: string;
}

export const CANONICAL_LABEL_VALUES: CatalogLabelValues = {
  instances: ['web-1', 'web-2', 'web-3'],
  routes: ['/api/orders', '/api/users'],
  queue: 'orders',
};

/** Every metric the upstream serves, in name order, with its series labelled by `values`. */
export function buildCatalog({ instances, routes, queue }: CatalogLabelValues): readonly MetricSpec[] {
  return [
    {
      name: 'cpu_usage_percent',
      help: 'CPU busy time of the instance, in percent of all cores.',
      unit: 'percent',
      series: instances.map((instance) => ({ instance, job: 'node' })),
      shape: { midpoint: [25, 60], amplitude: [8, 20], periodSeconds: 3600, noise: 4, min: 0, max: 100, decimals: 2 },
    },
    {
      name: 'http_requests_per_second',
      help: 'Requests served per second, by instance and route.',
      unit: 'requests/s',
      series: instances.flatMap((instance) => routes.map((route) => ({ instance, job: 'api', route }))),
      shape: { midpoint: [20, 120], amplitude: [5, 25], periodSeconds: 1800, noise: 6, min: 0, max: Infinity, decimals: 3 },
    },
    {
      name: 'memory_used_bytes',
      help: 'Resident memory of the instance, in bytes.',
      unit: 'bytes',
      series: instances.map((instance) => ({ instance, job: 'node' })),
      shape: {
        midpoint: [1.2e9, 3.2e9],
        amplitude: [5e7, 2e8],
        periodSeconds: 7200,
        noise: 2e7,
        min: 0,
        max: Infinity,
        decimals: 0,
      },
    },
    {
      name: 'queue_depth',
      help: 'Jobs waiting in the queue.',
      unit: 'jobs',
      series: [{ job: 'worker', queue }],
      shape: { midpoint: [6, 6], amplitude: [4, 4], periodSeconds: 600, noise: 3, min: 0, max: Infinity, decimals: 0 },
    },
  ];
}

/** Every metric the upstream serves on the lab page, in name order. */
export const METRIC_CATALOG: readonly MetricSpec[] = buildCatalog(CANONICAL_LABEL_VALUES);

/** Names of every metric the upstream serves, sorted (what `/api/v1/label/__name__/values` lists). */
export const METRIC_NAMES: readonly string[] = METRIC_CATALOG.map((m) => m.name).sort();

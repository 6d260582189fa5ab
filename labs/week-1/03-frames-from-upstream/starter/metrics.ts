/**
 * What this data source knows about the upstream's metrics, and the shape of what the
 * upstream sends. Read-only: the checks read the same table.
 */

/** One series of a Prometheus range query result ("matrix"). */
export interface MatrixSeries {
  /** The series' labels, `__name__` (the metric name) included. */
  metric: Record<string, string>;
  /**
   * Samples as `[unix seconds, "value as text"]`, e.g. `[1768478400, "42.17"]`. Values
   * JSON has no number for are spelled `"NaN"`, `"+Inf"` and `"-Inf"`. Not promised to
   * be in time order, nor at the same times in every series.
   */
  values: Array<[number, string]>;
}

/** How Grafana should show a metric's values. */
export interface MetricInfo {
  /** A Grafana unit id: `percent`, `bytes`, `reqps`, `short`… */
  unit: string;
  /** A short name for people, used in display names. */
  title: string;
}

export const METRICS: Record<string, MetricInfo> = {
  cpu_usage_percent: { unit: 'percent', title: 'CPU' },
  http_requests_per_second: { unit: 'reqps', title: 'Requests' },
  memory_used_bytes: { unit: 'bytes', title: 'Memory' },
  queue_depth: { unit: 'short', title: 'Queue depth' },
};

/** Label names that say nothing about which series this is. */
const QUIET_LABELS = new Set(['__name__', 'job']);

/**
 * The name a person should read for one series: the metric's title, then the series'
 * label values in label-name order, leaving out `__name__` and `job`.
 * Example: seriesTitle('cpu_usage_percent', { instance: 'web-1', job: 'node' }) === 'CPU web-1'.
 */
export function seriesTitle(metric: string, labels: Record<string, string>): string {
  const values = Object.keys(labels)
    .filter((name) => !QUIET_LABELS.has(name) && labels[name] !== '')
    .sort()
    .map((name) => labels[name]);
  return [METRICS[metric]?.title ?? metric, ...values].join(' ');
}

/**
 * The RED dashboard of an operate run (Rate, Errors, Duration): the learner's own
 * scraped series turned into a PromQL store, and the panels' queries (`rate`,
 * `increase`, `sum by`, `histogram_quantile`) evaluated over it with lib/promql, as
 * Grafana would ask Prometheus. Also the reading of one histogram the checks of the
 * "RED metrics" lab use: its buckets summed across series, and where a quantile falls.
 *
 * Metric names are the ones the lab's README asks for (`datasource_requests_total`,
 * ...). No React: the panels are drawn by components/operate/red-dashboard.tsx.
 */
import { createStorage, evaluateInstant, evaluateRange, PromQLError, type InputSeries, type MatrixSeries, type Storage } from '../../promql';
import { samplesOf, type MetricFamily } from './exposition';
import type { OperateRunRecord, ScrapeRecord } from './run';

/** The metric names of the RED lab (labs/week-4/01-red-metrics/README.md). */
export const RED_METRICS = {
  requests: 'datasource_requests_total',
  queries: 'datasource_queries_total',
  errors: 'datasource_query_errors_total',
  requestDuration: 'datasource_request_duration_seconds',
  upstreamDuration: 'datasource_upstream_duration_seconds',
  cache: 'datasource_cache_requests_total',
} as const;

/**
 * The scrapes as a PromQL store: one series per sample name and label set, one sample
 * per scrape that had it at `epochMs + scrape.atMs`. Scrapes that failed are gaps, as a
 * failed scrape is in Prometheus.
 */
export function scrapeStorage(scrapes: readonly ScrapeRecord[], epochMs: number): Storage {
  const series = new Map<string, InputSeries>();
  for (const scrape of scrapes) {
    for (const family of scrape.families ?? []) {
      for (const sample of family.samples) {
        const labels = { ...sample.labels, __name__: sample.name };
        const key = JSON.stringify(Object.entries(labels).sort());
        let s = series.get(key);
        if (!s) series.set(key, (s = { labels, samples: [] }));
        s.samples.push([Math.round(epochMs + scrape.atMs), sample.value]);
      }
    }
  }
  return createStorage([...series.values()]);
}

/** One panel of the RED dashboard. */
export interface RedPanel {
  id: string;
  title: string;
  /** The PromQL the panel runs, shown under it. `$__rate_interval` is written out as RATE_WINDOW. */
  query: string;
  /** Grafana's unit id for the panel's values. */
  unit: 'reqps' | 's' | 'percentunit' | 'short';
  /** Grafana's legend format: `{{label}}` is replaced by the series' label. */
  legend: string;
}

/** The window of `rate`/`increase`: four scrapes of 15 s, as Grafana's `$__rate_interval` would give. */
export const RATE_WINDOW = '1m';

/** The panels, in the order the dashboard shows them: Rate, Errors, Duration, then the upstream and the cache. */
export const RED_PANELS: readonly RedPanel[] = [
  { id: 'rate', title: 'Requests per second, by endpoint', query: `sum by (endpoint) (rate(${RED_METRICS.requests}[${RATE_WINDOW}]))`, unit: 'reqps', legend: '{{endpoint}}' },
  { id: 'queries', title: 'Queries per second, by query type', query: `sum by (query_type) (rate(${RED_METRICS.queries}[${RATE_WINDOW}]))`, unit: 'reqps', legend: '{{query_type}}' },
  { id: 'errors', title: 'Errors per minute, by category', query: `sum by (category) (increase(${RED_METRICS.errors}[${RATE_WINDOW}]))`, unit: 'short', legend: '{{category}}' },
  {
    id: 'latency',
    title: 'Request latency p50 / p95 / p99',
    query: `histogram_quantile(0.95, sum by (le) (rate(${RED_METRICS.requestDuration}_bucket[${RATE_WINDOW}])))`,
    unit: 's',
    legend: 'p95',
  },
  {
    id: 'upstream',
    title: 'Upstream call latency p95',
    query: `histogram_quantile(0.95, sum by (le) (rate(${RED_METRICS.upstreamDuration}_bucket[${RATE_WINDOW}])))`,
    unit: 's',
    legend: 'p95',
  },
  {
    id: 'cache',
    title: 'Cache hit ratio',
    query: `sum(rate(${RED_METRICS.cache}{result="hit"}[${RATE_WINDOW}])) / sum(rate(${RED_METRICS.cache}[${RATE_WINDOW}]))`,
    unit: 'percentunit',
    legend: 'hit ratio',
  },
];

/** The extra quantiles the latency panel draws beside its p95 query. */
export const LATENCY_QUANTILES = [0.5, 0.99] as const;

/** One evaluated panel: its series (epoch ms, value), or why it has none. */
export interface PanelResult {
  panel: RedPanel;
  /** Each query the panel ran, the first being `panel.query`. */
  queries: string[];
  series: { name: string; points: [number, number][] }[];
  /** The evaluator's error (a PromQLError message), or a note that the query found no series. */
  message?: string;
}

/** The query of the latency panel at another quantile. */
export const latencyQuery = (q: number, metric: string = RED_METRICS.requestDuration) =>
  `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket[${RATE_WINDOW}])))`;

/**
 * Evaluates every panel over the run's scrapes, from the first scrape to the last at
 * the scrape interval. Never throws: a query the evaluator refuses is a panel's message.
 */
export function evaluateRedPanels(scrapes: readonly ScrapeRecord[], epochMs: number, stepMs = 15_000): PanelResult[] {
  const read = scrapes.filter((s) => s.families);
  if (read.length === 0) return RED_PANELS.map((panel) => ({ panel, queries: [panel.query], series: [], message: 'There were no scrapes the host could read.' }));
  const storage = scrapeStorage(read, epochMs);
  const start = Math.round(epochMs + read[0].atMs);
  const end = Math.round(epochMs + read[read.length - 1].atMs);
  const range = { start, end: Math.max(start, end), step: stepMs };
  return RED_PANELS.map((panel) => {
    const queries = panel.id === 'latency' ? [latencyQuery(0.5), panel.query, latencyQuery(0.99)] : [panel.query];
    const legends = panel.id === 'latency' ? ['p50', 'p95', 'p99'] : [panel.legend];
    const series: PanelResult['series'] = [];
    try {
      queries.forEach((query, i) => {
        for (const s of evaluateRange(query, range, storage).result) series.push({ name: legendOf(legends[i], s), points: s.values.map(([t, v]) => [t, v]) });
      });
    } catch (err) {
      return { panel, queries, series: [], message: err instanceof PromQLError ? err.message : String(err) };
    }
    return { panel, queries, series, ...(series.length === 0 ? { message: 'No series: the metric this query reads was not in your scrapes, or never changed.' } : {}) };
  });
}

function legendOf(format: string, series: MatrixSeries): string {
  return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => series.metric[name] ?? '');
}

/** A histogram's buckets summed over every series of it: `le` bound → cumulative count, sorted by bound (+Inf last). */
export interface SummedHistogram {
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

/** The histogram `name` (without suffix) of one scrape, summed over its series; undefined when it has no buckets. */
export function summedHistogram(families: readonly MetricFamily[], name: string): SummedHistogram | undefined {
  const byLe = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const family of families) {
    for (const s of family.samples) {
      if (s.name === `${name}_bucket`) {
        const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
        if (!Number.isNaN(le)) byLe.set(le, (byLe.get(le) ?? 0) + s.value);
      } else if (s.name === `${name}_count`) count += s.value;
      else if (s.name === `${name}_sum`) sum += s.value;
    }
  }
  if (byLe.size === 0) return undefined;
  return { buckets: [...byLe.entries()].sort((a, b) => a[0] - b[0]).map(([le, c]) => ({ le, count: c })), count, sum };
}

/**
 * `histogram_quantile(q, sum by (le) (name_bucket))` at the scrape's instant, evaluated by
 * lib/promql over that one scrape. NaN when there is nothing to read.
 */
export function quantileAtScrape(scrape: ScrapeRecord, epochMs: number, q: number, name: string): number {
  const storage = scrapeStorage([scrape], epochMs);
  const result = evaluateInstant(`histogram_quantile(${q}, sum by (le) (${name}_bucket))`, Math.round(epochMs + scrape.atMs), storage);
  if (result.resultType !== 'vector' || result.result.length === 0) return NaN;
  return result.result[0].value[1];
}

/**
 * The bucket of `bounds` (sorted upper bounds, +Inf last) that holds the `q`-quantile of
 * `values`: the first bound with at least q·n values at or under it, as
 * histogram_quantile ranks them. `lower` is the bound before it (0 for the first).
 */
export function trueBucket(values: readonly number[], bounds: readonly number[], q: number): { lower: number; upper: number } {
  const rank = q * values.length;
  for (let i = 0; i < bounds.length; i++) {
    const within = values.filter((v) => v <= bounds[i]).length;
    if (within >= rank) return { lower: i === 0 ? 0 : bounds[i - 1], upper: bounds[i] };
  }
  return { lower: bounds.at(-1) ?? 0, upper: Infinity };
}

/** Whether the results show the RED dashboard: the learner's registry exposes the request counter the RED lab asks for. */
export function showsRedDashboard(record: { scrapes: readonly ScrapeRecord[] }): boolean {
  return record.scrapes.some((s) => s.families?.some((f) => f.name === RED_METRICS.requests));
}

/** One line of "your metrics against the host's record": a number the learner's registry gave and the host's own count. */
export interface RedComparisonRow {
  /** What is counted, e.g. `queries, query_type="range"`. */
  what: string;
  /** The learner's value at the last scrape the host could read; undefined when the series is missing. */
  yours?: number;
  /** The host's count from its own record of the run. */
  host: number;
}

/**
 * The learner's counters at the end of the run beside what the host recorded: requests,
 * queries by type, errors by category (from the answers Grafana received), upstream
 * calls and the upstream time they took. The Run's own check of the same idea is the
 * lab's checks; this is the at-a-glance view.
 */
export function redComparison(record: Pick<OperateRunRecord, 'scrapes' | 'schedule' | 'outcomes' | 'upstream'>): RedComparisonRow[] {
  const families = [...record.scrapes].reverse().find((s) => s.families)?.families;
  const total = (name: string, where: Record<string, string> = {}): number | undefined => {
    if (!families) return undefined;
    const samples = samplesOf(families, name, where);
    return samples.length ? samples.reduce((a, s) => a + s.value, 0) : undefined;
  };
  const rows: RedComparisonRow[] = [{ what: 'requests', yours: total(RED_METRICS.requests), host: record.schedule.length }];
  const types = new Map<string, number>();
  const errors = new Map<string, number>();
  for (const entry of record.schedule) {
    for (const q of entry.request.queries) {
      const type = q.queryType === 'instant' ? 'instant' : 'range';
      types.set(type, (types.get(type) ?? 0) + 1);
    }
    const outcome = record.outcomes[entry.id];
    for (const response of Object.values(outcome?.responses ?? {})) {
      if (response.error) errors.set(response.error.category, (errors.get(response.error.category) ?? 0) + 1);
    }
  }
  for (const [type, n] of [...types].sort()) rows.push({ what: `queries, query_type="${type}"`, yours: total(RED_METRICS.queries, { query_type: type }), host: n });
  for (const [category, n] of [...errors].sort()) rows.push({ what: `errors, category="${category}"`, yours: total(RED_METRICS.errors, { category }), host: n });
  rows.push({ what: 'upstream calls', yours: total(`${RED_METRICS.upstreamDuration}_count`), host: record.upstream.length });
  rows.push({ what: 'upstream time, seconds', yours: total(`${RED_METRICS.upstreamDuration}_sum`), host: record.upstream.reduce((a, c) => a + c.durationMs, 0) / 1000 });
  return rows;
}

/**
 * Runs a query against the catalogue with lib/promql (the official PromQL grammar and our
 * evaluator: docs/decisions/0005-promql.md). This is the single source of truth for what
 * the upstream returns, so a check can call `evaluateRange` and compare it with what a
 * learner's handler produced. Every function takes the Run's world last
 * (./world.ts: `metricsWorld(record.seed)`); without it, the lab page's canonical data.
 */
import {
  compareLabels,
  evaluateInstant,
  evaluateRange as evaluatePromQLRange,
  matchesValue,
  parsePromQL,
  PromQLError,
  type Labels,
  type Sample,
  type Storage,
  type StoredSeries,
  type VectorSelector,
} from '../../promql';
import type { ScenarioInput } from '../scenario';
import type { MetricSpec, SeriesLabels } from './catalog';
import { checkRange, invalidParam, parseDuration, parseTime } from './params';
import { shapeMatrix } from './sample-faults';
import { formatValue, sampleValue, SCRAPE_INTERVAL_MS, seriesKey, seriesSeed } from './series';
import type { PromMatrixSeries, PromSample, PromVectorSample } from './types';
import { metricsWorld, type MetricsWorld } from './world';

export { compareLabels };

/**
 * One generated series as lib/promql reads it: a sample at every multiple of the scrape
 * interval, its value from ./series.ts. Nothing is stored; a window is computed when asked.
 */
class GeneratedSeries implements StoredSeries {
  readonly labels: Labels;
  /** seriesSeed() of this series, drawn once rather than per sample. */
  private seed: number | undefined;
  /**
   * Values already computed, by sample time (epoch ms). A range query reads every sample
   * once per step whose window holds it (241 steps of an hour, a 5m window holds 20), and
   * an operate Run asks for overlapping hours hundreds of times: computed once each here.
   */
  private readonly values = new Map<number, number>();
  constructor(
    private readonly metric: MetricSpec,
    private readonly own: SeriesLabels,
    private readonly world: MetricsWorld,
  ) {
    this.labels = Object.freeze({ __name__: metric.name, ...own });
  }

  private at(t: number): Sample {
    let value = this.values.get(t);
    if (value === undefined) {
      this.seed ??= seriesSeed(this.metric.name, this.own, this.world.seed);
      value = sampleValue(this.metric, this.own, t, this.world.seed, this.seed);
      if (this.values.size >= SAMPLES_KEPT) this.values.clear(); // bounded: a day of samples per series
      this.values.set(t, value);
    }
    return [t, value];
  }

  latest(mint: number, maxt: number): Sample | undefined {
    const t = Math.floor(maxt / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
    return t > mint ? this.at(t) : undefined;
  }

  samples(mint: number, maxt: number): Sample[] {
    const out: Sample[] = [];
    for (let t = (Math.floor(mint / SCRAPE_INTERVAL_MS) + 1) * SCRAPE_INTERVAL_MS; t <= maxt; t += SCRAPE_INTERVAL_MS) out.push(this.at(t));
    return out;
  }
}

/** Sample values a series keeps (./series.ts computes any other again): a day at the scrape interval. */
const SAMPLES_KEPT = (24 * 60 * 60 * 1000) / SCRAPE_INTERVAL_MS;

const STORAGES = new WeakMap<MetricsWorld, Storage>();

/** The world's catalogue as a lib/promql Storage (one per world, kept while the world is). */
export function worldStorage(world: MetricsWorld): Storage {
  let storage = STORAGES.get(world);
  if (!storage) {
    const all = world.catalog.flatMap((metric) => metric.series.map((labels) => new GeneratedSeries(metric, labels, world)));
    storage = { series: (name) => (name === undefined ? all : all.filter((s) => s.labels.__name__ === name)) };
    STORAGES.set(world, storage);
  }
  return storage;
}

const toSeconds = ([t, v]: Sample): PromSample => [t / 1000, formatValue(v)];

/** A range query: `start`, `end` in unix seconds (fractions allowed), `step` in seconds. */
export interface RangeQuery {
  query: string;
  start: number;
  end: number;
  step: number;
}

/**
 * What `/api/v1/query_range` returns for these parameters: series sorted by labels,
 * samples at start, start+step, ... <= end. With a `scenario`, the data as that scenario
 * changes it (`unaligned`, `specialValues`: see ./sample-faults.ts); samples always stay
 * in time order, since `disorder` changes only the order they are sent in.
 * Throws PromQLError for a query the upstream cannot parse or run (its `kind` says which,
 * an unsupported construct is named), and ParamError (with Prometheus' message) for a bad
 * window: end before start, step <= 0, over 11,000 points.
 */
export function evaluateRange({ query, start, end, step }: RangeQuery, scenario?: ScenarioInput, world: MetricsWorld = metricsWorld()): PromMatrixSeries[] {
  // Going through the handler's own parsers keeps rounding identical to an HTTP request.
  const ms = (name: string, value: number) => {
    const parsed = name === 'step' ? parseDuration(String(value)) : parseTime(String(value));
    if (parsed === undefined) throw invalidParam(name, `${value} is not a finite number`);
    return parsed;
  };
  return evaluateRangeMs(query, ms('start', start), ms('end', end), ms('step', step), scenario, world);
}

/** `evaluateRange` with the window already in epoch milliseconds, as the handler parses it. */
export function evaluateRangeMs(
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  scenario?: ScenarioInput,
  world: MetricsWorld = metricsWorld(),
): PromMatrixSeries[] {
  checkRange(startMs, endMs, stepMs);
  const step = Math.max(1, Math.trunc(stepMs)); // Prometheus evaluates at whole milliseconds
  const { result } = evaluatePromQLRange(parsePromQL(query), { start: startMs, end: endMs, step }, worldStorage(world));
  const matrix: PromMatrixSeries[] = result.map(({ metric, values }) => ({ metric: { ...metric }, values: values.map(toSeconds) }));
  return shapeMatrix(matrix, scenario, { stepMs, endMs, seed: world.seed });
}

/** What `/api/v1/query` answers in `data`: the result, typed by the expression's type. */
export type PromInstantData =
  | { resultType: 'vector'; result: PromVectorSample[] }
  | { resultType: 'scalar'; result: PromSample }
  | { resultType: 'string'; result: [number, string] }
  | { resultType: 'matrix'; result: PromMatrixSeries[] };

/**
 * What `/api/v1/query` returns for `query` at `timeMs` (epoch milliseconds): a vector
 * (sorted by labels; topk/bottomk in rank order), a scalar (`1 + 1`, `time()`), a string,
 * or the raw samples of a range selector (`m[5m]`). Throws PromQLError.
 */
export function evaluateQueryMs(query: string, timeMs: number, world: MetricsWorld = metricsWorld()): PromInstantData {
  const r = evaluateInstant(parsePromQL(query), timeMs, worldStorage(world));
  switch (r.resultType) {
    case 'vector':
      return { resultType: 'vector', result: r.result.map(({ metric, value }) => ({ metric: { ...metric }, value: toSeconds(value) })) };
    case 'scalar':
      return { resultType: 'scalar', result: toSeconds(r.result) };
    case 'string':
      return { resultType: 'string', result: [timeMs / 1000, r.result[1]] };
    case 'matrix':
      return { resultType: 'matrix', result: r.result.map(({ metric, values }) => ({ metric: { ...metric }, values: values.map(toSeconds) })) };
  }
}

/** The vector `/api/v1/query` returns for an instant-vector `query` at `timeMs`. Throws PromQLError, also for another result type. */
export function evaluateInstantMs(query: string, timeMs: number, world: MetricsWorld = metricsWorld()): PromVectorSample[] {
  const data = evaluateQueryMs(query, timeMs, world);
  if (data.resultType !== 'vector') throw new PromQLError('execution', `expected the query to give an instant vector, it gives a ${data.resultType}`);
  return data.result;
}

/**
 * The label sets (with `__name__`) of every series matching any of `selectors`, sorted,
 * or of every series when `selectors` is empty: what `/api/v1/series` and the `match[]`
 * parameter of the label endpoints select. Throws ParamError for anything but a selector.
 */
export function matchSeries(selectors: string[], world: MetricsWorld = metricsWorld()): Record<string, string>[] {
  const storage = worldStorage(world);
  const found = new Map<string, Record<string, string>>();
  const add = (labels: Labels) => found.set(seriesKey('', labels), { ...labels });
  if (selectors.length === 0) for (const series of storage.series()) add(series.labels);
  for (const selector of selectors.map(parseSelector)) {
    const name = selector.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
    for (const series of storage.series(name)) {
      if (selector.matchers.every((m) => matchesValue(m, Object.hasOwn(series.labels, m.name) ? series.labels[m.name] : ''))) add(series.labels);
    }
  }
  return [...found.values()].sort(compareLabels);
}

function parseSelector(selector: string): VectorSelector {
  let expr;
  try {
    expr = parsePromQL(selector);
  } catch (err) {
    if (err instanceof PromQLError) throw invalidParam('match[]', err.message);
    throw err;
  }
  if (expr.type === 'VectorSelector' && expr.offsetMs === 0) return expr;
  throw invalidParam('match[]', `${JSON.stringify(selector)} is not a series selector: use metric{label="value"}, without aggregations`);
}

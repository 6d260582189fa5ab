/**
 * Runs a parsed query against the catalogue. This is the single source of truth for
 * what the upstream returns, so a check can call `evaluateRange` and compare it with
 * what a learner's handler produced. Every function takes the Run's world last
 * (./world.ts: `metricsWorld(record.seed)`); without it, the lab page's canonical data.
 */
import { checkRange, invalidParam, parseDuration, parseTime } from './params';
import { parsePromQL, PromQLError, type AggregationOp, type LabelMatcher, type PromExpr } from './promql';
import type { ScenarioInput } from '../scenario';
import { shapeMatrix } from './sample-faults';
import { formatValue, sampleValue, seriesKey } from './series';
import type { PromMatrixSeries, PromVectorSample } from './types';
import { metricsWorld, type MetricsWorld } from './world';

/** A series during evaluation: its labels and one value per evaluation timestamp. */
interface EvalSeries {
  labels: Record<string, string>;
  values: number[];
}

/** A label's value, `""` when absent. `hasOwn` keeps names like "constructor" from reaching the prototype. */
function labelValue(labels: Record<string, string>, name: string): string {
  return Object.hasOwn(labels, name) ? labels[name] : '';
}

function select(world: MetricsWorld, matchers: LabelMatcher[], timesMs: number[]): EvalSeries[] {
  const selected: EvalSeries[] = [];
  for (const metric of world.catalog) {
    for (const labels of metric.series) {
      const all: Record<string, string> = { __name__: metric.name, ...labels };
      // A label the series lacks compares as "", exactly as in PromQL.
      if (matchers.every((m) => (labelValue(all, m.name) === m.value) === (m.op === '='))) {
        selected.push({ labels: all, values: timesMs.map((t) => sampleValue(metric, labels, t, world.seed)) });
      }
    }
  }
  return selected;
}

const COMBINE: Record<AggregationOp, (values: number[]) => number> = {
  sum: (v) => v.reduce((a, b) => a + b, 0),
  avg: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  min: (v) => Math.min(...v),
  max: (v) => Math.max(...v),
  count: (v) => v.length,
};

function aggregate(op: AggregationOp, by: string[], input: EvalSeries[]): EvalSeries[] {
  const groups = new Map<string, { labels: Record<string, string>; members: EvalSeries[] }>();
  for (const series of input) {
    // Only the `by` labels survive; empty ones are dropped, since "" means "absent".
    const labels = Object.fromEntries(by.filter((l) => labelValue(series.labels, l)).map((l) => [l, series.labels[l]]));
    const key = seriesKey('', labels);
    const group = groups.get(key) ?? { labels, members: [] };
    group.members.push(series);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ labels, members }) => ({
    labels,
    values: members[0].values.map((_, i) => COMBINE[op](members.map((m) => m.values[i]))),
  }));
}

function evaluate(world: MetricsWorld, expr: PromExpr, timesMs: number[]): EvalSeries[] {
  if (expr.type === 'selector') return select(world, expr.matchers, timesMs);
  return aggregate(expr.op, expr.by, evaluate(world, expr.expr, timesMs));
}

/** Orders label sets as Prometheus sorts a matrix: label by label, name then value. */
export function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const left = Object.entries(a).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const right = Object.entries(b).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    for (const k of [0, 1] as const) {
      if (left[i][k] !== right[i][k]) return left[i][k] < right[i][k] ? -1 : 1;
    }
  }
  return left.length - right.length;
}

function run(world: MetricsWorld, query: string, timesMs: number[]): EvalSeries[] {
  return evaluate(world, parsePromQL(query), timesMs).sort((a, b) => compareLabels(a.labels, b.labels));
}

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
 * Throws PromQLError for a query the upstream cannot parse, and ParamError (with
 * Prometheus' message) for a bad window: end before start, step <= 0, over 11,000 points.
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
  const interval = Math.trunc(stepMs); // Prometheus evaluates at whole milliseconds
  const timesMs: number[] = [];
  for (let t = startMs; t <= endMs; t += interval) timesMs.push(t);
  const result: PromMatrixSeries[] = run(world, query, timesMs).map(({ labels, values }) => ({
    metric: labels,
    values: values.map((v, i) => [timesMs[i] / 1000, formatValue(v)]),
  }));
  return shapeMatrix(result, scenario, { stepMs, endMs, seed: world.seed });
}

/** What `/api/v1/query` returns for `query` at `timeMs` (epoch milliseconds). Throws PromQLError. */
export function evaluateInstantMs(query: string, timeMs: number, world: MetricsWorld = metricsWorld()): PromVectorSample[] {
  return run(world, query, [timeMs]).map(({ labels, values }) => ({
    metric: labels,
    value: [timeMs / 1000, formatValue(values[0])],
  }));
}

/**
 * The label sets (with `__name__`) of every series matching any of `selectors`, sorted,
 * or of every series when `selectors` is empty: what `/api/v1/series` and the `match[]`
 * parameter of the label endpoints select. Throws ParamError for anything but a selector.
 */
export function matchSeries(selectors: string[], world: MetricsWorld = metricsWorld()): Record<string, string>[] {
  const exprs = selectors.length > 0 ? selectors.map(parseSelector) : [{ type: 'selector' as const, matchers: [] }];
  const found = new Map<string, Record<string, string>>();
  for (const expr of exprs) {
    for (const { labels } of select(world, expr.matchers, [])) found.set(seriesKey('', labels), labels);
  }
  return [...found.values()].sort(compareLabels);
}

function parseSelector(selector: string) {
  try {
    const expr = parsePromQL(selector);
    if (expr.type === 'selector') return expr;
  } catch (err) {
    if (err instanceof PromQLError) throw invalidParam('match[]', err.message);
    throw err;
  }
  throw invalidParam('match[]', `${JSON.stringify(selector)} is not a series selector: use metric{label="value"}, without aggregations`);
}

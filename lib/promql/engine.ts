/**
 * The evaluator: runs a parsed query (./parse.ts) over a Storage (./storage.ts) with
 * Prometheus' semantics (promql/engine.go), for range queries (`evaluateRange`, a matrix)
 * and instant queries (`evaluateInstant`).
 *
 * Every node is evaluated once for all steps: a series is its labels plus one value (or
 * none) per step. Semantics kept from Prometheus:
 * - instant selection takes the latest sample in (t - offset - lookback, t - offset],
 *   lookback 5 minutes; range selection the samples in (t - offset - range, t - offset];
 * - functions, arithmetic, `bool` comparisons and aggregations (but topk/bottomk) drop
 *   `__name__`; filtering comparisons keep it;
 * - one-to-one vector matching on all labels but `__name__`, or `on (...)`/`ignoring (...)`,
 *   with Prometheus' errors for duplicates; `and`/`or`/`unless` per step;
 * - two output series with the same labels at the same step are an error ("vector cannot
 *   contain metrics with the same labelset").
 * Not modelled: staleness markers, native histograms, annotations beyond `warnings`.
 *
 * Budgets (`Limits`) stop a query early with a PromQLError of kind `limit` that says what
 * to change: too many series for one selector, too many samples read and produced, too
 * many steps.
 */
import { aggregateSeries } from './aggregate';
import {
  type AggregateExpr,
  type BinaryExpr,
  type Call,
  type Expr,
  type MatrixSelector,
  type VectorSelector,
} from './ast';
import { ARITHMETIC, COMPARISON, elementBinop, scalarBinop, setOp, vectorBinop } from './binary';
import { PromQLError } from './errors';
import { avgOverTime, extrapolatedRate, extremeOverTime, irate, roundTo, sumOverTime } from './functions';
import { matchesValue, parsePromQL } from './parse';
import { bucketQuantile, type Bucket } from './quantile';
import { execution, mergeSeries, parseLe, type StepSeries } from './step-series';
import {
  compareLabels,
  createStorage,
  dropMetricName,
  labelsKey,
  labelValue,
  type InputSeries,
  type Labels,
  type Sample,
  type Storage,
  type StoredSeries,
} from './storage';

export * from './results';
import { DEFAULT_LIMITS, DEFAULT_LOOKBACK_MS, type EvaluateOptions, type InstantResult, type Limits, type MatrixSeries, type QueryRange, type RangeResult, type VectorSample } from './results';

type Value = { kind: 'scalar'; values: number[] } | { kind: 'vector'; series: StepSeries[] } | { kind: 'string'; value: string };

function limit(detail: string): PromQLError {
  return new PromQLError('limit', detail);
}

const formatCount = (n: number) => n.toLocaleString('en-US');

class Evaluator {
  readonly warnings = new Set<string>();
  private samples = 0;
  private readonly selected = new Map<VectorSelector, StoredSeries[]>();

  constructor(
    private readonly storage: Storage,
    /** The evaluation timestamps, ms. */
    readonly steps: number[],
    private readonly lookbackMs: number,
    private readonly limits: Limits,
  ) {}

  /** Counts `n` samples against the budget. */
  charge(n: number): void {
    this.samples += n;
    if (this.samples > this.limits.maxSamples) {
      throw limit(
        `the query needs more than ${formatCount(this.limits.maxSamples)} samples: shorten the time range or a range such as [5m], make the step longer, or select fewer series with label matchers`,
      );
    }
  }

  select(vs: VectorSelector): StoredSeries[] {
    const cached = this.selected.get(vs);
    if (cached) return cached;
    const name = vs.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
    const out: StoredSeries[] = [];
    for (const series of this.storage.series(name)) {
      if (!vs.matchers.every((m) => matchesValue(m, labelValue(series.labels, m.name)))) continue;
      out.push(series);
      if (out.length > this.limits.maxSeries) {
        throw limit(
          `the selector at column ${vs.pos.start + 1} matches more than ${formatCount(this.limits.maxSeries)} series: add label matchers (such as {job="api"}) to select fewer`,
        );
      }
    }
    this.selected.set(vs, out);
    return out;
  }

  eval(expr: Expr): Value {
    switch (expr.type) {
      case 'NumberLiteral':
        return { kind: 'scalar', values: this.steps.map(() => expr.value) };
      case 'StringLiteral':
        return { kind: 'string', value: expr.value };
      case 'ParenExpr':
        return this.eval(expr.expr);
      case 'UnaryExpr': {
        const inner = this.eval(expr.expr);
        if (expr.op === '+') return inner;
        if (inner.kind === 'scalar') return { kind: 'scalar', values: inner.values.map((v) => -v) };
        return this.vector(this.merge(this.vectorOf(inner).map((s) => ({ labels: dropMetricName(s.labels), values: s.values.map((v) => (v === undefined ? v : -v)) }))));
      }
      case 'VectorSelector':
        return this.vector(this.instantSelect(expr));
      case 'MatrixSelector':
        throw execution('a range vector can only be the argument of a function such as rate(...)');
      case 'Call':
        return this.call(expr);
      case 'AggregateExpr':
        return this.aggregate(expr);
      case 'BinaryExpr':
        return this.binary(expr);
    }
  }

  private vector(series: StepSeries[]): Value {
    this.charge(series.length * this.steps.length);
    return { kind: 'vector', series };
  }

  private vectorOf(value: Value): StepSeries[] {
    if (value.kind !== 'vector') throw execution(`expected an instant vector, got a ${value.kind}`);
    return value.series;
  }

  private scalarOf(value: Value): number[] {
    if (value.kind !== 'scalar') throw execution(`expected a scalar, got a ${value.kind}`);
    return value.values;
  }

  private instantSelect(vs: VectorSelector): StepSeries[] {
    const series = this.select(vs);
    this.charge(series.length * this.steps.length);
    return series.map((s) => ({
      labels: s.labels,
      values: this.steps.map((t) => s.latest(t - vs.offsetMs - this.lookbackMs, t - vs.offsetMs)?.[1]),
    }));
  }

  /** The samples of each selected series in the window of each step. */
  private windows(ms: MatrixSelector, each: (series: StoredSeries, window: readonly Sample[], step: number, t: number) => void): void {
    const vs = ms.vectorSelector;
    for (const series of this.select(vs)) {
      this.steps.forEach((t, i) => {
        const maxt = t - vs.offsetMs;
        const window = series.samples(maxt - ms.rangeMs, maxt);
        this.charge(window.length);
        each(series, window, i, t);
      });
    }
  }

  /** Series with the same labels joined (./step-series.ts mergeSeries). */
  merge(series: StepSeries[], strict = false): StepSeries[] {
    return mergeSeries(series, strict);
  }


  private call(call: Call): Value {
    const { func, args } = call;
    switch (func) {
      case 'time':
        return { kind: 'scalar', values: this.steps.map((t) => t / 1000) };
      case 'vector':
        return this.vector([{ labels: {}, values: [...this.scalarOf(this.eval(args[0]))] }]);
      case 'scalar': {
        const input = this.vectorOf(this.eval(args[0]));
        return {
          kind: 'scalar',
          values: this.steps.map((_, i) => {
            const present = input.filter((s) => s.values[i] !== undefined);
            return present.length === 1 ? present[0].values[i]! : NaN;
          }),
        };
      }
      case 'abs':
      case 'clamp_min':
      case 'clamp_max':
      case 'round': {
        const input = this.vectorOf(this.eval(args[0]));
        const param = args[1] ? this.scalarOf(this.eval(args[1])) : this.steps.map(() => 1);
        const fn = (v: number, p: number) =>
          func === 'abs' ? Math.abs(v) : func === 'clamp_min' ? Math.max(p, v) : func === 'clamp_max' ? Math.min(p, v) : roundTo(v, p);
        return this.vector(
          this.merge(input.map((s) => ({ labels: dropMetricName(s.labels), values: s.values.map((v, i) => (v === undefined ? v : fn(v, param[i]))) }))),
        );
      }
      case 'histogram_quantile':
        return this.histogramQuantile(this.scalarOf(this.eval(args[0])), this.vectorOf(this.eval(args[1])));
      default:
        return this.rangeFunction(call);
    }
  }

  private rangeFunction({ func, args }: Call): Value {
    const ms = args[0] as MatrixSelector;
    const out = new Map<StoredSeries, StepSeries>();
    this.windows(ms, (series, window, i, t) => {
      let entry = out.get(series);
      if (!entry) {
        entry = { labels: dropMetricName(series.labels), values: this.steps.map(() => undefined) };
        out.set(series, entry);
      }
      const rangeEnd = t - ms.vectorSelector.offsetMs;
      const rangeStart = rangeEnd - ms.rangeMs;
      entry.values[i] =
        func === 'rate'
          ? extrapolatedRate(window, rangeStart, rangeEnd, ms.rangeMs, true, true)
          : func === 'increase'
            ? extrapolatedRate(window, rangeStart, rangeEnd, ms.rangeMs, true, false)
            : func === 'delta'
              ? extrapolatedRate(window, rangeStart, rangeEnd, ms.rangeMs, false, false)
              : func === 'irate'
                ? irate(window)
                : func === 'avg_over_time'
                  ? avgOverTime(window)
                  : func === 'sum_over_time'
                    ? sumOverTime(window)
                    : func === 'max_over_time'
                      ? extremeOverTime(window, true)
                      : func === 'min_over_time'
                        ? extremeOverTime(window, false)
                        : window.length > 0
                          ? window.length
                          : undefined;
    });
    return this.vector(this.merge([...out.values()], true));
  }

  private histogramQuantile(q: number[], input: StepSeries[]): Value {
    // Buckets of one histogram share every label but `le`; the result drops `le` and the name.
    const groups = new Map<string, { labels: Labels; members: { series: StepSeries; le: number }[] }>();
    const badLe = new Set<string>();
    for (const series of input) {
      const le = parseLe(labelValue(series.labels, 'le'));
      if (le === undefined) {
        badLe.add(labelValue(series.labels, 'le'));
        continue;
      }
      const { le: _, ...rest } = series.labels;
      const key = labelsKey(rest);
      const group = groups.get(key) ?? { labels: dropMetricName(rest), members: [] };
      group.members.push({ series, le });
      groups.set(key, group);
    }
    for (const le of badLe) {
      this.warnings.add(
        le === ''
          ? 'histogram_quantile: some input series have no "le" label and were ignored: pass the _bucket series of a classic histogram'
          : `histogram_quantile: bucket label "le" has the value ${JSON.stringify(le)}, which is not a number; those series were ignored`,
      );
    }
    if (q.some((v) => Number.isNaN(v) || v < 0 || v > 1)) {
      this.warnings.add('histogram_quantile: the quantile should be between 0 and 1 (below 0 gives -Inf, above 1 gives +Inf)');
    }
    const out: StepSeries[] = [];
    for (const { labels, members } of groups.values()) {
      const values = this.steps.map((_, i) => {
        const buckets: Bucket[] = [];
        for (const { series, le } of members) {
          const count = series.values[i];
          if (count !== undefined) buckets.push({ upperBound: le, count });
        }
        if (buckets.length === 0) return undefined;
        const { value, forcedMonotonic } = bucketQuantile(q[i], buckets);
        if (forcedMonotonic) {
          this.warnings.add(`histogram_quantile: bucket counts of ${labelsKey(labels)} were not cumulative (a higher le counted fewer); they were raised to keep them cumulative`);
        }
        return value;
      });
      out.push({ labels, values });
    }
    return this.vector(this.merge(out));
  }

  private aggregate(agg: AggregateExpr): Value {
    const input = this.vectorOf(this.eval(agg.expr));
    const param = agg.param ? this.scalarOf(this.eval(agg.param)) : undefined;
    return this.vector(aggregateSeries(agg, input, param, this.steps, this.warnings));
  }

  private binary(expr: BinaryExpr): Value {
    const lhs = this.eval(expr.lhs);
    const rhs = this.eval(expr.rhs);
    const { op } = expr;
    if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
      return { kind: 'scalar', values: lhs.values.map((l, i) => scalarBinop(op, l, rhs.values[i])) };
    }
    if (lhs.kind === 'vector' && rhs.kind === 'vector') {
      if (op === 'and' || op === 'or' || op === 'unless') return this.vector(setOp(expr, lhs.series, rhs.series, this.steps));
      return this.vector(vectorBinop(expr, lhs.series, rhs.series, this.steps));
    }
    // One side a vector, the other a scalar.
    const swap = lhs.kind === 'scalar';
    const vector = this.vectorOf(swap ? rhs : lhs);
    const scalar = this.scalarOf(swap ? lhs : rhs);
    const dropName = ARITHMETIC.has(op) || expr.returnBool;
    const out = vector.map((s) => ({
      labels: dropName ? dropMetricName(s.labels) : s.labels,
      values: s.values.map((v, i) => {
        if (v === undefined) return undefined;
        const [l, r] = swap ? [scalar[i], v] : [v, scalar[i]];
        const { value, keep } = elementBinop(op, l, r);
        if (expr.returnBool) return keep ? 1 : 0;
        if (!keep) return undefined;
        // A filtering comparison keeps the vector's own value, on whichever side it is.
        return COMPARISON.has(op) ? v : value;
      }),
    }));
    return this.vector(this.merge(out));
  }

}


function toStorage(storage: Storage | readonly InputSeries[]): Storage {
  return Array.isArray(storage) ? createStorage(storage as readonly InputSeries[]) : (storage as Storage);
}

function toExpr(expr: Expr | string): Expr {
  return typeof expr === 'string' ? parsePromQL(expr) : expr;
}

/** The defined values of a step series as [time, value] samples (a plain loop: this runs for every point of every range query). */
function samplesAt(steps: readonly number[], values: readonly (number | undefined)[]): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== undefined) out.push([steps[i], v]);
  }
  return out;
}

function unwrap(expr: Expr): Expr {
  return expr.type === 'ParenExpr' ? unwrap(expr.expr) : expr;
}

/**
 * A range query: `expr` evaluated at start, start + step, ... ≤ end (epoch ms), as
 * `/api/v1/query_range` answers it. A scalar expression gives one series with no labels.
 * Throws PromQLError: parse errors for a string query, `execution` for a range vector or
 * string expression or a bad window (Prometheus' messages), `limit` past a budget.
 */
export function evaluateRange(
  expr: Expr | string,
  range: QueryRange,
  storage: Storage | readonly InputSeries[],
  options: EvaluateOptions = {},
): RangeResult {
  const parsed = toExpr(expr);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { start, end, step } = range;
  if (![start, end, step].every(Number.isFinite)) throw execution('start, end and step must be finite numbers of milliseconds');
  if (end < start) throw execution('end timestamp must not be before start time');
  if (step <= 0) throw execution('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((end - start) / step > limits.maxSteps) {
    throw limit(`exceeded maximum resolution of ${formatCount(limits.maxSteps)} points per timeseries. Try decreasing the query resolution (?step=XX)`);
  }
  const top = unwrap(parsed);
  if (top.type === 'MatrixSelector' || top.type === 'StringLiteral') {
    throw execution(`invalid expression type "${top.type === 'MatrixSelector' ? 'range vector' : 'string'}" for range query, must be Scalar or instant Vector`);
  }
  const steps: number[] = [];
  for (let t = start; t <= end; t += step) steps.push(t);
  const ev = new Evaluator(toStorage(storage), steps, options.lookbackMs ?? DEFAULT_LOOKBACK_MS, limits);
  const value = ev.eval(parsed);
  const series: StepSeries[] = value.kind === 'scalar' ? [{ labels: {}, values: value.values }] : value.kind === 'vector' ? ev.merge(value.series) : [];
  const result = series
    .map((s) => ({ metric: s.labels, values: samplesAt(steps, s.values) }))
    .filter((s) => s.values.length > 0)
    .sort((a, b) => compareLabels(a.metric, b.metric));
  return { resultType: 'matrix', result, warnings: [...ev.warnings] };
}

/**
 * An instant query at `time` (epoch ms), as `/api/v1/query` answers it: a vector sorted
 * by labels (topk/bottomk at the top keep their rank order), a scalar, a string, or the
 * raw samples of a range vector selector. Throws PromQLError as evaluateRange does.
 */
export function evaluateInstant(
  expr: Expr | string,
  time: number,
  storage: Storage | readonly InputSeries[],
  options: EvaluateOptions = {},
): InstantResult {
  const parsed = toExpr(expr);
  if (!Number.isFinite(time)) throw execution('time must be a finite number of milliseconds');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ev = new Evaluator(toStorage(storage), [time], options.lookbackMs ?? DEFAULT_LOOKBACK_MS, limits);
  const top = unwrap(parsed);
  if (top.type === 'MatrixSelector') {
    const vs = top.vectorSelector;
    const result: MatrixSeries[] = [];
    for (const series of ev.select(vs)) {
      const maxt = time - vs.offsetMs;
      const values = [...series.samples(maxt - top.rangeMs, maxt)];
      ev.charge(values.length);
      if (values.length > 0) result.push({ metric: series.labels, values });
    }
    return { resultType: 'matrix', result: result.sort((a, b) => compareLabels(a.metric, b.metric)), warnings: [...ev.warnings] };
  }
  const value = ev.eval(parsed);
  const warnings = [...ev.warnings];
  if (value.kind === 'scalar') return { resultType: 'scalar', result: [time, value.values[0]], warnings };
  if (value.kind === 'string') return { resultType: 'string', result: [time, value.value], warnings };
  const result = ev
    .merge(value.series)
    .map((s): VectorSample => ({ metric: s.labels, value: [time, s.values[0]!] }));
  const ranked = top.type === 'AggregateExpr' && (top.op === 'topk' || top.op === 'bottomk');
  return { resultType: 'vector', result: ranked ? result : result.sort((a, b) => compareLabels(a.metric, b.metric)), warnings };
}

/**
 * Aggregation operators over a vector, step by step, as Prometheus' engine.go
 * (rangeEvalAgg, aggregation, aggregationK): series are grouped by their `by`/`without`
 * labels once, then the members present at each step are combined. sum and avg are
 * Kahan-compensated.
 */
import type { AggregateExpr } from './ast';
import { kahanInc, mean } from './functions';
import { quantile } from './quantile';
import { execution, groupingLabels, type StepSeries } from './step-series';
import { labelsKey, type Labels } from './storage';

/** The output series of `agg` over `input`; `param` is topk's k or quantile's φ at each step. */
export function aggregateSeries(agg: AggregateExpr, input: StepSeries[], param: number[] | undefined, steps: number[], warnings: Set<string>): StepSeries[] {
  const groups = new Map<string, { labels: Labels; members: StepSeries[] }>();
  for (const series of input) {
    const labels = groupingLabels(series.labels, agg.grouping, agg.without);
    const key = labelsKey(labels);
    const group = groups.get(key) ?? { labels, members: [] };
    group.members.push(series);
    groups.set(key, group);
  }
  if (agg.op === 'topk' || agg.op === 'bottomk') return topk(agg.op === 'topk', [...groups.values()], param!, steps);
  if (agg.op === 'quantile' && param!.some((v) => Number.isNaN(v) || v < 0 || v > 1)) {
    warnings.add('quantile: the quantile should be between 0 and 1 (below 0 gives -Inf, above 1 gives +Inf)');
  }
  const out: StepSeries[] = [...groups.values()].map(({ labels, members }) => ({
    labels,
    values: steps.map((_, i) => {
      const values: number[] = [];
      for (const m of members) if (m.values[i] !== undefined) values.push(m.values[i]!);
      if (values.length === 0) return undefined;
      switch (agg.op) {
        case 'sum': {
          let sum = 0;
          let c = 0;
          for (const v of values) [sum, c] = kahanInc(v, sum, c);
          return Number.isFinite(sum) ? sum + c : sum;
        }
        case 'avg':
          return mean(values);
        case 'count':
          return values.length;
        case 'min':
        case 'max': {
          let best = values[0];
          for (const v of values) if ((agg.op === 'max' ? v > best : v < best) || Number.isNaN(best)) best = v;
          return best;
        }
        case 'quantile':
          return quantile(param![i], values);
      }
      return undefined;
    }),
  }));
  return out.filter((s) => s.values.some((v) => v !== undefined));
}

/**
 * topk/bottomk: per group and step, the k series with the largest (smallest) values,
 * keeping their labels. NaN loses to any number; on ties the series met first stays.
 * The output lists each group's series by rank at the last step, as an instant query shows them.
 */
function topk(top: boolean, groups: { members: StepSeries[] }[], k: number[], steps: number[]): StepSeries[] {
  k.forEach((v) => {
    if (Number.isNaN(v)) throw execution('Parameter value is NaN');
    if (Math.abs(v) >= 2 ** 63) throw execution(`Scalar value ${v} overflows int64`);
  });
  const chosen = new Map<StepSeries, StepSeries>();
  const better = (a: number, b: number) => (Number.isNaN(b) && !Number.isNaN(a)) || (top ? a > b : a < b);
  const last = steps.length - 1;
  const order: StepSeries[] = [];
  for (const { members } of groups) {
    for (let i = 0; i < steps.length; i++) {
      const count = Math.min(Math.trunc(k[i]), members.length);
      if (count < 1) continue;
      const kept: StepSeries[] = [];
      for (const m of members) {
        const v = m.values[i];
        if (v === undefined) continue;
        // Insert by rank; a later series only displaces one it strictly beats.
        let at = kept.length;
        while (at > 0 && better(v, kept[at - 1].values[i]!)) at--;
        if (at < count) {
          kept.splice(at, 0, m);
          if (kept.length > count) kept.pop();
        }
      }
      for (const m of kept) {
        let out = chosen.get(m);
        if (!out) {
          out = { labels: m.labels, values: steps.map(() => undefined) };
          chosen.set(m, out);
        }
        out.values[i] = m.values[i];
        if (i === last) order.push(out);
      }
    }
  }
  const rest = [...chosen.values()].filter((s) => !order.includes(s));
  return [...order, ...rest];
}

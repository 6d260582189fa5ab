/**
 * Series during evaluation (./engine.ts): labels plus one value, or none, per evaluation
 * step; and what the operators share: merging same-labelled output, the signature of
 * vector matching, the labels of an aggregation group, an `le` label as a number.
 */
import { PromQLError } from './errors';
import { labelsKey, labelValue, type Labels } from './storage';

/** A series during evaluation: labels and one value per step (undefined: no sample at that step). */
export interface StepSeries {
  labels: Labels;
  values: (number | undefined)[];
}

/** An error of a query that parses but cannot be answered. */
export function execution(detail: string): PromQLError {
  return new PromQLError('execution', detail);
}

/**
 * Joins series with the same labels into one, as long as they never both have a value
 * at the same step (Prometheus' rule for the output of a node); `strict` refuses any
 * two series with the same labels, as Prometheus does after range vector functions.
 */
export function mergeSeries(series: StepSeries[], strict = false): StepSeries[] {
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (const s of series) {
    if (!s.values.some((v) => v !== undefined)) continue;
    const key = labelsKey(s.labels);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, s);
      out.push(s);
      continue;
    }
    if (strict) throw execution(`vector cannot contain metrics with the same labelset ${key}`);
    s.values.forEach((v, i) => {
      if (v === undefined) return;
      if (existing.values[i] !== undefined) throw execution(`vector cannot contain metrics with the same labelset ${key}`);
      existing.values[i] = v;
    });
  }
  return out;
}

/** A function from labels to the text two series must share to match. */
export function signatureFn(on: boolean, names: string[]): (labels: Labels) => string {
  const sorted = [...names].sort();
  const cache = new WeakMap<Labels, string>();
  return (labels) => {
    let sig = cache.get(labels);
    if (sig === undefined) {
      const kept = on
        ? sorted.flatMap((n) => (Object.hasOwn(labels, n) && labels[n] !== '' ? [[n, labels[n]] as const] : []))
        : Object.keys(labels)
            .sort()
            .filter((n) => n !== '__name__' && !sorted.includes(n))
            .map((n) => [n, labels[n]] as const);
      sig = `{${kept.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')}}`;
      cache.set(labels, sig);
    }
    return sig;
  };
}

/** The labels of an aggregation's group: only `by` labels, or all but `without` ones and `__name__`. */
export function groupingLabels(labels: Labels, grouping: string[], without: boolean): Labels {
  const out: Record<string, string> = {};
  if (without) {
    for (const [name, value] of Object.entries(labels)) if (name !== '__name__' && !grouping.includes(name)) out[name] = value;
  } else {
    // An empty value is an absent label.
    for (const name of grouping) if (labelValue(labels, name) !== '') out[name] = labels[name];
  }
  return Object.freeze(out);
}

/** An `le` label as Go's ParseFloat reads it, or undefined when it is not a number. */
export function parseLe(text: string): number | undefined {
  const t = text.trim() === text ? text : '';
  const inf = /^([+-]?)inf(inity)?$/i.exec(t);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return undefined;
}

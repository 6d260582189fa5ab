/**
 * Binary operators between vectors (Prometheus' engine.go VectorBinop, VectorAnd, VectorOr,
 * VectorUnless) and on single numbers (vectorElemBinop, scalarBinop), step by step.
 */
import { ARITHMETIC_OPS, COMPARISON_OPS, type BinaryExpr } from './ast';
import { goPow } from './functions';
import { execution, mergeSeries, signatureFn, type StepSeries } from './step-series';
import { dropMetricName, labelsKey, type Labels } from './storage';

export const ARITHMETIC = new Set<string>(ARITHMETIC_OPS);
export const COMPARISON = new Set<string>(COMPARISON_OPS);

/**
 * One-to-one matching: each left series pairs with the right series of the same signature
 * at each step, with Prometheus' errors for a duplicate on the right and for two left
 * series matching one right series (many-to-one without group_left).
 */
export function vectorBinop(expr: BinaryExpr, lhs: StepSeries[], rhs: StepSeries[], steps: number[]): StepSeries[] {
  const matching = expr.vectorMatching!;
  const sig = signatureFn(matching.on, matching.matchingLabels);
  const lsig = lhs.map((s) => sig(s.labels));
  const rsig = rhs.map((s) => sig(s.labels));
  const dropName = ARITHMETIC.has(expr.op) || expr.returnBool;
  const results = new Map<string, StepSeries>();
  const pairLabels = new Map<number, Labels>();
  const resultLabels = (li: number, ri: number): Labels => {
    const id = li * rhs.length + ri;
    let labels = pairLabels.get(id);
    if (!labels) {
      const base = dropName ? dropMetricName(lhs[li].labels) : lhs[li].labels;
      const kept = Object.entries(base).filter(([name]) => matching.matchingLabels.includes(name) === matching.on);
      labels = Object.freeze(Object.fromEntries(kept));
      pairLabels.set(id, labels);
    }
    return labels;
  };
  for (let i = 0; i < steps.length; i++) {
    const right = new Map<string, number>();
    rhs.forEach((s, ri) => {
      if (s.values[i] === undefined) return;
      const prev = right.get(rsig[ri]);
      if (prev !== undefined) {
        const [a, b] = [labelsKey(rhs[prev].labels), labelsKey(s.labels)].sort();
        throw execution(
          `found duplicate series for the match group ${rsig[ri]} on the right hand-side of the operation: [${a}, ${b}];many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
      right.set(rsig[ri], ri);
    });
    const matched = new Set<string>();
    lhs.forEach((s, li) => {
      const lv = s.values[i];
      const ri = right.get(lsig[li]);
      if (lv === undefined || ri === undefined) return;
      if (matched.has(lsig[li])) throw execution('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matched.add(lsig[li]);
      const { value, keep } = elementBinop(expr.op, lv, rhs[ri].values[i]!);
      if (!keep && !expr.returnBool) return;
      const labels = resultLabels(li, ri);
      const key = labelsKey(labels);
      let out = results.get(key);
      if (!out) {
        out = { labels, values: steps.map(() => undefined) };
        results.set(key, out);
      }
      if (out.values[i] !== undefined) throw execution(`vector cannot contain metrics with the same labelset ${key}`);
      out.values[i] = expr.returnBool ? (keep ? 1 : 0) : value;
    });
  }
  return [...results.values()];
}

/** and, or, unless: per step, by whether the other side has a series of the same signature. */
export function setOp(expr: BinaryExpr, lhs: StepSeries[], rhs: StepSeries[], steps: number[]): StepSeries[] {
  const matching = expr.vectorMatching!;
  const sig = signatureFn(matching.on, matching.matchingLabels);
  const lsig = lhs.map((s) => sig(s.labels));
  const rsig = rhs.map((s) => sig(s.labels));
  const present = (side: StepSeries[], sigs: string[], i: number) => new Set(side.flatMap((s, j) => (s.values[i] === undefined ? [] : [sigs[j]])));
  const keepLeft = lhs.map((s) => ({ labels: s.labels, values: [...s.values] }));
  const addRight = rhs.map((s) => ({ labels: s.labels, values: steps.map((): number | undefined => undefined) }));
  for (let i = 0; i < steps.length; i++) {
    const right = present(rhs, rsig, i);
    if (expr.op === 'and' || expr.op === 'unless') {
      keepLeft.forEach((s, j) => {
        if (right.has(lsig[j]) !== (expr.op === 'and')) s.values[i] = undefined;
      });
    } else {
      const left = present(lhs, lsig, i);
      rhs.forEach((s, j) => {
        if (!left.has(rsig[j])) addRight[j].values[i] = s.values[i];
      });
    }
  }
  return mergeSeries(expr.op === 'or' ? [...keepLeft, ...addRight] : keepLeft);
}

export function scalarBinop(op: BinaryExpr['op'], l: number, r: number): number {
  const { value, keep } = elementBinop(op, l, r);
  return COMPARISON.has(op) ? (keep ? 1 : 0) : value;
}

/** One operation on two numbers; for comparisons `keep` says whether it holds and `value` is the left side. */
export function elementBinop(op: BinaryExpr['op'], l: number, r: number): { value: number; keep: boolean } {
  switch (op) {
    case '+':
      return { value: l + r, keep: true };
    case '-':
      return { value: l - r, keep: true };
    case '*':
      return { value: l * r, keep: true };
    case '/':
      return { value: l / r, keep: true };
    case '%':
      return { value: l % r, keep: true };
    case '^':
      return { value: goPow(l, r), keep: true };
    case '==':
      return { value: l, keep: l === r };
    case '!=':
      return { value: l, keep: l !== r };
    case '>':
      return { value: l, keep: l > r };
    case '<':
      return { value: l, keep: l < r };
    case '>=':
      return { value: l, keep: l >= r };
    case '<=':
      return { value: l, keep: l <= r };
    default:
      throw execution(`operator "${op}" not allowed between these operands`);
  }
}

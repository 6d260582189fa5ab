/**
 * Our own typed PromQL syntax tree, built from the official grammar's parse tree
 * (`@prometheus-io/lezer-promql`) by ./parse.ts. Node names, fields and value types
 * follow Prometheus' parser (promql/parser/ast.go): VectorSelector, MatrixSelector,
 * AggregateExpr, Call, BinaryExpr, NumberLiteral, StringLiteral, ParenExpr, UnaryExpr.
 * Only what the evaluator runs has a node: subqueries, `@`, `group_left` and the rest
 * are refused while parsing (./parse.ts says so, naming the construct).
 */

/** Where a node sits in the query: 0-based character offsets, `end` exclusive (Prometheus' PositionRange). */
export interface PositionRange {
  start: number;
  end: number;
}

/** The four value types of PromQL, spelled as Prometheus documents them in its errors. */
export type ValueType = 'scalar' | 'instant vector' | 'range vector' | 'string';

/** `=`, `!=`, `=~` (regex, fully anchored), `!~`. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher, e.g. `code=~"5.."`. The metric name is a matcher on `__name__`. */
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** For `=~` and `!~`: tests a whole label value (the regex is anchored at both ends, as in Prometheus). */
  matches?: (value: string) => boolean;
}

/** `metric{label="v"} offset 5m`: the series whose labels satisfy every matcher. */
export interface VectorSelector {
  type: 'VectorSelector';
  /** The metric name written before the braces, if any (it is also a `__name__` matcher). */
  name?: string;
  matchers: LabelMatcher[];
  /** `offset`, in milliseconds (negative looks ahead). 0 when absent. */
  offsetMs: number;
  pos: PositionRange;
}

/** `metric[5m]`: for each series, the samples in the window (t - range, t]. */
export interface MatrixSelector {
  type: 'MatrixSelector';
  vectorSelector: VectorSelector;
  /** The range, in milliseconds (> 0). */
  rangeMs: number;
  pos: PositionRange;
}

/** Aggregation operators the evaluator runs. */
export const AGGREGATE_OPS = ['sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk', 'quantile'] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

/** `sum by (job) (expr)`, `topk(3, expr)`. */
export interface AggregateExpr {
  type: 'AggregateExpr';
  op: AggregateOp;
  /** The vector being aggregated. */
  expr: Expr;
  /** The scalar parameter of topk, bottomk and quantile. */
  param?: Expr;
  /** Labels of `by (...)` or `without (...)`. */
  grouping: string[];
  /** true for `without`, false for `by` (and for no clause, which groups everything together). */
  without: boolean;
  pos: PositionRange;
}

/** Functions the evaluator runs (see ./supported.ts for their signatures). */
export const FUNCTION_NAMES = [
  'rate',
  'increase',
  'irate',
  'delta',
  'avg_over_time',
  'sum_over_time',
  'max_over_time',
  'min_over_time',
  'count_over_time',
  'histogram_quantile',
  'abs',
  'clamp_min',
  'clamp_max',
  'round',
  'time',
  'vector',
  'scalar',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** `rate(m[5m])`: a function call. */
export interface Call {
  type: 'Call';
  func: FunctionName;
  args: Expr[];
  pos: PositionRange;
}

export const ARITHMETIC_OPS = ['+', '-', '*', '/', '%', '^'] as const;
export const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
export const SET_OPS = ['and', 'or', 'unless'] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type SetOp = (typeof SET_OPS)[number];
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** How the series of two vectors are paired (Prometheus' VectorMatching, one-to-one and set operations only). */
export interface VectorMatching {
  /** `one-to-one` for arithmetic and comparisons, `many-to-many` for and/or/unless. */
  card: 'one-to-one' | 'many-to-many';
  /** true with `on (...)`: match on these labels only; false: on all labels but these (`ignoring`) and `__name__`. */
  on: boolean;
  matchingLabels: string[];
}

/** `a + b`, `a > bool 1`, `a / on (job) b`, `a and b`. */
export interface BinaryExpr {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** `bool`: a comparison returns 0 or 1 instead of filtering. */
  returnBool: boolean;
  /** Present when both sides are instant vectors. */
  vectorMatching?: VectorMatching;
  pos: PositionRange;
}

/** `42`, `1e3`, `0x1f`, `Inf`, `NaN`, and durations used as numbers (`5m` = 300). */
export interface NumberLiteral {
  type: 'NumberLiteral';
  value: number;
  pos: PositionRange;
}

/** `"text"`, with escapes resolved. */
export interface StringLiteral {
  type: 'StringLiteral';
  value: string;
  pos: PositionRange;
}

/** `(expr)`. */
export interface ParenExpr {
  type: 'ParenExpr';
  expr: Expr;
  pos: PositionRange;
}

/** `-expr` or `+expr`. */
export interface UnaryExpr {
  type: 'UnaryExpr';
  op: '-' | '+';
  expr: Expr;
  pos: PositionRange;
}

/** Any expression the evaluator can run. */
export type Expr =
  | VectorSelector
  | MatrixSelector
  | AggregateExpr
  | Call
  | BinaryExpr
  | NumberLiteral
  | StringLiteral
  | ParenExpr
  | UnaryExpr;

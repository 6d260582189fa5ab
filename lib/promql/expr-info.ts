/**
 * What a parsed PromQL expression says about itself: its value type (Prometheus'
 * `Expr.Type()`), and whether a label matcher accepts a value. Used by the parser's type
 * checks (./convert.ts) and by the evaluator (./engine.ts).
 */
import type { Expr, LabelMatcher, ValueType } from './ast';
import { FUNCTIONS } from './supported';

/** The value type of an expression, as Prometheus' `Expr.Type()` gives it. */
export function valueType(expr: Expr): ValueType {
  switch (expr.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'instant vector';
    case 'MatrixSelector':
      return 'range vector';
    case 'Call':
      return FUNCTIONS[expr.func].returns;
    case 'BinaryExpr':
      return valueType(expr.lhs) === 'scalar' && valueType(expr.rhs) === 'scalar' ? 'scalar' : 'instant vector';
    case 'ParenExpr':
    case 'UnaryExpr':
      return valueType(expr.expr);
  }
}

/** Whether `value` satisfies matcher `m` (a missing label has the value ""). */
export function matchesValue(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.matches!(value);
    case '!~':
      return !m.matches!(value);
  }
}

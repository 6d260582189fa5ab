/**
 * The grammar's syntax tree → our typed AST (./ast.ts), for a query the grammar accepted
 * (./parse.ts runs the grammar and reports its syntax errors first). Throws PromQLError:
 * `unsupported` for what the grammar accepts but the evaluator does not run, named exactly
 * ("not supported here: subquery [30m:1m] (at column 12)"); `type` for Prometheus' own
 * semantic checks (promql/parser/parse.go `checkAST`), with its wording: `expected type
 * range vector in call to function "rate", got instant vector`; `limit` past MAX_NESTING.
 */
import type { SyntaxNode } from '@lezer/common';
import {
  AGGREGATE_OPS,
  COMPARISON_OPS,
  FUNCTION_NAMES,
  SET_OPS,
  type AggregateExpr,
  type AggregateOp,
  type BinaryExpr,
  type BinaryOp,
  type Call,
  type Expr,
  type FunctionName,
  type LabelMatcher,
  type MatchOp,
  type PositionRange,
  type VectorSelector,
} from './ast';
import { parseError, PromQLError, unsupported } from './errors';
import { matchesValue, valueType } from './expr-info';
import { parseDurationMs, parseNumber, unquote } from './literals';
import { compileRegex, RegexError } from './regex';
import { FUNCTIONS } from './supported';
import { childNodes } from './syntax';

/** Deepest nesting of expressions accepted. */
export const MAX_NESTING = 200;

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};
const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const isComparison = (op: BinaryOp) => (COMPARISON_OPS as readonly string[]).includes(op);
const isSetOp = (op: BinaryOp) => (SET_OPS as readonly string[]).includes(op);

/** Hints for functions people reach for that have a supported alternative. */
const FUNCTION_HINTS: Record<string, string> = {
  histogram_quantiles: 'Use one histogram_quantile(φ, ...) per quantile',
  clamp: 'Use clamp_min(clamp_max(v, max), min)',
  last_over_time: 'An instant selector already gives the latest sample within 5 minutes',
};

/** Converts one query's syntax tree (`expr(topNode, 0)`); a new one per query, since it remembers which selectors carry an offset. */
export class Converter {
  /** Selectors that already carry an offset, to refuse a second one. */
  private readonly offsetSet = new WeakSet<VectorSelector>();

  constructor(private readonly query: string) {}

  private text(node: SyntaxNode): string {
    return this.query.slice(node.from, node.to);
  }

  private pos(node: SyntaxNode): PositionRange {
    return { start: node.from, end: node.to };
  }

  private typeError(at: number, detail: string): PromQLError {
    return parseError(this.query, at, detail, 'type');
  }

  expr(node: SyntaxNode, depth: number): Expr {
    if (depth > MAX_NESTING) throw new PromQLError('limit', `the query nests expressions more than ${MAX_NESTING} levels deep`);
    const kids = childNodes(node);
    const pos = this.pos(node);
    switch (node.name) {
      case 'ParenExpr':
        return { type: 'ParenExpr', expr: this.expr(kids[0], depth + 1), pos };
      case 'NumberDurationLiteral': {
        const value = parseNumber(this.text(node));
        if (value === undefined) throw parseError(this.query, node.from, `bad number or duration syntax: ${JSON.stringify(this.text(node))}`);
        return { type: 'NumberLiteral', value, pos };
      }
      case 'StringLiteral':
        return { type: 'StringLiteral', value: this.string(node), pos };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return this.matrixSelector(node, kids, depth);
      case 'OffsetExpr':
        return this.offset(node, kids, depth);
      case 'UnaryExpr': {
        const inner = this.expr(kids[1], depth + 1);
        const t = valueType(inner);
        if (t !== 'scalar' && t !== 'instant vector') {
          throw this.typeError(node.from, `unary expression only allowed on expressions of type scalar or instant vector, got "${t}"`);
        }
        return { type: 'UnaryExpr', op: this.text(kids[0]) === '-' ? '-' : '+', expr: inner, pos };
      }
      case 'AggregateExpr':
        return this.aggregate(node, kids, depth);
      case 'FunctionCall':
        return this.call(node, kids, depth);
      case 'BinaryExpr':
        return this.binary(node, kids, depth);
      case 'SubqueryExpr': {
        const bracket = this.query.indexOf('[', kids[0].to);
        throw unsupported(
          this.query,
          bracket,
          `subquery ${this.query.slice(bracket, node.to)}`,
          'Apply the range function to a range vector selector (rate(m[5m])) and let the range query step over time',
        );
      }
      case 'StepInvariantExpr': {
        const at = kids.find((k) => k.name === 'At')!;
        throw unsupported(this.query, at.from, 'the @ modifier', "Evaluate at a fixed time with an instant query's time instead");
      }
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const word = kids[kids.length - 1];
        throw unsupported(this.query, word.from, `the ${this.text(word).toLowerCase()} modifier`);
      }
      default:
        throw parseError(this.query, node.from, `unexpected ${JSON.stringify(this.text(node))}`);
    }
  }

  private string(node: SyntaxNode): string {
    try {
      return unquote(this.text(node));
    } catch (err) {
      throw parseError(this.query, node.from, `error unquoting string ${this.text(node)}: ${(err as Error).message}`);
    }
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const kids = childNodes(node);
    const ident = kids.find((k) => k.name === 'Identifier');
    const braces = kids.find((k) => k.name === 'LabelMatchers');
    const matchers: LabelMatcher[] = [];
    for (const item of braces ? childNodes(braces) : []) {
      if (item.name === 'QuotedLabelName') {
        // {"metric.name"}: a quoted metric name inside the braces (Prometheus 3's UTF-8 names).
        matchers.push({ name: '__name__', op: '=', value: this.string(childNodes(item)[0]) });
        continue;
      }
      const [label, opNode, valueNode] = childNodes(item);
      const name = label.name === 'QuotedLabelName' ? this.string(childNodes(label)[0]) : this.text(label);
      const op = MATCH_OPS[childNodes(opNode)[0].name];
      const value = this.string(valueNode);
      matchers.push(op === '=~' || op === '!~' ? { name, op, value, matches: this.regex(value, valueNode) } : { name, op, value });
    }
    const name = ident ? this.text(ident) : undefined;
    if (name !== undefined) {
      const twice = matchers.find((m) => m.name === '__name__');
      if (twice) throw this.typeError(node.from, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(twice.value)}`);
      matchers.unshift({ name: '__name__', op: '=', value: name });
    } else if (!matchers.some((m) => !matchesValue(m, ''))) {
      // Prometheus refuses a selector that would match every series (e.g. a typo'd {job=~".*"}).
      throw this.typeError(node.from, 'vector selector must contain at least one non-empty matcher');
    }
    return { type: 'VectorSelector', name, matchers, offsetMs: 0, pos: this.pos(node) };
  }

  private regex(pattern: string, node: SyntaxNode): (value: string) => boolean {
    try {
      return compileRegex(pattern);
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      // Point into the pattern when its text sits unescaped in the query.
      const inside = this.text(node).slice(1, -1) === pattern ? node.from + 1 + err.at : node.from;
      if (err.unsupported) throw unsupported(this.query, inside, err.message, err.hint);
      throw parseError(this.query, inside, err.message);
    }
  }

  private duration(node: SyntaxNode, what: string): number {
    const kids = childNodes(node);
    if (kids.length === 1 && kids[0].name === 'NumberDurationLiteralInDurationContext') {
      const text = this.text(kids[0]);
      const ms = parseDurationMs(text) ?? (parseNumber(text) !== undefined ? Math.round(parseNumber(text)! * 1000) : undefined);
      if (ms === undefined || !Number.isFinite(ms)) throw parseError(this.query, kids[0].from, `bad duration syntax: ${JSON.stringify(text)}`);
      return ms;
    }
    if (kids.length === 2 && kids[0].name === 'UnaryOp' && what === 'offset') {
      const ms = this.duration(kids[1], what);
      return this.text(kids[0]) === '-' ? -ms : ms;
    }
    throw unsupported(this.query, node.from, `the duration expression ${JSON.stringify(this.text(node))}`, 'Write a plain duration such as 5m or 1h30m');
  }

  private matrixSelector(node: SyntaxNode, kids: SyntaxNode[], depth: number): Expr {
    const [inner, durationNode] = kids;
    if (inner.name === 'OffsetExpr') throw this.typeError(inner.from, 'no offset modifiers allowed before range: write the range first, as in m[5m] offset 1h');
    if (inner.name !== 'VectorSelector') {
      this.expr(inner, depth + 1); // refuse what is inside by name first (a subquery, @, ...)
      throw this.typeError(inner.from, 'ranges only allowed for vector selectors');
    }
    const rangeMs = this.duration(durationNode, 'range');
    if (rangeMs <= 0) throw this.typeError(durationNode.from, `a range must be longer than 0s, got ${JSON.stringify(this.text(durationNode))}`);
    return { type: 'MatrixSelector', vectorSelector: this.vectorSelector(inner), rangeMs, pos: this.pos(node) };
  }

  private offset(node: SyntaxNode, kids: SyntaxNode[], depth: number): Expr {
    const inner = this.expr(kids[0], depth + 1);
    const offsetMs = this.duration(kids[kids.length - 1], 'offset');
    const selector = inner.type === 'VectorSelector' ? inner : inner.type === 'MatrixSelector' ? inner.vectorSelector : undefined;
    if (!selector) {
      throw this.typeError(kids[0].from, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    }
    if (this.offsetSet.has(selector)) throw this.typeError(node.from, 'offset may not be set multiple times');
    this.offsetSet.add(selector);
    selector.offsetMs = offsetMs;
    inner.pos = this.pos(node);
    return inner;
  }

  private grouping(node: SyntaxNode | undefined): string[] {
    if (!node) return [];
    return childNodes(node).map((label) => (label.name === 'QuotedLabelName' ? this.string(childNodes(label)[0]) : this.text(label)));
  }

  private aggregate(node: SyntaxNode, kids: SyntaxNode[], depth: number): AggregateExpr {
    const opText = this.text(kids[0]).toLowerCase();
    if (!(AGGREGATE_OPS as readonly string[]).includes(opText)) throw unsupported(this.query, node.from, `the aggregation ${opText}(...)`);
    const op = opText as AggregateOp;
    const modifier = kids.find((k) => k.name === 'AggregateModifier');
    const modifierKids = modifier ? childNodes(modifier) : [];
    const body = kids.find((k) => k.name === 'FunctionCallBody')!;
    const args = childNodes(body).map((a) => this.expr(a, depth + 1));
    const wanted = op === 'topk' || op === 'bottomk' || op === 'quantile' ? 2 : 1;
    if (args.length === 0) throw this.typeError(node.from, 'no arguments for aggregate expression provided');
    if (args.length !== wanted) {
      throw this.typeError(node.from, `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`);
    }
    const expr = args[wanted - 1];
    const param = wanted === 2 ? args[0] : undefined;
    if (param && valueType(param) !== 'scalar') throw this.typeError(param.pos.start, `expected type scalar in aggregation parameter, got ${valueType(param)}`);
    if (valueType(expr) !== 'instant vector') {
      throw this.typeError(expr.pos.start, `expected type instant vector in aggregation expression, got ${valueType(expr)}${rangeHint(expr)}`);
    }
    return {
      type: 'AggregateExpr',
      op,
      expr,
      param,
      grouping: this.grouping(modifierKids[1]),
      without: modifierKids[0]?.name === 'Without',
      pos: this.pos(node),
    };
  }

  private call(node: SyntaxNode, kids: SyntaxNode[], depth: number): Call {
    const name = this.text(kids[0]);
    if (!(FUNCTION_NAMES as readonly string[]).includes(name)) throw unsupported(this.query, node.from, `the function ${name}()`, FUNCTION_HINTS[name]);
    const func = name as FunctionName;
    const signature = FUNCTIONS[func];
    const args = childNodes(kids[1]).map((a) => this.expr(a, depth + 1));
    const max = signature.args.length;
    const min = max - signature.optional;
    if (args.length < min || args.length > max) {
      const detail =
        min === max
          ? `expected ${max} argument(s) in call to "${func}", got ${args.length}`
          : args.length < min
            ? `expected at least ${min} argument(s) in call to "${func}", got ${args.length}`
            : `expected at most ${max} argument(s) in call to "${func}", got ${args.length}`;
      throw this.typeError(node.from, detail);
    }
    args.forEach((arg, i) => {
      const t = valueType(arg);
      const want = signature.args[i];
      if (t !== want) {
        const hint = want === 'range vector' && t === 'instant vector' ? ': add a range to the selector, as in rate(metric[5m])' : rangeHint(arg);
        throw this.typeError(arg.pos.start, `expected type ${want} in call to function "${func}", got ${t}${hint}`);
      }
    });
    return { type: 'Call', func, args, pos: this.pos(node) };
  }

  private binary(node: SyntaxNode, kids: SyntaxNode[], depth: number): Expr {
    const [lhsNode, opNode] = kids;
    const rhsNode = kids[kids.length - 1];
    const op = BINARY_OPS[opNode.name];
    if (!op) throw unsupported(this.query, opNode.from, `the ${this.text(opNode)} operator`);
    let returnBool = false;
    let matching: { on: boolean; labels: string[] } | undefined;
    for (const mod of kids.slice(2, -1)) {
      if (mod.name === 'BoolModifier') returnBool = true;
      else if (mod.name === 'FillModifier') throw unsupported(this.query, mod.from, `the ${this.text(childNodes(childNodes(mod)[0])[0]).toLowerCase()} modifier`);
      else if (mod.name === 'MatchingModifierClause') {
        const parts = childNodes(mod);
        const group = parts.find((p) => p.name === 'GroupLeft' || p.name === 'GroupRight');
        if (group) {
          throw unsupported(
            this.query,
            group.from,
            `${this.text(group).toLowerCase()} (many-to-one matching)`,
            'Only one-to-one matching is evaluated: aggregate the "many" side first, e.g. sum by (job) (...)',
          );
        }
        matching = { on: parts[0].name === 'On', labels: this.grouping(parts[1]) };
      }
    }
    const rhs = this.expr(rhsNode, depth + 1);
    const text = this.text(lhsNode);
    if (op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^[-+]/.test(text)) {
      // The grammar reads a sign into a number literal, which would make "-2 ^ 2" (-2)^2; in
      // Prometheus unary minus binds looser than ^: -(2 ^ 2).
      const digits = text.slice(1).trimStart();
      const value = parseNumber(digits);
      if (value === undefined) throw parseError(this.query, lhsNode.from, `bad number or duration syntax: ${JSON.stringify(text)}`);
      const base: Expr = { type: 'NumberLiteral', value, pos: { start: lhsNode.to - digits.length, end: lhsNode.to } };
      const power = this.checkBinary(node, opNode, op, base, rhs, returnBool, matching, { start: base.pos.start, end: node.to });
      return { type: 'UnaryExpr', op: text[0] === '-' ? '-' : '+', expr: power, pos: this.pos(node) };
    }
    return this.checkBinary(node, opNode, op, this.expr(lhsNode, depth + 1), rhs, returnBool, matching, this.pos(node));
  }

  /** Prometheus' checks of a binary expression (parse.go checkAST), then the node. */
  private checkBinary(
    node: SyntaxNode,
    opNode: SyntaxNode,
    op: BinaryOp,
    lhs: Expr,
    rhs: Expr,
    returnBool: boolean,
    matching: { on: boolean; labels: string[] } | undefined,
    pos: PositionRange,
  ): BinaryExpr {
    const lt = valueType(lhs);
    const rt = valueType(rhs);
    if (returnBool && !isComparison(op)) throw this.typeError(opNode.from, 'bool modifier can only be used on comparison operators');
    if (isComparison(op) && !returnBool && lt === 'scalar' && rt === 'scalar') {
      throw this.typeError(opNode.from, 'comparisons between scalars must use BOOL modifier');
    }
    if (lt !== 'scalar' && lt !== 'instant vector') throw this.typeError(lhs.pos.start, `binary expression must contain only scalar and instant vector types${rangeHint(lhs)}`);
    if (rt !== 'scalar' && rt !== 'instant vector') throw this.typeError(rhs.pos.start, `binary expression must contain only scalar and instant vector types${rangeHint(rhs)}`);
    const bothVectors = lt === 'instant vector' && rt === 'instant vector';
    if (!bothVectors && matching && matching.labels.length > 0) throw this.typeError(node.from, 'vector matching only allowed between instant vectors');
    if (!bothVectors && isSetOp(op)) throw this.typeError(node.from, `set operator "${op}" not allowed in binary scalar expression`);
    return {
      type: 'BinaryExpr',
      op,
      lhs,
      rhs,
      returnBool,
      vectorMatching: bothVectors
        ? { card: isSetOp(op) ? 'many-to-many' : 'one-to-one', on: matching?.on ?? false, matchingLabels: matching?.labels ?? [] }
        : undefined,
      pos,
    };
  }
}

/** A hint for a range vector where an instant vector was wanted. */
function rangeHint(expr: Expr): string {
  return valueType(expr) === 'range vector' ? ': wrap the range vector in a function such as rate(...) or avg_over_time(...)' : '';
}

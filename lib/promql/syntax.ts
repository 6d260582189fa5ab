/**
 * Syntax errors from the official grammar's parse tree. Lezer recovers from errors by
 * inserting error nodes (⚠) and never says what it expected, so the message is derived
 * from where the first error node sits: its parent node, the node before it and the
 * character before it. Strings are checked here too, since the grammar's string token
 * accepts a missing closing quote.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { AGGREGATE_OPS, FUNCTION_NAMES } from './ast';
import { parseError, type PromQLError } from './errors';
import { FUNCTIONS } from './supported';

/** How many arguments each known function and aggregation takes (at most). */
const ARITY: Record<string, number> = {
  ...Object.fromEntries(Object.entries(FUNCTIONS).map(([name, sig]) => [name, sig.args.length])),
  ...Object.fromEntries(AGGREGATE_OPS.map((op) => [op, op === 'topk' || op === 'bottomk' || op === 'quantile' ? 2 : 1])),
};

/** Child nodes of `node`, comments left out. */
export function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

/** Whether a string token ends with an unescaped closing quote of its own kind. */
function terminated(text: string): boolean {
  const quote = text[0];
  if (text.length < 2) return false;
  if (quote === '`') return text.endsWith('`');
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i === text.length - 1;
  }
  return false;
}

/** The token at `offset`, quoted, or "end of query". */
function describeAt(query: string, offset: number): string {
  const rest = query.slice(offset).replace(/^\s+/, '');
  if (rest === '' || rest.startsWith('#')) return 'end of query';
  const token = /^(?:[A-Za-z_:][\w:]*|[0-9][\w.]*|==|!=|>=|<=|=~|!~|\S)/.exec(rest)![0];
  return JSON.stringify(token);
}

/** The last non-space character before `offset`, or '' at the start. */
function charBefore(query: string, offset: number): string {
  const before = query.slice(0, offset).replace(/(\s|#[^\n]*\n)+$/, '');
  return before[before.length - 1] ?? '';
}

const OPERATOR_NODES = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'Lte', 'Lss', 'Neq', 'TrimUpper', 'TrimLower', 'And', 'Unless', 'Or', 'BoolModifier', 'MatchingModifierClause', 'FillModifier']);

/** What the first error node means, in words: "unexpected X <where>, expected Y". */
function explain(query: string, error: SyntaxNode): { offset: number; detail: string } {
  const parent = error.parent!;
  const prev = error.prevSibling;
  const found = describeAt(query, error.from);
  const atEnd = found === 'end of query';
  const offset = atEnd ? query.length : error.from + (query.slice(error.from).length - query.slice(error.from).trimStart().length);
  const before = charBefore(query, error.from);
  const text = (node: SyntaxNode) => query.slice(node.from, node.to);
  const unexpected = (where: string, expected: string) => ({ offset, detail: `unexpected ${found}${where ? ` ${where}` : ''}, expected ${expected}` });

  switch (parent.name) {
    case 'PromQL':
      if (!prev) return { offset, detail: 'no expression found in input' };
      return unexpected('after the expression', 'an operator (such as + or and) or the end of the query');
    case 'VectorSelector':
      if (prev?.name === 'Identifier' && query[error.from] === '(') {
        const name = text(prev);
        const known = (FUNCTION_NAMES as readonly string[]).includes(name.toLowerCase());
        const hint = known ? `: function names are case-sensitive, did you mean "${name.toLowerCase()}"?` : '';
        return { offset: prev.from, detail: `unknown function with name ${JSON.stringify(name)}${hint}` };
      }
      return unexpected('after the selector', '"{", an operator or the end of the query');
    case 'FunctionCallBody': {
      const head = parent.parent?.firstChild;
      const name = head ? text(head).toLowerCase() : '';
      const where = head ? `in "${name}(...)"` : 'in the arguments';
      if (before === '(' || before === ',') return unexpected(where, 'an expression');
      // When every argument is there, only ")" can follow.
      const given = childNodes(parent).filter((n) => !n.type.isError && n.from < error.from).length;
      return unexpected(where, given >= (ARITY[name] ?? Infinity) ? '")"' : '"," or ")"');
    }
    case 'GroupingLabels': {
      const keyword = parent.prevSibling ? text(parent.prevSibling).toLowerCase() : 'by';
      const where = `in "${keyword} (...)"`;
      return before === '(' || before === ',' ? unexpected(where, 'a label name or ")"') : unexpected(where, '"," or ")"');
    }
    case 'LabelMatchers':
      return before === '{' || before === ','
        ? unexpected('in label matching', 'a label matcher such as job="api", or "}"')
        : unexpected('in label matching', '"," or "}"');
    case 'UnquotedLabelMatcher':
    case 'QuotedLabelMatcher':
      if (prev?.name === 'MatchOp') return unexpected(`after "${text(prev)}" in label matching`, 'a quoted string such as "value"');
      return unexpected(`after label "${prev ? text(prev) : ''}"`, 'one of =, !=, =~, !~');
    case 'BinaryExpr':
      if (prev && OPERATOR_NODES.has(prev.name)) return unexpected(`after "${text(prev)}"`, 'an expression');
      if (/^"(by|without)"$/i.test(found)) {
        return { offset, detail: `unexpected ${found}: write "by (...)" or "without (...)" once, right after the aggregation's name or right after its closing parenthesis` };
      }
      return unexpected('after the expression', 'an operator (such as + or and) or the end of the query');
    case 'MatrixSelector':
    case 'SubqueryExpr':
      if (prev?.name === 'DurationExpr') {
        return /^"[A-Za-z]/.test(found)
          ? unexpected('in the range', '"]" (a duration is a whole number with a unit ms, s, m, h, d, w or y, such as 5m or 1h30m)')
          : unexpected('in the range', '"]"');
      }
      return unexpected('after "["', 'a duration such as 5m');
    case 'ParenExpr':
      return before === '(' ? unexpected('after "("', 'an expression') : unexpected('inside "(...)"', '")"');
    case 'OffsetExpr':
    case 'OffsetDurationExpr':
      return unexpected('after "offset"', 'a duration such as 5m');
    case 'AggregateExpr': {
      const op = parent.firstChild ? text(parent.firstChild).toLowerCase() : 'the aggregation';
      if (prev?.name === 'FunctionCallBody') return unexpected('after the expression', 'an operator (such as + or and) or the end of the query');
      return prev?.name === 'AggregateModifier'
        ? unexpected(`after "${text(prev)}"`, `"(" and the expression to aggregate`)
        : unexpected(`after "${op}"`, '"(" or "by (...)" / "without (...)"');
    }
    case 'AggregateModifier':
      return unexpected(`after "${prev ? text(prev) : 'by'}"`, 'a parenthesised list of label names such as (job, instance)');
    case 'MatchingModifierClause':
      return unexpected(`after "${prev ? text(prev) : 'on'}"`, 'a parenthesised list of label names such as (job)');
    case 'StepInvariantExpr':
      return unexpected('after "@"', 'a timestamp, start() or end()');
    case 'UnaryExpr':
      return unexpected('after the sign', 'an expression');
    case 'DurationExpr':
      return unexpected('in the duration', 'a duration such as 5m');
    default:
      return { offset, detail: `unexpected ${found}` };
  }
}

/**
 * The first syntax problem of `tree` (parsed from `query`), or undefined when there is
 * none: an error node of the grammar or a string without its closing quote, whichever
 * comes first.
 */
export function findSyntaxError(query: string, tree: Tree): PromQLError | undefined {
  let error: SyntaxNode | undefined;
  let openString: number | undefined;
  tree.iterate({
    enter(ref) {
      if (error || openString !== undefined) return false;
      if (ref.type.isError) {
        error = ref.node;
        return false;
      }
      if (ref.name === 'StringLiteral' && !terminated(query.slice(ref.from, ref.to))) {
        openString = ref.from;
        return false;
      }
      return undefined;
    },
  });
  if (openString !== undefined && (!error || openString <= error.from)) return parseError(query, openString, 'unterminated quoted string');
  if (!error) return undefined;
  const { offset, detail } = explain(query, error);
  return parseError(query, offset, detail);
}

/**
 * The one error type of lib/promql. Errors are data: `kind` says which family, `position`
 * where in the query (when there is a place to point at), `construct` what was refused.
 *
 * Messages:
 * - `syntax` and `type` read like Prometheus' own parse errors:
 *   `1:6: parse error: unexpected end of input inside "sum(", expected ")"`;
 * - `unsupported`: `not supported here: the @ modifier (at column 3)`;
 * - `execution` (a query that parses but cannot be answered, e.g. many-to-one matching
 *   without group_left) and `limit` (a budget of ./engine.ts ran out) have no position.
 */

/** Which family an error belongs to. */
export type PromQLErrorKind = 'syntax' | 'type' | 'unsupported' | 'execution' | 'limit';

/** A place in the query: 0-based `offset`, 1-based `line` and `column`. */
export interface QueryPosition {
  offset: number;
  line: number;
  column: number;
}

/** Line and column (both 1-based) of a 0-based character offset in `query`. */
export function positionOf(query: string, offset: number): QueryPosition {
  const before = query.slice(0, Math.max(0, offset)).split('\n');
  return { offset, line: before.length, column: before[before.length - 1].length + 1 };
}

export class PromQLError extends Error {
  override name = 'PromQLError';
  readonly kind: PromQLErrorKind;
  /** The message without its position prefix or suffix. */
  readonly detail: string;
  readonly position?: QueryPosition;
  /** For `unsupported`: the construct refused, e.g. "subquery [30m:1m]". */
  readonly construct?: string;

  /** For `unsupported`: what to write instead, when there is a useful alternative. */
  readonly hint?: string;

  constructor(
    kind: PromQLErrorKind,
    detail: string,
    options: { position?: QueryPosition; construct?: string; hint?: string; multiline?: boolean } = {},
  ) {
    super(format(kind, detail, options.position, options.multiline ?? false) + (options.hint ? `. ${options.hint}` : ''));
    this.hint = options.hint;
    this.kind = kind;
    this.detail = detail;
    this.position = options.position;
    this.construct = options.construct;
  }

  /** The 0-based offset of the problem, when the error has a place in the query. */
  get offset(): number | undefined {
    return this.position?.offset;
  }
}

function format(kind: PromQLErrorKind, detail: string, position: QueryPosition | undefined, multiline: boolean): string {
  if (!position) return detail;
  if (kind === 'unsupported') {
    const where = multiline ? `line ${position.line}, column ${position.column}` : `column ${position.column}`;
    return `not supported here: ${detail} (at ${where})`;
  }
  return `${position.line}:${position.column}: parse error: ${detail}`;
}

/** A syntax or type error at `offset` of `query`. */
export function parseError(query: string, offset: number, detail: string, kind: 'syntax' | 'type' = 'syntax'): PromQLError {
  return new PromQLError(kind, detail, { position: positionOf(query, offset) });
}

/** "not supported here: <construct> (at column N)", then the hint (a sentence) if any. */
export function unsupported(query: string, offset: number, construct: string, hint?: string): PromQLError {
  return new PromQLError('unsupported', construct, {
    position: positionOf(query, offset),
    construct,
    hint,
    multiline: query.includes('\n'),
  });
}

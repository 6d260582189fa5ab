/**
 * Evaluates GitHub Actions expressions with GitHub's own evaluator
 * (@actions/expressions): `==` with its loose typing, `startsWith`, `contains`,
 * `format`, `toJSON`, property access on contexts. The status functions
 * (`success()`, `failure()`, `always()`, `cancelled()`) and `hashFiles()` depend on
 * the run, so the simulation passes them in.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { falsy } from '@actions/expressions/result';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';

const CONTEXTS = ['github', 'env', 'needs', 'steps', 'secrets', 'vars', 'inputs', 'runner', 'job', 'matrix', 'strategy'];

export interface ExprScope {
  /** Plain JSON data per context name: github, env, secrets… */
  contexts: Record<string, unknown>;
  /** Whether the job or the steps so far succeeded / failed (for the status functions). */
  status: { failed: boolean };
  /** `hashFiles(patterns…)` of the commit being simulated. */
  hashFiles(patterns: string[]): string;
}

function functions(scope: ExprScope): Map<string, FunctionDefinition> {
  const bool = (v: boolean) => new data.BooleanData(v);
  const defs: FunctionDefinition[] = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => bool(!scope.status.failed) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => bool(scope.status.failed) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => bool(true) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => bool(false) },
    { name: 'hashFiles', minArgs: 1, maxArgs: 255, call: (...args) => new data.StringData(scope.hashFiles(args.map((a) => a.coerceString()))) },
  ];
  return new Map(defs.map((d) => [d.name.toLowerCase(), d]));
}

function toData(value: unknown): data.Dictionary {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.Dictionary;
}

/** Evaluates one expression (no `${{ }}`); throws with the evaluator's message on a bad one. */
export function evaluate(expr: string, scope: ExprScope): data.ExpressionData {
  const funcs = functions(scope);
  const tokens = new Lexer(expr).lex().tokens;
  const ast = new Parser(tokens, CONTEXTS, [...funcs.values()]).parse();
  return new Evaluator(ast, toData(scope.contexts), funcs).evaluate();
}

export function evaluateCondition(expr: string, scope: ExprScope): boolean {
  return !falsy(evaluate(expr, scope));
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;

/** Replaces each `${{ expr }}` in a string with its value, as GitHub does for `run`, `env` and `with`. */
export function interpolate(text: string, scope: ExprScope): string {
  return text.replace(TEMPLATE, (_, expr: string) => {
    const value = evaluate(expr.trim(), scope);
    return value.kind === data.Kind.Null ? '' : value.primitive ? value.coerceString() : JSON.stringify(value, data.replacer);
  });
}

/** Secret names an expression-bearing string refers to (`secrets.X`, `secrets['X']`). */
export function secretsIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(TEMPLATE)) {
    for (const ref of match[1].matchAll(/secrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) names.add((ref[1] ?? ref[2]).toUpperCase());
  }
  return [...names];
}

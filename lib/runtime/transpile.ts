/**
 * Turns a learner's TypeScript file into CommonJS that the module loader can run.
 * Sucrase only strips types and rewrites imports (no type checking: the editor shows
 * type errors), which takes well under a millisecond and keeps line numbers intact,
 * so stack traces point at the learner's own lines.
 */
import { transform } from 'sucrase';
import type { RunError } from './errors';

export type TranspileResult = { ok: true; code: string } | { ok: false; error: RunError };

/**
 * One Run loads the same files once for the main run and once per check run (14 times
 * for the first lab), so results are kept by path and text. Bounded, oldest out.
 */
const CACHE_LIMIT = 64;
const cache = new Map<string, TranspileResult>();

export function transpileModule(path: string, source: string): TranspileResult {
  const key = `${path}\0${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = transpileUncached(path, source);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

/** The cached result for `path` and `source`, if this realm has transpiled them (for tests of priming). */
export function cachedTranspile(path: string, source: string): TranspileResult | undefined {
  return cache.get(`${path}\0${source}`);
}

function transpileUncached(path: string, source: string): TranspileResult {
  try {
    const { code } = transform(source, {
      transforms: isTypeScript(path) ? ['typescript', 'imports'] : ['imports'],
      filePath: path,
      production: true,
    });
    return { ok: true, code };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const where = loc ?? parsePosition(message);
    return {
      ok: false,
      error: {
        kind: 'syntax',
        message: `Syntax error in ${path}${where ? ` at line ${where.line}` : ''}: ${cleanMessage(message)}`,
        file: path,
        line: where?.line,
        column: where ? where.column + 1 : undefined,
      },
    };
  }
}

/** Sucrase says "Error transforming handler.ts: Unexpected token (2:12)"; we give file and line ourselves. */
function cleanMessage(message: string): string {
  return message.replace(/^Error transforming [^:]+:\s*/, '').replace(/\s*\(\d+:\d+\)$/, '');
}

function isTypeScript(path: string): boolean {
  return path.endsWith('.ts') || path.endsWith('.tsx');
}

function parsePosition(message: string): { line: number; column: number } | undefined {
  const match = /\((\d+):(\d+)\)\s*$/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

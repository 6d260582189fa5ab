/**
 * Transpiles a project's code files in a sandbox before its Run (the host's `prime`
 * message, sandbox/host.ts), so the Run finds them in transpileModule's cache.
 *
 * Why: every Run starts in sandboxes no one has used (fresh realms, issue 19), and a fresh
 * worker's first check run transpiled the learner's files with a cold Sucrase: 20–80 ms of
 * a ~120 ms Run of the first Week 2 lab (Chromium trace), where later check runs took
 * 1–7 ms. The pool's sandboxes wait idle between Runs, and a learner usually runs the same
 * files again or changes one, so the host sends each new pool sandbox the files of the
 * last run and the work is done before the Run starts.
 *
 * Safe to do in a sandbox that will serve the learner: only our transpiler reads the
 * text; no file is evaluated and no learner code runs. The worker takes a `prime` only
 * before its first run, in a realm where nothing but our own warm-up has run.
 */
import { PRIME_LIMITS } from '../protocol';
import { transpileModule } from '../transpile';

const CODE_FILE = /\.(ts|js)$/;

/**
 * Transpiles the code files of `files` (path → text), within PRIME_LIMITS, in the order
 * given; anything else (a non-object, a value that is not text, a Markdown file) is
 * skipped. Never throws: a file that does not parse is cached as its syntax error, which
 * the run reports as it would have.
 * @returns the paths transpiled
 */
export function primeTranspiles(files: unknown): string[] {
  if (typeof files !== 'object' || files === null) return [];
  const done: string[] = [];
  let chars = 0;
  for (const path of Object.keys(files)) {
    const text = (files as Record<string, unknown>)[path];
    if (!CODE_FILE.test(path) || typeof text !== 'string') continue;
    if (done.length >= PRIME_LIMITS.files || chars + text.length > PRIME_LIMITS.chars) break;
    chars += text.length;
    transpileModule(path, text);
    done.push(path);
  }
  return done;
}

/**
 * A tiny CommonJS loader for a lab's files. Learner code may import only:
 *   - the lab's own files, by relative path (`./query`, `./query.ts`);
 *   - the modules the runtime provides (`@grafana/data`, `zod`, `@lab/sdk`).
 * Anything else is an `import` error naming the specifier and what is allowed.
 */
import { LAB_FILE_PREFIX, RunFailure } from './errors';
import { transpileModule } from './transpile';

/** Modules learner code may import, by specifier. */
export type Builtins = Readonly<Record<string, unknown>>;

export interface LoadOptions {
  /** The lab's files by path (e.g. `handler.ts`), as the learner wrote them. */
  files: Readonly<Record<string, string>>;
  /** The file to load first, e.g. `handler.ts`. */
  entry: string;
  /** The allow-listed external modules. */
  builtins: Builtins;
}

const RESOLVABLE_EXTENSIONS = ['', '.ts', '.js', '/index.ts'];

/** Loads `entry` and everything it imports; returns the entry's exports. Throws RunFailure. */
export function loadModules({ files, entry, builtins }: LoadOptions): Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();

  const load = (path: string): Record<string, unknown> => {
    const cached = cache.get(path);
    if (cached) return cached.exports; // also ends import cycles, as CommonJS does
    const result = transpileModule(path, files[path]);
    if (!result.ok) throw new RunFailure(result.error);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(path, module);
    const factory = evaluate(path, result.code);
    factory((specifier: string) => requireFrom(path, specifier), module, module.exports);
    return module.exports;
  };

  const requireFrom = (importer: string, specifier: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(builtins, specifier)) return builtins[specifier];
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const target = resolveRelative(importer, specifier, files);
      if (target) return load(target);
      throw new RunFailure({
        kind: 'import',
        message: `${importer} imports '${specifier}', but the lab has no such file. Files: ${Object.keys(files).join(', ')}.`,
        file: importer,
      });
    }
    throw new RunFailure({
      kind: 'import',
      message: `${importer} imports '${specifier}', which is not available in the lab. You can import ${Object.keys(builtins)
        .map((b) => `'${b}'`)
        .join(', ')} and the lab's own files (e.g. './query').`,
      file: importer,
    });
  };

  if (!(entry in files)) {
    throw new RunFailure({ kind: 'import', message: `The lab's entry file ${entry} is missing.`, file: entry });
  }
  return load(entry);
}

function resolveRelative(importer: string, specifier: string, files: Readonly<Record<string, string>>): string | undefined {
  const base = importer.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.') base.push(part);
  }
  const joined = base.join('/');
  return RESOLVABLE_EXTENSIONS.map((ext) => joined + ext).find((candidate) => Object.prototype.hasOwnProperty.call(files, candidate));
}

type ModuleFactory = (require: (s: string) => unknown, module: { exports: Record<string, unknown> }, exports: Record<string, unknown>) => void;

/**
 * Evaluates transpiled code as a function. The wrapper sits on the code's first line
 * and `sourceURL` names the file, so stack traces read `lab:///handler.ts:12:5` with
 * the learner's own line numbers. Indirect eval runs in global scope: the code sees
 * none of this module's variables.
 */
function evaluate(path: string, code: string): ModuleFactory {
  const wrapped = `(function (require, module, exports) {${code}\n})\n//# sourceURL=${LAB_FILE_PREFIX}${path}`;
  const indirectEval = eval;
  return indirectEval(wrapped) as ModuleFactory;
}

import { describe, expect, it } from 'vitest';
import { RunFailure } from './errors';
import { loadModules } from './module-loader';
import { transpileModule } from './transpile';

const builtins = { zod: { marker: 'zod' } };

function failureOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof RunFailure) return err.runError;
    throw err;
  }
  throw new Error('expected a RunFailure');
}

describe('transpileModule', () => {
  it('strips types and keeps line numbers', () => {
    const result = transpileModule('a.ts', 'const a: number = 1;\n\nexport const b = a + 1;\n');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.code.split('\n')[2]).toContain('b = a + 1');
  });

  it('transpiles the same file text once and reuses the result', () => {
    const first = transpileModule('c.ts', 'export const c: number = 3;');
    expect(transpileModule('c.ts', 'export const c: number = 3;')).toBe(first);
    expect(transpileModule('c.ts', 'export const c: number = 4;')).not.toBe(first);
  });

  it('reports a syntax error with file, line and column, without the tool name', () => {
    const result = transpileModule('handler.ts', 'const ok = 1;\nconst x = ;\n');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'syntax', file: 'handler.ts', line: 2 }) });
    if (!result.ok) expect(result.error.message).not.toContain('Error transforming');
  });
});

describe('loadModules', () => {
  it('resolves relative imports with or without extension, and allow-listed packages', () => {
    const exports = loadModules({
      entry: 'handler.ts',
      builtins,
      files: {
        'handler.ts': "import { double } from './lib/math';\nimport { z } from './z.ts';\nexport const out = double(21) + z;",
        'lib/math.ts': "import zod from 'zod';\nexport const double = (n: number) => n * 2;\nexport const which = zod.marker;",
        'z.ts': 'export const z = 0;',
      },
    });
    expect(exports.out).toBe(42);
  });

  it('evaluates each module once, even in an import cycle', () => {
    const exports = loadModules({
      entry: 'a.ts',
      builtins,
      files: {
        'a.ts': "import { b } from './b';\nexport const a = 'a';\nexport const seen = b;",
        'b.ts': "import * as a from './a';\nexport const b = typeof a;",
      },
    });
    expect(exports.seen).toBe('object');
  });

  it('names an import outside the allow-list and lists what is allowed', () => {
    const error = failureOf(() => loadModules({ entry: 'h.ts', builtins, files: { 'h.ts': "import x from 'lodash';\nexport const y = x;" } }));
    expect(error).toMatchObject({ kind: 'import', file: 'h.ts' });
    expect(error.message).toContain("'lodash'");
    expect(error.message).toContain("'zod'");
  });

  it('names a relative import that has no file', () => {
    const error = failureOf(() => loadModules({ entry: 'h.ts', builtins, files: { 'h.ts': "import { q } from './query';\nexport const y = q;" } }));
    expect(error.message).toContain("'./query'");
  });

  it('gives learner modules no access to the loader scope', () => {
    const exports = loadModules({ entry: 'h.ts', builtins, files: { 'h.ts': 'export const scope = typeof builtins + typeof files + typeof cache;' } });
    expect(exports.scope).toBe('undefinedundefinedundefined');
  });
});

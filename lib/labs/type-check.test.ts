/**
 * The in-memory type check sees what the editor sees: the bundled declarations for
 * @grafana/data, zod and @lab/sdk, nothing else, and reports errors by file and line.
 */
import { describe, expect, it } from 'vitest';
import { editorTypeFiles } from '@/scripts/build-monaco-types.mjs';
import { transpileErrors, typeCheckFiles } from './type-check';

const { files: TYPES } = editorTypeFiles();

const QUERY = `import { z } from 'zod';
export const querySchema = z.object({ metric: z.string() });
export type Query = z.infer<typeof querySchema>;
`;
const HANDLER = `import { FieldType, createDataFrame } from '@grafana/data';
import { queryError, type DataResponse } from '@lab/sdk';
import { querySchema } from './query';

export function answer(raw: unknown): DataResponse {
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) return queryError('validation', parsed.error.message);
  const frame = createDataFrame({ name: parsed.data.metric, fields: [{ name: 'time', type: FieldType.time, values: [1] }] });
  return { frames: [frame] };
}
`;

describe('typeCheckFiles', () => {
  it('passes files that use @grafana/data, zod, @lab/sdk and each other correctly; skips non-TypeScript files', () => {
    expect(typeCheckFiles({ 'query.ts': QUERY, 'handler.ts': HANDLER, 'workflow.yaml': 'on: [push' }, TYPES)).toEqual([]);
  }, 60_000);

  it('reports a type error with its file, line and message', () => {
    const broken = HANDLER.replace('parsed.data.metric', 'parsed.data.metrc');
    const errors = typeCheckFiles({ 'query.ts': QUERY, 'handler.ts': broken }, TYPES);
    expect(errors).toEqual([{ file: 'handler.ts', line: 8, column: expect.any(Number), message: expect.stringMatching(/Property 'metrc' does not exist/) }]);
  });

  it('reports an import of a file the lab does not have, and of a module the editor does not provide', () => {
    const errors = typeCheckFiles({ 'handler.ts': HANDLER.replace("import { FieldType, createDataFrame } from '@grafana/data';", "import { FieldType, createDataFrame } from '@grafana/data';\nimport express from 'express';") }, TYPES);
    expect(errors.map((e) => `${e.file}:${e.line}`)).toEqual(['handler.ts:2', 'handler.ts:4']);
    expect(errors[0].message).toMatch(/Cannot find module 'express'/);
    expect(errors[1].message).toMatch(/Cannot find module '\.\/query'/);
  });
});

describe('transpileErrors', () => {
  it('reports syntax errors only, and skips non-TypeScript files', () => {
    expect(transpileErrors('a.ts', 'const x: number = "types are not checked";')).toEqual([]);
    expect(transpileErrors('a.ts', 'const x = ;')).toEqual([{ file: 'a.ts', line: 1, column: 11, message: 'Expression expected.' }]);
    expect(transpileErrors('a.yaml', 'const x = ;')).toEqual([]);
  });
});

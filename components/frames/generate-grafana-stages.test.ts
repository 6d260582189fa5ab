import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without types
import { cutIntoStages, evaluationOrder, filesKept, namesImportedFrom, writeGrafanaStages } from './generate-grafana-stages.mjs';

type Module = { file: string; bytes: number };

function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stages-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('evaluationOrder', () => {
  it('lists each file after the files it imports, once, in import order, following only relative static imports', () => {
    const root = writeTree({
      'dist/esm/index.mjs': "import './a.mjs';\nexport { b } from './b.mjs';\nimport 'lodash';\nconst lazy = () => import('./lazy.mjs');\n",
      'dist/esm/a.mjs': "import { c } from './sub/c.mjs';\nexport const a = c;\n",
      'dist/esm/b.mjs': "import { a } from './a.mjs';\nimport { c } from './sub/c.mjs';\nexport const b = a + c;\n",
      'dist/esm/sub/c.mjs': 'export const c = 1;\n',
      'dist/esm/lazy.mjs': 'export const lazy = 1;\n',
    });
    const order = (evaluationOrder(root) as Module[]).map(({ file }) => file.slice(root.length + 1));
    expect(order).toEqual(['dist/esm/sub/c.mjs', 'dist/esm/a.mjs', 'dist/esm/b.mjs', 'dist/esm/index.mjs']);
  });

  it('ends a cycle where ES modules do: the file first reached is evaluated after the rest of the cycle', () => {
    const root = writeTree({
      'dist/esm/index.mjs': "import './x.mjs';\n",
      'dist/esm/x.mjs': "import './y.mjs';\n",
      'dist/esm/y.mjs': "import './x.mjs';\n",
    });
    const order = (evaluationOrder(root) as Module[]).map(({ file }) => file.slice(root.length + 1));
    expect(order).toEqual(['dist/esm/y.mjs', 'dist/esm/x.mjs', 'dist/esm/index.mjs']);
  });
});

describe('cutIntoStages', () => {
  const modules = (...sizes: number[]): Module[] => sizes.map((bytes, i) => ({ file: `m${i}`, bytes }));

  it('keeps the order and cuts before a module that would take a stage over the limit', () => {
    const stages = cutIntoStages(modules(3, 4, 2, 6, 1), 8) as Module[][];
    expect(stages.map((stage) => stage.map(({ file }) => file))).toEqual([['m0', 'm1'], ['m2', 'm3'], ['m4']]);
  });

  it('gives a module bigger than the limit a stage of its own, and no empty stage', () => {
    const stages = cutIntoStages(modules(20, 1, 30), 8) as Module[][];
    expect(stages.map((stage) => stage.map(({ file }) => file))).toEqual([['m0'], ['m1'], ['m2']]);
    expect(cutIntoStages([], 8)).toEqual([]);
  });
});

describe('namesImportedFrom', () => {
  it('reads the value names imported from a package, skipping type-only imports and aliases', () => {
    const root = writeTree({
      'a/view.tsx': "import { Table, type TableProps, PanelChrome as Chrome } from '@grafana/ui';\nimport type { Theme } from '@grafana/ui';\n",
      'a/deep/b.ts': "import {\n  createTheme,\n  FieldType,\n} from '@grafana/data';\nimport { Input } from \"@grafana/ui\";\n",
      'a/generated/skip.ts': "import { Skipped } from '@grafana/ui';\n",
      'a/notes.md': "import { NotCode } from '@grafana/ui';\n",
      'a/view.test.tsx': "import { OnlyInTests } from '@grafana/ui';\n",
    });
    expect(namesImportedFrom('@grafana/ui', [join(root, 'a')])).toEqual(['Input', 'PanelChrome', 'Table']);
    expect(namesImportedFrom('@grafana/data', [join(root, 'a')])).toEqual(['FieldType', 'createTheme']);
  });
});

describe('filesKept', () => {
  it('keeps the files the names need, drops the rest, and takes a name the package lacks (a type imported as a value) in its stride', async () => {
    const kept = (await filesKept(['@grafana/data'], () => ['FieldType', 'DataFrame'])) as Set<string>;
    const data = (evaluationOrder(resolve('node_modules/@grafana/data')) as Module[]).map(({ file }) => file);
    expect([...kept].some((file) => file.endsWith('/types/dataFrame.mjs'))).toBe(true); // FieldType
    expect([...kept].some((file) => file.endsWith('/field/fieldOverrides.mjs'))).toBe(false);
    expect(kept.size).toBeLessThan(data.length / 4);
  }, 60_000);
});

describe('the stages written for the installed @grafana/data', () => {
  let required: string[][];
  let bodies: string[];

  beforeAll(async () => {
    await writeGrafanaStages();
    const source = readFileSync('components/frames/generated/stages.ts', 'utf8');
    // One array entry per stage: `() => { require('…'); … },`
    bodies = [...source.matchAll(/\(\) => \{([^}]*)\}/g)].map(([, body]) => body);
    // The modules a stage evaluates: `require('…');` (a warm-up's `require('…').call()` is not one).
    required = bodies.map((body) => [...body.matchAll(/require\('([^']+)'\);/g)].map(([, path]) => path));
  }, 60_000);

  it('requires each file once, files that exist, and ends with React’s server renderer', () => {
    const files = required.flat().filter((path) => path.startsWith('.'));
    expect(files.length).toBeGreaterThan(20);
    expect(new Set(files).size).toBe(files.length);
    for (const path of files) expect(() => readFileSync(resolve('components/frames/generated', path))).not.toThrow();
    expect(required.at(-1)).toEqual(['react-dom/server']);
  });

  it('puts every file after the staged files it imports, so a stage evaluates only its own run', () => {
    const stageOf = new Map<string, number>();
    required.forEach((paths, stage) => paths.forEach((path) => stageOf.set(resolve('components/frames/generated', path), stage)));
    for (const [file, stage] of stageOf) {
      if (!file.endsWith('.mjs')) continue;
      // Read by another parser than the generator's (TypeScript's import scanner: static imports and re-exports).
      for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, false).importedFiles) {
        if (!specifier.startsWith('.')) continue;
        const dependency = stageOf.get(resolve(dirname(file), specifier));
        if (dependency !== undefined) expect(dependency, `${file} imports ${specifier}`).toBeLessThanOrEqual(stage);
      }
    }
  });

  it('runs the first-use warm-ups (value formats, browser time zone) each in a stage of its own, after the stage that evaluates its module', () => {
    const warmUps = bodies.flatMap((body, stage) => [...body.matchAll(/warmUp\(\(\) => require\('([^']+)'\)\.(\w+)\(\)\);/g)].map(([, path, call]) => ({ path, call, stage })));
    expect(warmUps.map(({ call }) => call)).toEqual(['getValueFormatterIndex', 'guessBrowserTimeZone']);
    for (const { path, stage } of warmUps) {
      const module = required.findIndex((paths) => paths.includes(path));
      expect(module, path).toBeGreaterThanOrEqual(0);
      expect(stage).toBeGreaterThan(module);
      expect(required[stage]).toEqual([]);
    }
  });

  it('keeps only what the app uses: fewer files than the package has, and the ones the frames code needs', () => {
    const all = (evaluationOrder(resolve('node_modules/@grafana/data')) as Module[]).length;
    const files = required.flat().filter((path) => path.startsWith('.'));
    expect(files.length).toBeLessThan(all);
    expect(files.some((path) => path.endsWith('/field/fieldOverrides.mjs'))).toBe(true); // applyFieldOverrides, frames-panel.tsx
  });
});

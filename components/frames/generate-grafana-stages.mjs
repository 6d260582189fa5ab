// Writes components/frames/generated/stages.ts: @grafana/data's modules cut into stages that
// the page evaluates one task at a time, then React's server renderer (grafana-stages.ts says
// why; docs/decisions/0010-grafana-data-in-stages.md why not @grafana/ui). Run by
// scripts/build-assets.mjs before `next dev`, `next build` and the unit tests.
//
// The modules are listed in the order an ES module graph evaluates them (depth first from
// dist/esm/index.mjs, each module after the modules it imports; esbuild's metafile gives each
// file's imports in source order, so one tool gives both the graph and what is kept), only those the app's
// bundle keeps, then cut into runs of about STAGE_BYTES of source. Stage n requires every
// module of its run, so with stages 1..n-1 evaluated it evaluates exactly its own run plus
// the packages (lodash, moment, zod, …) first imported there. Stages require the package's
// files by path: its `exports` map allows only the index, and a file reached by path is the
// same module the index reaches (the bundler keys a module by its file), so nothing loads twice.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build, buildSync } from 'esbuild';

const OUT = 'components/frames/generated';
/** Where the app's own modules live: what they import from the packages decides which modules are bundled. */
const APP_DIRS = ['app', 'components', 'lib'];
/**
 * Work @grafana/data does on first use, not when its modules load, run as stages of their own
 * after the modules: `{ file (under dist/esm), call (a function it exports, called with no argument) }`.
 * Both are cached by the library and were in the task of the Panel's first render, measured
 * in a CPU profile of the first Run after a cold open (2-core machine, profiler on):
 * - the value-format registry, built by the first `getValueFormat` (applyFieldOverrides):
 *   every unit's name goes through @grafana/i18n's `t()`, which on its first call also
 *   initializes i18next with no resources (the app has no translations), ~90 ms;
 * - the browser's time zone, which @grafana/ui's time axis asks moment-timezone to guess
 *   (`tz.guess()` tries the zones it knows against the browser's offsets once), ~75 ms.
 */
const WARM_UPS = [
  { file: 'valueFormats/valueFormats.mjs', call: 'getValueFormatterIndex' },
  { file: 'datetime/moment_wrapper.mjs', call: 'guessBrowserTimeZone' },
];
/** Source bytes per stage: a few ms to a few tens of ms of evaluation on the 2-core machines here (a module bigger than this is a stage alone). */
const STAGE_BYTES = 8_000;

/**
 * The package's dist/esm files in evaluation order: `[{ file (absolute), bytes }]`. Only
 * static imports (`import`, `export … from`) of the package's own files are followed; other
 * packages and `import()` are not listed. The graph is esbuild's metafile of a bundle of
 * dist/esm/index.mjs (each input's `imports` in source order). Throws when esbuild cannot
 * parse or resolve a file.
 */
export function evaluationOrder(packageDir) {
  const { metafile } = buildSync({
    entryPoints: ['dist/esm/index.mjs'],
    absWorkingDir: resolve(packageDir),
    bundle: true,
    write: false,
    outfile: 'order.js', // names the metafile's output; nothing is written
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const seen = new Set();
  const order = [];
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const { path: imported, kind, external } of metafile.inputs[path].imports) {
      if (kind === 'import-statement' && !external) visit(imported);
    }
    order.push({ file: resolve(packageDir, path), bytes: metafile.inputs[path].bytes });
  };
  visit('dist/esm/index.mjs');
  return order;
}

/** Cuts `order` into consecutive runs of at most `maxBytes` (a bigger module is a run alone). */
export function cutIntoStages(order, maxBytes) {
  const stages = [];
  let current = [];
  let bytes = 0;
  for (const module of order) {
    if (current.length > 0 && bytes + module.bytes > maxBytes) {
      stages.push(current);
      current = [];
      bytes = 0;
    }
    current.push(module);
    bytes += module.bytes;
  }
  if (current.length > 0) stages.push(current);
  return stages;
}

/**
 * The names the app's modules import, as values, from `specifier`: `import { A, type B, C as D }`
 * gives A and C; `import type { … }` nothing. Read from the source text of APP_DIRS' .ts/.tsx
 * files, tests and generated/ folders left out.
 */
export function namesImportedFrom(specifier, dirs = APP_DIRS) {
  const names = new Set();
  const pattern = new RegExp(`import\\s*(type\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]${specifier}['"]`, 'g');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated') walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const [, typeOnly, list] of readFileSync(path, 'utf8').matchAll(pattern)) {
          if (typeOnly) continue;
          for (const item of list.split(',').map((part) => part.trim())) {
            if (item && !item.startsWith('type ')) names.add(item.split(/\s+as\s+/)[0]);
          }
        }
      }
    }
  };
  dirs.forEach(walk);
  return [...names].sort();
}

/**
 * The files of `packages` that a bundle of the app's imports from them (`namesOf(package)`) keeps (absolute paths):
 * esbuild, like the app's bundler, drops the modules of a `sideEffects: false` package that
 * nothing uses (without this, stages requiring all 227 of @grafana/data's files, 102 of them
 * kept today, made the lazy chunks 70 KB gzip bigger). Other packages are left outside the
 * bundle. Rejects when esbuild cannot build (a package that is not installed).
 */
export async function filesKept(packages, namesOf = namesImportedFrom) {
  // Read through a namespace: a name the package does not export (a type imported without
  // `type`) is then an esbuild warning, not an error.
  const contents = packages
    .map((name, i) => `import * as p${i} from '${name}';\nexport const used${i} = [${namesOf(name).map((used) => `p${i}.${used}`).join(', ')}];`)
    .join('\n');
  const { metafile } = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    outfile: 'kept.js', // names the metafile's output; nothing is written
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'only-these-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (packages.includes(args.path) ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  // `inputs` lists every file read; the output's inputs with bytes in it are the ones kept.
  const [output] = Object.values(metafile.outputs);
  return new Set(
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([path]) => resolve(path)),
  );
}

/**
 * Writes components/frames/generated/stages.ts: `GENERATED_STAGES`, one function per stage
 * that `require`s its run's modules, then one per WARM_UPS entry whose file is kept, then
 * React's server renderer. A `require` in a function evaluates when called, and
 * the bundler still puts every required module in the chunks of the one dynamic import
 * that loads stages.ts (an `import()` per stage made a chunk group per stage, and the
 * bundler copied shared modules into each: 3.5 MB of JavaScript instead of 0.8). Returns
 * the number of stages.
 */
export async function writeGrafanaStages() {
  const require = createRequire(import.meta.url);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const stages = [];
  const stagesOf = (order) => {
    for (const run of cutIntoStages(order, STAGE_BYTES)) {
      const paths = run.map(({ file }) => relative(OUT, file).split('\\').join('/'));
      stages.push(`  () => {\n${paths.map((path) => `    require('${path}');`).join('\n')}\n  },`);
    }
  };
  // Of @grafana/data, the modules the app's imports from it and from @grafana/ui reach.
  const kept = await filesKept(['@grafana/data', '@grafana/ui']);
  const dataDir = dirname(require.resolve('@grafana/data/package.json'));
  stagesOf(evaluationOrder(dataDir).filter(({ file }) => kept.has(file)));
  for (const { file, call } of WARM_UPS) {
    const path = join(dataDir, 'dist/esm', file);
    if (kept.has(path)) stages.push(`  () => {\n    warmUp(() => require('${relative(OUT, path).split('\\').join('/')}').${call}());\n  },`);
  }
  // React's server renderer, which @grafana/ui's Text imports for its tooltips.
  stages.push(`  () => {\n    require('react-dom/server');\n  },`);
  writeFileSync(
    join(OUT, 'stages.ts'),
    `// @ts-nocheck -- generated by components/frames/generate-grafana-stages.mjs (the packages' files have no types beside them). Do not edit.\n` +
      `/* eslint-disable */\n` +
      `/** A warm-up only saves the view work: if it throws, the view meets the same error itself, where it is shown. */\n` +
      `const warmUp = (run: () => unknown): void => {\n  try {\n    run();\n  } catch {\n    // left to the view\n  }\n};\n\n` +
      `/** @grafana/data's modules in evaluation order, its first-use work, then React's server renderer: calling a stage evaluates its part. */\n` +
      `export const GENERATED_STAGES: readonly (() => void)[] = [\n${stages.join('\n')}\n];\n`,
  );
  return stages.length;
}

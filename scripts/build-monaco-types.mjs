#!/usr/bin/env node
/**
 * Bundles the type declarations the lab editor needs into `public/monaco/types.json`,
 * so Monaco's TypeScript worker can offer completions and errors for the three
 * modules learner code may import, with no network:
 *
 *   - `@grafana/data`  (its own .d.ts files, plus the parts of `@grafana/schema` it uses)
 *   - `zod`            (zod 4's ESM .d.ts files)
 *   - `@lab/sdk`       (declarations generated from lib/sdk/index.ts)
 *
 * Output: `{ files: [{ path: 'file:///node_modules/<pkg>/…', content }] }`. The editor
 * passes each entry to `typescriptDefaults.addExtraLib(content, path)`.
 *
 * Monaco's worker resolves bare imports the "node10" way (TypeScript 5.9,
 * `moduleResolution: NodeJs`): it reads `node_modules/<pkg>/package.json#types` and
 * ignores `exports`. So each package gets a small synthetic package.json whose `types`
 * points at a file we include, and we walk relative imports from there to include only
 * the declarations that are reachable. Anything else a declaration imports (react,
 * rxjs, moment, ...) stays unresolved and is typed `any` in the editor: learners never
 * import those, and bundling them would multiply the download.
 *
 * Usage (repo root): node scripts/build-monaco-types.mjs
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'node_modules');
const OUT_FILE = join(ROOT, 'public', 'monaco', 'types.json');
const SDK_ENTRY = join(ROOT, 'lib', 'sdk', 'index.ts');
const URI_ROOT = 'file:///node_modules/';

/**
 * Packages copied from node_modules. `entry` is the declaration file the synthetic
 * package.json points at (relative to the package folder). `follow` lists the bare
 * imports whose targets are bundled too: they resolve to another entry here.
 */
const PACKAGES = [
  { name: '@grafana/data', entry: 'dist/types/index.d.ts' },
  { name: '@grafana/schema', entry: 'dist/types/index.d.ts' },
  // zod's `types` points at index.d.cts (CommonJS flavour, `.cjs` specifiers inside);
  // the ESM twin index.d.ts uses `.js` specifiers, which node10 resolution maps to .d.ts.
  { name: 'zod', entry: 'index.d.ts' },
];

/** Relative specifier → candidate files, in the order TypeScript's node10 resolution tries. */
function candidates(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(c|m)?js$/, '');
  return [`${stem}.d.ts`, `${stem}.ts`, join(base, 'index.d.ts'), base];
}

function isFile(path) {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Every module a declaration file points at: import/export `from`, `import("…")` types,
 * `import x = require("…")` and `/// <reference path>`. (`ts.preProcessFile` misses
 * `export * as ns from`, which both @grafana/data and zod use.)
 */
function moduleSpecifiers(fileName, text) {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found = sourceFile.referencedFiles.map((r) => r.fileName);
  const visit = (node) => {
    let spec;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      spec = node.moduleSpecifier;
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      spec = node.argument.literal;
    } else if (ts.isExternalModuleReference(node)) {
      spec = node.expression;
    }
    if (spec && ts.isStringLiteral(spec)) found.push(spec.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * Collects the declaration files reachable from `entry` through relative imports,
 * `/// <reference path>` and `import("…")` types. Returns the files and the bare
 * specifiers they import (for the summary).
 */
function collectReachable(entry) {
  const files = new Map();
  const bare = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (files.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const spec of moduleSpecifiers(file, text)) {
      if (!spec.startsWith('.')) {
        bare.add(spec);
        continue;
      }
      const target = candidates(file, spec).find(isFile);
      if (!target) {
        throw new Error(
          `build-monaco-types: ${relative(ROOT, file)} imports "${spec}", which matches no file. ` +
            'Check that node_modules is installed and the package layout has not changed.',
        );
      }
      if (target.endsWith('.d.ts')) queue.push(target);
    }
  }
  return { files, bare };
}

function packageFiles({ name, entry }) {
  const pkgDir = join(NODE_MODULES, ...name.split('/'));
  const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const entryFile = join(pkgDir, entry);
  if (!isFile(entryFile)) {
    throw new Error(`build-monaco-types: ${name}@${pkgJson.version} has no ${entry}. Was the package upgraded?`);
  }
  const { files, bare } = collectReachable(entryFile);
  const out = [
    {
      path: `${URI_ROOT}${name}/package.json`,
      content: JSON.stringify({ name, version: pkgJson.version, types: entry }),
    },
  ];
  for (const [file, text] of files) {
    const rel = relative(pkgDir, file).split(sep).join('/');
    out.push({ path: `${URI_ROOT}${name}/${rel}`, content: stripSourceMap(text) });
  }
  return { out, bare };
}

function stripSourceMap(text) {
  return text.replace(/^\/\/# sourceMappingURL=.*$/m, '').trimEnd() + '\n';
}

/** Emits lib/sdk's declarations in memory and maps them under node_modules/@lab/sdk. */
function sdkFiles() {
  const sdkDir = dirname(SDK_ENTRY);
  const program = ts.createProgram([SDK_ENTRY], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: [],
    noEmitOnError: true,
  });
  const emitted = [];
  const result = program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith('.d.ts')) emitted.push({ fileName: resolve(fileName), text });
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0 || result.emitSkipped) {
    const message = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => '\n',
    });
    throw new Error(`build-monaco-types: lib/sdk does not compile, so its declarations were not generated:\n${message}`);
  }
  const out = [
    {
      path: `${URI_ROOT}@lab/sdk/package.json`,
      content: JSON.stringify({ name: '@lab/sdk', version: '0.0.0', types: 'index.d.ts' }),
    },
  ];
  for (const { fileName, text } of emitted) {
    const rel = relative(sdkDir, fileName).split(sep).join('/');
    if (rel.startsWith('..')) {
      throw new Error(
        `build-monaco-types: lib/sdk imports ${relative(ROOT, fileName)}, outside lib/sdk. ` +
          'Learner code sees @lab/sdk as one package; keep everything it exports inside lib/sdk.',
      );
    }
    out.push({ path: `${URI_ROOT}@lab/sdk/${rel}`, content: text });
  }
  if (!out.some((f) => f.path.endsWith('@lab/sdk/index.d.ts'))) {
    throw new Error('build-monaco-types: emitting lib/sdk produced no index.d.ts.');
  }
  return out;
}

/**
 * Every declaration file the editor gets, as `{ path: 'file:///node_modules/…', content }`,
 * in path order. Also the type environment the lab conformance test checks solutions
 * in (lib/labs/type-check.ts), so both see the same declarations.
 */
export function editorTypeFiles() {
  const files = [];
  const unresolved = new Set();
  const bundled = new Set(PACKAGES.map((p) => p.name));
  for (const pkg of PACKAGES) {
    const { out, bare } = packageFiles(pkg);
    files.push(...out);
    for (const spec of bare) {
      const pkgName = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!bundled.has(spec) && pkgName !== pkg.name) unresolved.add(spec);
    }
  }
  files.push(...sdkFiles());
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, unresolved };
}

function main() {
  const { files, unresolved } = editorTypeFiles();
  const json = JSON.stringify({ files });
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, json);

  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const bytes = Buffer.byteLength(json);
  console.log(
    `build-monaco-types: wrote ${relative(ROOT, OUT_FILE)}: ${files.length} files, ${kb(bytes)} ` +
      `(${kb(gzipSync(json).length)} gzipped); left as any: ${[...unresolved].sort().join(', ') || 'none'}`,
  );
}

// Run as a script (build-assets.mjs does); importing it only gets editorTypeFiles().
if (import.meta.url === `file://${process.argv[1]}`) main();

/**
 * Type-checks a lab's files in memory, in the editor's type environment: the same
 * declarations Monaco gets (scripts/build-monaco-types.mjs → public/monaco/types.json:
 * @grafana/data, zod, and @lab/sdk from lib/sdk) and the same compiler options
 * (components/editor/monaco-setup.ts), so "the solution type-checks" means a learner who
 * typed it would see no red squiggles. Node only (tests and build scripts).
 *
 * Only TypeScript files are checked (`.ts`, `.tsx`); YAML, Markdown and the like are
 * skipped, so any lab kind can be passed in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ts from 'typescript';

/** A declaration file as in public/monaco/types.json: `file:///node_modules/<pkg>/…`. */
export interface TypeFile {
  path: string;
  content: string;
}

/** One type error in a lab file. `line` and `column` count from 1. */
export interface LabTypeError {
  file: string;
  line: number;
  column: number;
  message: string;
}

const LAB_ROOT = '/lab/';
const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));

/**
 * As the editor sets them. The editor resolves packages the node10 way; Bundler reads the
 * same package.json#types of the bundled declarations and is not deprecated in TS 6.
 */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/** True for the files this checker looks at. */
export const isTypeScript = (path: string) => /\.tsx?$/.test(path) && !path.endsWith('.d.ts');

// Declarations and TypeScript's own lib files parse once per process: they are the
// same for every lab, and parsing @grafana/data's is most of the cost.
const shared = new Map<string, ts.SourceFile>();

/** Type errors in the TypeScript files of `files` (path → text), in file and line order. */
export function typeCheckFiles(files: Readonly<Record<string, string>>, types: readonly TypeFile[]): LabTypeError[] {
  const virtual = new Map<string, string>();
  for (const t of types) virtual.set(t.path.replace(/^file:\/\//, ''), t.content);
  const roots: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!isTypeScript(path)) continue;
    virtual.set(LAB_ROOT + path, text);
    roots.push(LAB_ROOT + path);
  }
  const readFile = (name: string) => virtual.get(name) ?? (name.startsWith(LIB_DIR) && existsSync(name) ? readFileSync(name, 'utf8') : undefined);
  const host: ts.CompilerHost = {
    getSourceFile(name, languageVersion) {
      const text = readFile(name);
      if (text === undefined) return undefined;
      if (name.startsWith(LAB_ROOT)) return ts.createSourceFile(name, text, languageVersion, true);
      const key = `${name}\0${text.length}`;
      let file = shared.get(key);
      if (!file) shared.set(key, (file = ts.createSourceFile(name, text, languageVersion, true)));
      return file;
    },
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    writeFile: () => {},
    getCurrentDirectory: () => LAB_ROOT,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => readFile(name) !== undefined,
    readFile,
    directoryExists: (dir) => dir.startsWith(LIB_DIR) || [...virtual.keys()].some((k) => k.startsWith(dir.endsWith('/') ? dir : `${dir}/`)),
    getDirectories: () => [],
  };
  const program = ts.createProgram(roots, OPTIONS, host);
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...roots.flatMap((r) => {
    const source = program.getSourceFile(r)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  })];
  return diagnostics.map(toLabError).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Syntax errors of one TypeScript file, for variants (`wrong/`, `mutants/`) that need only transpile. */
export function transpileErrors(path: string, text: string): LabTypeError[] {
  if (!isTypeScript(path)) return [];
  const result = ts.transpileModule(text, { fileName: LAB_ROOT + path, reportDiagnostics: true, compilerOptions: { ...OPTIONS, isolatedModules: true } });
  return (result.diagnostics ?? []).map(toLabError);
}

function toLabError(d: ts.Diagnostic): LabTypeError {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return { file: '(compiler options)', line: 0, column: 0, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: d.file.fileName.replace(LAB_ROOT, ''), line: line + 1, column: character + 1, message };
}

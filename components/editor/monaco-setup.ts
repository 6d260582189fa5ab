/**
 * Loads Monaco from our own bundle (never a CDN), wires its web workers, configures
 * the TypeScript service for lab code and feeds it the bundled type declarations.
 *
 * Browser only: import it from client components, and only call it in effects.
 * Everything here runs once per page; later calls reuse the first result.
 */
import type * as MonacoApi from 'monaco-editor';

export type Monaco = typeof MonacoApi;

/** Every lab file's model lives under this URI, so `./query` resolves between them. */
export const LAB_URI_ROOT = 'file:///lab/';

/** Declarations written by scripts/build-monaco-types.mjs, fetched from the site root. */
export const TYPES_URL = '/monaco/types.json';

/** Monaco theme id: vs-dark on Grafana's dark canvas colours (see app/globals.css). */
export const EDITOR_THEME = 'grafana-dark';

/** What `loadEditorEnvironment` resolves to. */
export interface EditorEnvironment {
  monaco: Monaco;
  /** Why the type declarations could not be loaded, or null when they were. Editing still works without them. */
  typesError: string | null;
}

export function labUri(monaco: Monaco, path: string): MonacoApi.Uri {
  return monaco.Uri.parse(LAB_URI_ROOT + path.replace(/^\.?\//, ''));
}

let environment: Promise<EditorEnvironment> | null = null;

/**
 * Downloads Monaco and the type declarations in parallel, then configures both.
 * A failed load is forgotten, so calling again retries.
 */
export function loadEditorEnvironment(): Promise<EditorEnvironment> {
  if (typeof window === 'undefined') {
    return Promise.reject(new Error('The code editor only runs in a browser.'));
  }
  environment ??= (async () => {
    installWorkers();
    const [monaco, types] = await Promise.all([import('monaco-editor'), fetchTypes().then(ok, fail)]);
    configureTypeScript(monaco);
    defineTheme(monaco);
    const typesError = types.error;
    if (types.files) {
      for (const file of types.files) monaco.typescript.typescriptDefaults.addExtraLib(file.content, file.path);
    }
    if (typesError) console.warn(`Code editor: ${typesError}`);
    return { monaco, typesError };
  })().catch((error: unknown) => {
    environment = null;
    throw error;
  });
  return environment;
}

interface TypesFile {
  path: string;
  content: string;
}

const ok = (files: TypesFile[]) => ({ files, error: null });
const fail = (error: unknown) => ({
  files: null,
  error:
    `type information for @grafana/data, zod and @lab/sdk did not load (${error instanceof Error ? error.message : String(error)}), ` +
    'so imports from them show as errors. Reload the page to try again.',
});

async function fetchTypes(): Promise<TypesFile[]> {
  const response = await fetch(TYPES_URL);
  if (!response.ok) throw new Error(`${TYPES_URL} answered ${response.status}`);
  const body = (await response.json()) as { files?: unknown };
  if (!Array.isArray(body.files)) throw new Error(`${TYPES_URL} has no "files" array`);
  return body.files as TypesFile[];
}

/**
 * Module workers, one per service, bundled by Next from monaco-editor's own worker
 * entry points (its package `exports` map `monaco-editor/*` to `esm/vs/*.js`).
 * `new Worker(new URL(..., import.meta.url))` is the form the bundler recognises and
 * rewrites to a hashed file of our build; no URL is ever computed at run time.
 */
function installWorkers(): void {
  if (globalThis.MonacoEnvironment?.getWorker) return;
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      switch (label) {
        case 'typescript':
        case 'javascript':
          return new Worker(new URL('monaco-editor/language/typescript/ts.worker.js', import.meta.url), {
            type: 'module',
            name: 'monaco-typescript',
          });
        case 'json':
          // Small and only started when a JSON file is open: gives JSON syntax errors.
          return new Worker(new URL('monaco-editor/language/json/json.worker.js', import.meta.url), {
            type: 'module',
            name: 'monaco-json',
          });
        default:
          return new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), {
            type: 'module',
            name: 'monaco-editor',
          });
      }
    },
  };
}

function configureTypeScript(monaco: Monaco): void {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    // Monaco's enum stops at ES2020; 9 is TypeScript's ScriptTarget.ES2022.
    target: 9 as MonacoApi.typescript.ScriptTarget,
    module: ts.ModuleKind.ESNext,
    // The worker's TypeScript resolves packages from package.json#types, which is
    // how scripts/build-monaco-types.mjs lays out its declarations.
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    strict: true,
    esModuleInterop: true,
    allowNonTsExtensions: true,
    // `lib` stays unset on purpose: setting it gave false errors in a prototype, and the
    // default for ES2022 (lib.es2022.full: ES2022 + DOM) matches what lab code can use.
  });
  ts.typescriptDefaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
    // Check a file when it is shown, not all files all the time. This also rechecks a
    // file each time its tab is opened, which picks up edits made to the files it imports.
    onlyVisible: true,
  });
  ts.typescriptDefaults.setEagerModelSync(true);
}

function defineTheme(monaco: Monaco): void {
  monaco.editor.defineTheme(EDITOR_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#111217',
      'editorGutter.background': '#111217',
      // #8e96a3 on #111217 is 6:1, above WCAG AA for small text (Monaco's default grey is not).
      'editorLineNumber.foreground': '#8e96a3',
      'editorLineNumber.activeForeground': '#ccccdc',
      // Monaco dims the number of the empty line after a final newline; keep it at 6:1 too.
      'editorLineNumber.dimmedForeground': '#8e96a3',
      'editorWidget.background': '#181b1f',
      'editorWidget.border': '#2f3237',
      focusBorder: '#6e9fff',
    },
  });
}

/**
 * Makes the TypeScript worker hold every lab file, so relative imports resolve no
 * matter which file is checked first. Call after creating models and before showing
 * one: requests to the worker are served in order, so the sync lands before the
 * first check of the shown file. Safe to call repeatedly.
 */
export async function syncTypeScriptModels(monaco: Monaco, uris: MonacoApi.Uri[]): Promise<void> {
  if (uris.length === 0) return;
  // The TypeScript mode registers itself asynchronously the first time a TypeScript
  // model exists; until then getTypeScriptWorker rejects with "TypeScript not registered!".
  for (let attempt = 0; ; attempt++) {
    try {
      const getWorker = await monaco.typescript.getTypeScriptWorker();
      void getWorker(...uris).catch(() => undefined);
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

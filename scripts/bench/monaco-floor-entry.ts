/**
 * The cold-open floor's page: Monaco and nothing else. It loads `monaco-editor` as the
 * app does (the whole package: every language's registration, the TypeScript service
 * and its worker, the CSS and the codicon font, from our own origin), creates one
 * editor with a small TypeScript model, and stops. The bench times navigation ->
 * `.monaco-editor .view-lines` visible on it with an empty cache, as it times the lab
 * page, so "cold open -> editor ready" can be read against the part of it no app code
 * can shorten. Bundled by scripts/bench/floor-pages.mjs.
 */
import * as monaco from 'monaco-editor';

// The same worker split as components/editor/monaco-setup.ts, from our own bundles.
globalThis.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    const file = label === 'typescript' || label === 'javascript' ? 'ts.worker.js' : 'editor.worker.js';
    return new Worker(`/__bench/floors/${file}`, { type: 'module', name: `monaco-${label}` });
  },
};

const SOURCE = `import type { QueryDataRequest } from '@lab/sdk';

export function describe(req: QueryDataRequest): string {
  return req.queries.map((q) => q.refId).join(', ');
}
`;

const host = document.getElementById('editor')!;
const model = monaco.editor.createModel(SOURCE, 'typescript', monaco.Uri.parse('file:///lab/query.ts'));
monaco.editor.create(host, { model, theme: 'vs-dark', automaticLayout: true, minimap: { enabled: false } });

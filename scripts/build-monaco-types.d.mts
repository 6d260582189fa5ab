// Types for scripts/build-monaco-types.mjs.

/** One declaration file for the editor: `path` is a `file:///node_modules/<pkg>/…` URI. */
export interface EditorTypeFile {
  path: string;
  content: string;
}

/** The editor's declarations (@grafana/data, @grafana/schema, zod, @lab/sdk) and the bare imports left as `any`. */
export function editorTypeFiles(): { files: EditorTypeFile[]; unresolved: Set<string> };

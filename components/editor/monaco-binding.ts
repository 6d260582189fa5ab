/**
 * Monaco for @monaco-editor/react, the React binding every editor of the app goes
 * through (the lab editor, the solution comparison, the mentor's review). The binding
 * would fetch Monaco from a CDN by default; `loader.config({ monaco })` hands it the
 * instance from our own build instead, after monaco-setup.ts has installed the workers,
 * the type declarations and the theme. Nothing here runs until an editor is rendered.
 */
import { loader } from '@monaco-editor/react';
import { loadEditorEnvironment, type EditorEnvironment } from './monaco-setup';

let configured: Promise<EditorEnvironment> | null = null;

/**
 * Resolves once the binding's loader serves our Monaco. A failed load is forgotten, so
 * calling again retries (as loadEditorEnvironment does).
 */
export function loadMonacoForBinding(): Promise<EditorEnvironment> {
  configured ??= loadEditorEnvironment().then((environment) => {
    loader.config({ monaco: environment.monaco });
    return environment;
  });
  configured.catch(() => (configured = null));
  return configured;
}

'use client';

/**
 * The code editor, loaded only in the browser and only when rendered: the static
 * export never prerenders Monaco, and pages without an editor never download it.
 * Until it is ready, the same frame shows the code as read-only text (the page's HTML
 * carries it: see code-preview.tsx), so a learner reads the code at once.
 * Use this rather than importing code-editor.tsx directly.
 */
import { useEffect, useId, useState, type ComponentType } from 'react';
import { DEFAULT_EDITOR_HEIGHT, type CodeEditorProps } from './editor-types';
import { CodePreview } from './code-preview';
import { EditorFrame } from './editor-frame';

export type { CodeEditorProps, EditorFile, EditorLanguage, EditorLineHighlight, EditorMarker, EditorPreview, EditorRevealRequest } from './editor-types';

type Editor = ComponentType<CodeEditorProps>;

/** The editor component, once its chunk has loaded (shared by every editor of the page). */
let loadedEditor: Editor | null = null;
let loadingEditor: Promise<Editor> | null = null;

/** Loads the editor's own chunk (Monaco comes through preloadCodeEditor); a failed load is tried again on the next call. */
function loadEditor(): Promise<Editor> {
  loadingEditor ??= import('./code-editor').then(
    (m) => (loadedEditor = m.CodeEditor),
    (error: unknown) => {
      loadingEditor = null;
      throw error;
    },
  );
  return loadingEditor;
}

let preloading: Promise<void> | null = null;

/**
 * Starts downloading the editor: Monaco (megabytes) with its type declarations, and the
 * editor's own chunk, side by side. Resolves once Monaco is loaded and set up, or has
 * failed to (the editor reports that itself, and asks again). Browser only; once per page.
 * A page that always shows an editor calls it when its module is evaluated, before
 * hydration; work that would compete with Monaco's parse for the CPU can wait for it.
 */
export function preloadCodeEditor(): Promise<void> {
  preloading ??= Promise.all([
    import('./monaco-binding').then((m) => m.loadMonacoForBinding()),
    loadEditor(),
    // Monaco loads its TypeScript support when the first TypeScript model is made, and the
    // editor shows a file only once that support has the lab's files: fetched here, it is
    // ready when the models are (a cold open's marks: 50–100 ms between the two before).
    import('monaco-editor/languages/features/typescript/tsMode.js'),
  ]).then(
    () => undefined,
    () => undefined,
  );
  return preloading;
}

export function LazyCodeEditor(props: CodeEditorProps) {
  // Rendered on the server and in the first client render as the preview; the editor's
  // chunk is asked for only once the page runs in a browser. The editor is rendered once
  // its chunk has loaded, not through React.lazy and Suspense: a boundary that suspends
  // keeps its fallback for React's reveal throttle (300 ms) after the chunk comes, which
  // a cold open's trace showed delaying the editor by that much.
  const [editor, setEditor] = useState<{ component: Editor | null; error?: string }>({ component: null });
  useEffect(() => {
    let live = true;
    // Monaco (megabytes) and its type declarations download beside the editor's own
    // chunk, not after it: one round trip and one parse less before the editor shows.
    void preloadCodeEditor();
    if (loadedEditor) setEditor({ component: loadedEditor });
    else {
      loadEditor().then(
        (component) => live && setEditor({ component }),
        (error: unknown) => live && setEditor({ component: null, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    return () => {
      live = false;
    };
  }, []);
  const Loaded = editor.component;
  if (Loaded) return <Loaded {...props} />;
  return <CodeShell {...props} status={editor.error ? `The editor could not load (${editor.error}). Reload the page to try again.` : 'Loading editor…'} />;
}

/**
 * The editor's frame with the code as read-only text: while the editor's code downloads,
 * and before that while a page reads the learner's saved work (nothing can be typed
 * yet, so nothing typed can be lost). `status` says which.
 */
export function CodeShell({ files, activePath, onActivePathChange, preview, height = DEFAULT_EDITOR_HEIGHT, status }: Pick<CodeEditorProps, 'files' | 'activePath' | 'onActivePathChange' | 'preview' | 'height'> & { status: string }) {
  const idPrefix = `code-shell-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const active = files.find((f) => f.path === activePath) ?? files[0];
  return (
    <EditorFrame files={files} activePath={active?.path ?? ''} onSelect={onActivePathChange} idPrefix={idPrefix} height={height} status={status}>
      {active && <CodePreview text={active.content} preview={preview?.path === active.path ? preview : undefined} />}
    </EditorFrame>
  );
}

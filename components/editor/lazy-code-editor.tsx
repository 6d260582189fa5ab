'use client';

/**
 * The code editor, loaded only in the browser and only when rendered: the static
 * export never prerenders Monaco, and pages without an editor never download it.
 * Until it is ready, the same frame shows the code as read-only text (the page's HTML
 * carries it: see code-preview.tsx), so a learner reads the code at once.
 * Use this rather than importing code-editor.tsx directly.
 */
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { DEFAULT_EDITOR_HEIGHT, type CodeEditorProps } from './editor-types';
import { CodePreview } from './code-preview';
import { EditorFrame } from './editor-frame';

export type { CodeEditorProps, EditorFile, EditorLanguage, EditorLineHighlight, EditorMarker, EditorPreview, EditorRevealRequest } from './editor-types';

const CodeEditor = lazy(() => import('./code-editor').then((m) => ({ default: m.CodeEditor })));

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
    import('./code-editor'),
  ]).then(
    () => undefined,
    () => undefined,
  );
  return preloading;
}

export function LazyCodeEditor(props: CodeEditorProps) {
  // Rendered on the server and in the first client render as the preview; the editor's
  // chunk is asked for only once the page runs in a browser.
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => {
    setInBrowser(true);
    // Monaco (megabytes) and its type declarations download beside the editor's own
    // chunk, not after it: one round trip and one parse less before the editor shows.
    void preloadCodeEditor();
  }, []);
  const shell = <CodeShell {...props} status="Loading editor…" />;
  return inBrowser ? <Suspense fallback={shell}><CodeEditor {...props} /></Suspense> : shell;
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

'use client';

/**
 * The code editor, loaded only in the browser and only when rendered: the static
 * export never prerenders Monaco, and pages without an editor never download it.
 * Use this rather than importing code-editor.tsx directly.
 */
import dynamic from 'next/dynamic';
import { DEFAULT_EDITOR_HEIGHT, type CodeEditorProps } from './editor-types';
import { EditorLoading } from './editor-loading';

export type { CodeEditorProps, EditorFile, EditorLanguage, EditorLineHighlight, EditorMarker, EditorRevealRequest } from './editor-types';

/** Tabs above and the hint bar below the editing area, in pixels, so the placeholder does not jump. */
const CHROME_HEIGHT = 64;

const DynamicCodeEditor = dynamic(() => import('./code-editor').then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <EditorLoading />,
});

export function LazyCodeEditor(props: CodeEditorProps) {
  const height = props.height ?? DEFAULT_EDITOR_HEIGHT;
  const minHeight = typeof height === 'number' ? height + CHROME_HEIGHT : `calc(${height} + ${CHROME_HEIGHT}px)`;
  return (
    <div className="flex flex-col" style={{ minHeight }}>
      <DynamicCodeEditor {...props} />
    </div>
  );
}

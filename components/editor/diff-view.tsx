'use client';

/**
 * Two texts side by side in Monaco's diff editor, read-only: the lab's solution on the
 * left, the learner's file on the right. Loaded only when asked for (solution-compare.tsx)
 * and from our own build, like the editor (monaco-setup.ts). Its models have no file
 * URI, so they never meet the editor's TypeScript models.
 */
import { useEffect, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor';
import type { EditorLanguage } from './editor-types';
import { EditorLoading } from './editor-loading';
import { EDITOR_FONT } from './code-preview';
import { EDITOR_THEME, loadEditorEnvironment } from './monaco-setup';

export interface DiffViewProps {
  original: string;
  modified: string;
  language: EditorLanguage;
  /** Names the two sides for screen readers, e.g. "Solution" and "Your code". */
  originalLabel: string;
  modifiedLabel: string;
  height: number;
}

export function DiffView({ original, modified, language, originalLabel, modifiedLabel, height }: DiffViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let editor: MonacoApi.editor.IStandaloneDiffEditor | null = null;
    let models: MonacoApi.editor.ITextModel[] = [];
    loadEditorEnvironment().then(
      ({ monaco }) => {
        if (disposed || !container.current) return;
        editor = monaco.editor.createDiffEditor(container.current, {
          theme: EDITOR_THEME,
          readOnly: true,
          originalEditable: false,
          automaticLayout: true,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontFamily: EDITOR_FONT.family,
          fontSize: EDITOR_FONT.size,
          lineHeight: EDITOR_FONT.lineHeight,
          originalAriaLabel: originalLabel,
          modifiedAriaLabel: modifiedLabel,
        });
        models = [monaco.editor.createModel(original, language), monaco.editor.createModel(modified, language)];
        editor.setModel({ original: models[0], modified: models[1] });
        setReady(true);
      },
      (err: unknown) => !disposed && setError(`The comparison could not load (${err instanceof Error ? err.message : String(err)}).`),
    );
    return () => {
      disposed = true;
      editor?.dispose();
      for (const model of models) model.dispose();
    };
  }, [original, modified, language, originalLabel, modifiedLabel]);

  return (
    <div className="relative rounded border border-border" style={{ height }}>
      <div ref={container} className="absolute inset-0" />
      {!ready && !error ? <EditorLoading label="Loading the comparison…" /> : null}
      {error ? <p role="alert" className="p-4 text-sm">{error}</p> : null}
    </div>
  );
}

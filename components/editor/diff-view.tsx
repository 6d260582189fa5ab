'use client';

/**
 * Two texts side by side in Monaco's diff editor, read-only: the lab's solution on the
 * left, the learner's file on the right. Through @monaco-editor/react's DiffEditor with
 * Monaco from our own build (monaco-binding.ts), loaded only when asked for
 * (solution-compare.tsx). Its models have no file URI, so they never meet the editor's
 * TypeScript models; the binding disposes them with the view.
 */
import { useEffect, useState } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import type { EditorLanguage } from './editor-types';
import { EditorLoading } from './editor-loading';
import { EDITOR_FONT } from './code-preview';
import { loadMonacoForBinding } from './monaco-binding';
import { EDITOR_THEME } from './monaco-setup';

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
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    loadMonacoForBinding().then(
      () => live && setReady(true),
      (err: unknown) => live && setError(`The comparison could not load (${err instanceof Error ? err.message : String(err)}).`),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="relative rounded border border-border" style={{ height }}>
      {ready && (
        <DiffEditor
          height={height}
          theme={EDITOR_THEME}
          language={language}
          original={original}
          modified={modified}
          loading={<EditorLoading label="Loading the comparison…" />}
          options={{
            readOnly: true,
            originalEditable: false,
            renderSideBySide: true,
            useInlineViewWhenSpaceIsLimited: true,
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            fontFamily: EDITOR_FONT.family,
            fontSize: EDITOR_FONT.size,
            lineHeight: EDITOR_FONT.lineHeight,
            originalAriaLabel: originalLabel,
            modifiedAriaLabel: modifiedLabel,
          }}
        />
      )}
      {!ready && !error ? <EditorLoading label="Loading the comparison…" /> : null}
      {error ? <p role="alert" className="p-4 text-sm">{error}</p> : null}
    </div>
  );
}

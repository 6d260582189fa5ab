'use client';
/**
 * A read-only side-by-side diff in Monaco's diff editor, through @monaco-editor/react
 * with its loader pointed at our own monaco-editor build (components/editor/monaco-binding.ts),
 * so nothing comes from a CDN. Load it through lazy-diff-view.tsx.
 *
 * Every file of both sides gets a model under its own folder URI, so imports between
 * a side's files resolve in the TypeScript worker and each side type-checks as it is.
 * The learner's side reports the line under the cursor (and a click on a line number)
 * so the mentor can comment on it; commented lines are highlighted.
 */
import { DiffEditor } from '@monaco-editor/react';
import { useEffect, useId, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor';
import { EDITOR_THEME, type Monaco } from '@/components/editor/monaco-setup';
import { loadMonacoForBinding } from '@/components/editor/monaco-binding';
import type { EditorLanguage } from '@/components/editor/editor-types';
import { plainHover } from '@/lib/mentor/hover';

export interface DiffSide {
  /** A folder name for this side's models, unique on the page: `<review>/<lab>/learner`. */
  scope: string;
  /** Shown to screen readers: "Starter", "Lin's code". */
  label: string;
  files: Record<string, string>;
}

export interface DiffViewProps {
  /** Path and language of every file of the lab. */
  files: { path: string; language: EditorLanguage }[];
  path: string;
  original: DiffSide;
  modified: DiffSide;
  /** Lines of the shown file (modified side) that have comments, with the comment as hover text. */
  commented: { line: number; text: string }[];
  /** The line under the cursor in the modified side, or a line whose number was clicked. */
  onLine(line: number): void;
  height?: number;
}

/** A bar beside commented lines; no background, which would take the line's text below AA contrast on top of the diff's own colours. */
const CSS = `
.review-commented-edge { border-left: 4px solid #6e9fff; margin-left: 3px; }
`;

const uriOf = (monaco: Monaco, scope: string, path: string) => monaco.Uri.parse(`file:///review/${scope}/${path}`);

/** Creates (or updates) every file's model of one side; returns a disposer of the ones it made. */
function ensureModels(monaco: Monaco, side: DiffSide, languages: Map<string, EditorLanguage>): () => void {
  const made: MonacoApi.editor.ITextModel[] = [];
  for (const [path, text] of Object.entries(side.files)) {
    const uri = uriOf(monaco, side.scope, path);
    const existing = monaco.editor.getModel(uri);
    if (existing) {
      if (existing.getValue() !== text) existing.setValue(text);
      continue;
    }
    made.push(monaco.editor.createModel(text, languages.get(path) ?? 'plaintext', uri));
  }
  return () => made.forEach((m) => m.dispose());
}

/** Key the view by `original.scope` and `modified.scope`: its models are made once per mount. */
export default function DiffView({ files, path, original, modified, commented, onLine, height = 420 }: DiffViewProps) {
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modelsReady, setModelsReady] = useState(false);
  const [mounted, setMounted] = useState(0);
  const editorRef = useRef<MonacoApi.editor.IStandaloneDiffEditor | null>(null);
  const decorations = useRef<MonacoApi.editor.IEditorDecorationsCollection | null>(null);
  const latest = useRef(onLine);
  const hintId = useId();
  const labels = useRef({ original: '', modified: '' });
  labels.current = { original: `${original.label}: ${path} (read-only)`, modified: `${modified.label}: ${path} (read-only)` };
  useEffect(() => {
    latest.current = onLine;
  });

  useEffect(() => {
    let live = true;
    loadMonacoForBinding().then(
      ({ monaco: m }) => live && setMonaco(m),
      (err: unknown) => live && setError(`The diff editor could not load (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`),
    );
    return () => {
      live = false;
    };
  }, []);

  // Models for both sides before the diff editor asks for them (it would make bare ones
  // otherwise). Made once per mount: the parent keys this view by the two sides' scopes.
  const sides = useRef({ files, original, modified });
  useEffect(() => {
    if (!monaco) return;
    const { files: all, original: left, modified: right } = sides.current;
    const languages = new Map(all.map((f) => [f.path, f.language]));
    const disposers = [ensureModels(monaco, left, languages), ensureModels(monaco, right, languages)];
    setModelsReady(true);
    return () => {
      // Detach first: Monaco refuses to have a diff editor's models disposed under it.
      try {
        editorRef.current?.setModel(null);
      } catch {
        // Already disposed by the binding: nothing holds the models any more.
      }
      editorRef.current = null;
      disposers.forEach((dispose) => dispose());
    };
  }, [monaco]);

  useEffect(() => {
    const editor = editorRef.current?.getModifiedEditor();
    if (!editor || !monaco) return;
    decorations.current?.clear();
    decorations.current = editor.createDecorationsCollection(
      commented.map((c) => ({
        range: new monaco.Range(c.line, 1, c.line, 1),
        options: { isWholeLine: true, linesDecorationsClassName: 'review-commented-edge', hoverMessage: { value: plainHover(c.text), isTrusted: false, supportHtml: false } },
      })),
    );
  }, [commented, monaco, mounted, path]);

  // Each side's name, kept: the diff editor recomputes its sides' options on some updates
  // and can leave a side with an empty aria-label, which would leave it unnamed.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !monaco) return;
    const keep = (side: MonacoApi.editor.ICodeEditor, label: () => string) => {
      const apply = () => {
        if (side.getOption(monaco.editor.EditorOption.ariaLabel) !== label()) side.updateOptions({ ariaLabel: label() });
      };
      apply();
      return side.onDidChangeConfiguration((e) => e.hasChanged(monaco.editor.EditorOption.ariaLabel) && apply());
    };
    const subscriptions = [keep(editor.getOriginalEditor(), () => labels.current.original), keep(editor.getModifiedEditor(), () => labels.current.modified)];
    return () => subscriptions.forEach((d) => d.dispose());
  }, [monaco, mounted, path]);

  if (error) return <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">{error}</p>;
  if (!monaco || !modelsReady) return <p role="status" className="rounded border border-border bg-panel p-3 text-sm text-muted" style={{ minHeight: height }}>Loading the diff editor…</p>;
  const language = files.find((f) => f.path === path)?.language ?? 'plaintext';

  return (
    <div>
      <style>{CSS}</style>
      <DiffEditor
        height={height}
        theme={EDITOR_THEME}
        language={language}
        original={original.files[path] ?? ''}
        modified={modified.files[path] ?? ''}
        originalModelPath={uriOf(monaco, original.scope, path).toString()}
        modifiedModelPath={uriOf(monaco, modified.scope, path).toString()}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        loading={<span className="text-sm text-muted">Loading the diff editor…</span>}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          originalAriaLabel: `${original.label}: ${path} (read-only)`,
          modifiedAriaLabel: `${modified.label}: ${path} (read-only)`,
          readOnlyMessage: { value: 'Handed-in work is shown as it is; comment on a line instead.' },
        }}
        onMount={(editor) => {
          editorRef.current = editor;
          setMounted((n) => n + 1);
          const side = editor.getModifiedEditor();
          // Only the mentor's own moves: setting a model also moves the cursor, and must not reset the line being commented.
          side.onDidChangeCursorPosition((e) => {
            if (e.source === 'keyboard' || e.source === 'mouse') latest.current(e.position.lineNumber);
          });
          side.onMouseDown((e) => {
            if (e.target.type === monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS && e.target.position) latest.current(e.target.position.lineNumber);
          });
          for (const input of [side, editor.getOriginalEditor()].map((ed) => ed.getDomNode()?.querySelector('textarea'))) input?.setAttribute('aria-describedby', hintId);
        }}
      />
      <p id={hintId} className="mt-1 text-xs text-muted">
        Left: {original.label}. Right: {modified.label}. Put the cursor on a line of the right side (or click its number) to comment on it. <kbd>Ctrl+M</kbd> (<kbd>Ctrl+Shift+M</kbd> on a Mac) makes <kbd>Tab</kbd> leave the editor.
      </p>
    </div>
  );
}

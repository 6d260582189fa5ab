'use client';

/**
 * The lab's multi-file code editor: file tabs over one Monaco editor, one model per
 * file, through @monaco-editor/react (its `path` prop picks the file's model) with
 * Monaco from our own build (monaco-binding.ts). Render this through
 * lazy-code-editor.tsx so pages without an editor never download it.
 *
 * The models are ours, not the binding's (lab-models.ts): they exist for every file
 * before the editor shows one, so the TypeScript worker resolves imports between lab
 * files, and the files prop (saved work, another tab's edits) is applied to them as
 * undoable edits rather than through the binding's `value`, which would replace the
 * whole text and reset the cursor on every keystroke that arrives from the store.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { editorShown } from './editor-shown';
import { Editor } from '@monaco-editor/react';
import type * as MonacoApi from 'monaco-editor';
import { DEFAULT_EDITOR_HEIGHT, type CodeEditorProps } from './editor-types';
import { EditorLoading } from './editor-loading';
import { CodePreview, EDITOR_FONT } from './code-preview';
import { EditorFrame } from './editor-frame';
import { LabModels } from './lab-models';
import { LINE_PICKING_CSS, LinePicking } from './line-picking';
import { loadMonacoForBinding } from './monaco-binding';
import { EDITOR_THEME, labUri, syncTypeScriptModels, type EditorEnvironment, type Monaco } from './monaco-setup';

export type { CodeEditorProps, EditorFile, EditorLanguage, EditorMarker } from './editor-types';

type StandaloneEditor = MonacoApi.editor.IStandaloneCodeEditor;

export function CodeEditor({ preview, files, activePath, onActivePathChange, onChange, onRun, markers, onLinePick, onCursorLineChange, lineHighlights, revealRequest, height = DEFAULT_EDITOR_HEIGHT }: CodeEditorProps) {
  const idPrefix = `code-editor-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const activeIndex = Math.max(0, files.findIndex((f) => f.path === activePath));
  const active = files[activeIndex] as (typeof files)[number] | undefined;

  const [environment, setEnvironment] = useState<EditorEnvironment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [models, setModels] = useState<LabModels | null>(null);
  /** The editor the binding made, once it is mounted. */
  const [editor, setEditor] = useState<StandaloneEditor | null>(null);
  /** The file whose model the editor is given: set once the TypeScript worker holds every file. */
  const [shownPath, setShownPath] = useState<string | null>(null);
  const [shown, setShown] = useState(false);

  const hintId = `${idPrefix}-hint`;
  const pickingRef = useRef<LinePicking | null>(null);
  const handledReveal = useRef<CodeEditorProps['revealRequest']>(undefined);
  const picking = onLinePick !== undefined;
  /** Resolves once the TypeScript worker has been told about every lab file. */
  const modelsSynced = useRef<Promise<void>>(Promise.resolve());
  // Monaco's callbacks are registered once; they read the latest props from here.
  const latest = useRef({ onChange, onRun, onLinePick, onCursorLineChange });
  useEffect(() => {
    latest.current = { onChange, onRun, onLinePick, onCursorLineChange };
  });

  useEffect(() => {
    let cancelled = false;
    setLoadError(null);
    loadMonacoForBinding().then(
      (env) => !cancelled && setEnvironment(env),
      (error: unknown) =>
        !cancelled &&
        setLoadError(`The code editor could not load (${error instanceof Error ? error.message : String(error)}).`),
    );
    return () => {
      cancelled = true;
    };
  }, [loadAttempt]);

  // One model per file for as long as the editor is on the page. Disposing a model the
  // editor shows is safe: Monaco detaches it first.
  useEffect(() => {
    if (!environment) return;
    const made = new LabModels(environment.monaco, (path, content) => latest.current.onChange(path, content));
    setModels(made);
    return () => {
      made.dispose();
      setModels(null);
      setShownPath(null);
      setShown(false);
    };
  }, [environment]);

  // Files in step with the models; the active file is shown once the TypeScript worker
  // holds every file, so './query' never looks missing on first check.
  const activeFilePath = active?.path;
  useEffect(() => {
    if (!environment || !models) return;
    const newTypeScript = models.sync(files);
    if (newTypeScript.length > 0) {
      modelsSynced.current = syncTypeScriptModels(environment.monaco, newTypeScript).catch((error: unknown) =>
        console.warn('Code editor: could not hand lab files to the TypeScript worker', error),
      );
    }
    if (activeFilePath === undefined || !models.get(activeFilePath)) return;
    let cancelled = false;
    void modelsSynced.current.then(() => !cancelled && setShownPath(activeFilePath));
    return () => {
      cancelled = true;
    };
  }, [environment, models, files, activeFilePath]);

  const shownReadOnly = files.find((f) => f.path === shownPath)?.readOnly ?? false;
  const options = useMemo<MonacoApi.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ariaLabel: `Code editor: ${shownPath ?? ''}${shownReadOnly ? ' (read-only)' : ''}${picking ? ', picking a line: Enter picks the line with the cursor' : ''}`,
      readOnly: shownReadOnly,
      fontFamily: EDITOR_FONT.family,
      fontSize: EDITOR_FONT.size,
      lineHeight: EDITOR_FONT.lineHeight,
      tabSize: 2,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      readOnlyMessage: { value: 'This file is read-only in this lab.' },
    }),
    [shownPath, shownReadOnly, picking],
  );

  // What the binding does not do: Run on Ctrl/Cmd+Enter, a way out by keyboard, line
  // picking, the keyboard hint, and a view state (cursor, scroll, folds) per file kept
  // for this editor only (the binding's own is shared by every editor of the page).
  useEffect(() => {
    if (!editor || !environment) return;
    const { monaco } = environment;
    const run = editor.addAction({
      id: 'lab.run',
      label: 'Run',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => latest.current.onRun?.(),
    });
    const escape = escapeThenTabLeaves(monaco, editor);
    pickingRef.current = new LinePicking(
      monaco,
      editor,
      () => {
        const model = editor.getModel();
        return model ? pathOf(model) : undefined;
      },
      () => ({
        onPick: (path, line) => latest.current.onLinePick?.(path, line),
        onCursorLine: (path, line) => latest.current.onCursorLineChange?.(path, line),
      }),
    );
    const viewStates = new Map<string, MonacoApi.editor.ICodeEditorViewState | null>();
    const leaving = editor.onWillChangeModel(({ oldModelUrl }) => {
      if (oldModelUrl) viewStates.set(oldModelUrl.toString(), editor.saveViewState());
    });
    const arriving = editor.onDidChangeModel(({ newModelUrl }) => {
      describeInput(editor, hintId);
      const saved = newModelUrl ? viewStates.get(newModelUrl.toString()) : undefined;
      if (saved) editor.restoreViewState(saved);
    });
    const describe = editor.onDidFocusEditorText(() => describeInput(editor, hintId));
    describeInput(editor, hintId);
    return () => {
      for (const d of [escape, describe, leaving, arriving, run]) d.dispose();
      pickingRef.current?.dispose();
      pickingRef.current = null;
    };
  }, [editor, environment, hintId]);

  useEffect(() => {
    if (editor && shownPath !== null) {
      setShown(true);
      editorShown();
    }
  }, [editor, shownPath]);

  // Code-tour line picking: see line-picking.ts.
  useEffect(() => {
    pickingRef.current?.setPicking(picking);
  }, [editor, picking]);

  useEffect(() => {
    pickingRef.current?.setHighlights(lineHighlights ?? []);
  }, [editor, shownPath, lineHighlights]);

  useEffect(() => {
    if (!editor || !revealRequest || handledReveal.current === revealRequest || revealRequest.path !== shownPath) return;
    handledReveal.current = revealRequest;
    if (revealRequest.line !== undefined) pickingRef.current?.reveal(revealRequest.line);
    if (revealRequest.focus) editor.focus();
  }, [editor, shownPath, revealRequest]);

  useEffect(() => {
    models?.setMarkers(markers ?? []);
  }, [models, files, markers]);

  return (
    <EditorFrame
      files={files}
      activePath={active?.path ?? ''}
      onSelect={onActivePathChange}
      idPrefix={idPrefix}
      height={height}
      hintId={hintId}
      status={environment?.typesError ? `Note: ${environment.typesError}` : !shown && !loadError ? 'Loading editor…' : ''}
      before={lineHighlights !== undefined || picking ? <style>{LINE_PICKING_CSS}</style> : null}
    >
      <div className="absolute inset-0">
        {environment && shownPath !== null && (
          <Editor
            path={labUri(environment.monaco, shownPath).toString()}
            theme={EDITOR_THEME}
            options={options}
            keepCurrentModel
            saveViewState={false}
            loading={null}
            onMount={(mounted) => setEditor(mounted)}
          />
        )}
      </div>
      {!shown && !loadError && (active ? <CodePreview text={active.content} preview={preview?.path === active.path ? preview : undefined} /> : <EditorLoading />)}
      {loadError && (
        <div role="alert" className="absolute inset-0 flex flex-col items-center justify-center gap-3 p-4 text-center text-sm">
          <p>{loadError} Check your connection, then try again.</p>
          <button type="button" className="rounded border border-border bg-panel-2 px-3 py-1 text-white" onClick={() => setLoadAttempt((n) => n + 1)}>
            Retry loading the editor
          </button>
        </div>
      )}
    </EditorFrame>
  );
}

/**
 * Points the element that takes keystrokes (an EditContext div in Chromium, a
 * textarea elsewhere) at the keyboard hint, so screen readers announce how to run
 * and how to leave the editor. Monaco sets the role and label but has no option for this.
 */
function describeInput(editor: StandaloneEditor, hintId: string): void {
  editor
    .getDomNode()
    ?.querySelectorAll('.native-edit-context, textarea.inputarea')
    .forEach((input) => input.setAttribute('aria-describedby', hintId));
}

function pathOf(model: MonacoApi.editor.ITextModel): string {
  return model.uri.path.replace(/^\/lab\//, '');
}

/**
 * Keyboard users must be able to leave the editor (WCAG 2.1.2, no keyboard trap),
 * but people writing code expect Tab to indent. Monaco's own answer is "tab focus
 * mode", toggled with Ctrl+M (Ctrl+Shift+M on macOS) and described in its Alt+F1
 * accessibility help: while on, Tab moves focus for every editor on the page until
 * toggled off again, which surprises people who pressed it by accident.
 *
 * We keep Tab indenting and add the escape hatch CodeMirror documents: press
 * Escape, then Tab (or Shift+Tab) moves focus out. Escape turns on tab
 * focus mode for this editor only; the next other key or leaving the editor turns
 * it off. Escape still closes suggestions and other widgets as before. Ctrl+M
 * keeps working for people who prefer the sticky mode. The hint under the editor
 * says all this, and the editor points at it with aria-describedby.
 */
function escapeThenTabLeaves(monaco: Monaco, editor: StandaloneEditor): MonacoApi.IDisposable {
  const { KeyCode } = monaco;
  const modifiers = new Set([KeyCode.Shift, KeyCode.Ctrl, KeyCode.Alt, KeyCode.Meta]);
  let armed = false;
  const disarm = () => {
    if (!armed) return;
    armed = false;
    editor.updateOptions({ tabFocusMode: false });
  };
  const keyDown = editor.onKeyDown((event) => {
    if (event.keyCode === KeyCode.Escape) {
      armed = true;
      editor.updateOptions({ tabFocusMode: true });
    } else if (event.keyCode !== KeyCode.Tab && !modifiers.has(event.keyCode)) {
      disarm();
    }
  });
  const blur = editor.onDidBlurEditorText(disarm);
  return {
    dispose() {
      keyDown.dispose();
      blur.dispose();
    },
  };
}

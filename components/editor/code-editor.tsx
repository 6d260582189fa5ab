'use client';

/**
 * The lab's multi-file code editor: file tabs over one Monaco editor, one model per
 * file. Monaco loads on mount from our own build (see monaco-setup.ts); render this
 * through lazy-code-editor.tsx so pages without an editor never download it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor';
import { DEFAULT_EDITOR_HEIGHT, type CodeEditorProps } from './editor-types';
import { EditorLoading } from './editor-loading';
import { CodePreview, EDITOR_FONT } from './code-preview';
import { EditorFrame } from './editor-frame';
import { LabModels } from './lab-models';
import { LINE_PICKING_CSS, LinePicking } from './line-picking';
import { EDITOR_THEME, loadEditorEnvironment, syncTypeScriptModels, type EditorEnvironment, type Monaco } from './monaco-setup';

export type { CodeEditorProps, EditorFile, EditorLanguage, EditorMarker } from './editor-types';

export function CodeEditor({ preview, files, activePath, onActivePathChange, onChange, onRun, markers, onLinePick, onCursorLineChange, lineHighlights, revealRequest, height = DEFAULT_EDITOR_HEIGHT }: CodeEditorProps) {
  const idPrefix = `code-editor-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const activeIndex = Math.max(0, files.findIndex((f) => f.path === activePath));
  const active = files[activeIndex] as (typeof files)[number] | undefined;

  const [environment, setEnvironment] = useState<EditorEnvironment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [shown, setShown] = useState(false);

  const hintId = `${idPrefix}-hint`;
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const modelsRef = useRef<LabModels | null>(null);
  const pickingRef = useRef<LinePicking | null>(null);
  /** The file whose model is on screen: highlights and reveals wait for it. */
  const [shownPath, setShownPath] = useState<string | null>(null);
  const handledReveal = useRef<CodeEditorProps['revealRequest']>(undefined);
  const picking = onLinePick !== undefined;
  const viewStates = useRef(new Map<string, MonacoApi.editor.ICodeEditorViewState | null>());
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
    loadEditorEnvironment().then(
      (env) => !cancelled && setEnvironment(env),
      (error: unknown) =>
        !cancelled &&
        setLoadError(`The code editor could not load (${error instanceof Error ? error.message : String(error)}).`),
    );
    return () => {
      cancelled = true;
    };
  }, [loadAttempt]);

  // Create the editor once Monaco is there; on unmount dispose it and every model.
  useEffect(() => {
    const container = containerRef.current;
    if (!environment || !container) return;
    const { monaco } = environment;
    const editor = monaco.editor.create(container, {
      model: null,
      theme: EDITOR_THEME,
      ariaLabel: 'Code editor',
      fontFamily: EDITOR_FONT.family,
      fontSize: EDITOR_FONT.size,
      lineHeight: EDITOR_FONT.lineHeight,
      tabSize: 2,
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      readOnlyMessage: { value: 'This file is read-only in this lab.' },
    });
    editorRef.current = editor;
    const models = new LabModels(monaco, (path, content) => latest.current.onChange(path, content));
    modelsRef.current = models;
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
    const describe = editor.onDidFocusEditorText(() => describeInput(editor, hintId));
    return () => {
      escape.dispose();
      describe.dispose();
      pickingRef.current?.dispose();
      pickingRef.current = null;
      run.dispose();
      editor.dispose();
      models.dispose();
      editorRef.current = null;
      modelsRef.current = null;
      viewStates.current.clear();
      setShown(false);
      setShownPath(null);
    };
  }, [environment, hintId]);

  useEffect(() => {
    const models = modelsRef.current;
    if (!environment || !models) return;
    const newTypeScript = models.sync(files);
    if (newTypeScript.length > 0) {
      // Shown files wait for this, so './query' never looks missing on first check.
      modelsSynced.current = syncTypeScriptModels(environment.monaco, newTypeScript).catch((error: unknown) =>
        console.warn('Code editor: could not hand lab files to the TypeScript worker', error),
      );
    }
  }, [environment, files]);

  const activeFilePath = active?.path;
  const activeReadOnly = active?.readOnly ?? false;
  useEffect(() => {
    const editor = editorRef.current;
    const models = modelsRef.current;
    if (!editor || !models || activeFilePath === undefined) return;
    let cancelled = false;
    void modelsSynced.current.then(() => {
      const model = models.get(activeFilePath);
      if (cancelled || !model) return;
      const current = editor.getModel();
      if (current !== model) {
        if (current) viewStates.current.set(pathOf(current), editor.saveViewState());
        editor.setModel(model);
        describeInput(editor, hintId);
        const saved = viewStates.current.get(activeFilePath);
        if (saved) editor.restoreViewState(saved);
      }
      editor.updateOptions({
        readOnly: activeReadOnly,
        ariaLabel: `Code editor: ${activeFilePath}${activeReadOnly ? ' (read-only)' : ''}${picking ? ', picking a line: Enter picks the line with the cursor' : ''}`,
      });
      setShown(true);
      setShownPath(activeFilePath);
    });
    return () => {
      cancelled = true;
    };
  }, [environment, activeFilePath, activeReadOnly, hintId, picking]);

  // Code-tour line picking: see line-picking.ts.
  useEffect(() => {
    pickingRef.current?.setPicking(picking);
  }, [environment, picking]);

  useEffect(() => {
    pickingRef.current?.setHighlights(lineHighlights ?? []);
  }, [environment, shownPath, lineHighlights]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !revealRequest || handledReveal.current === revealRequest || revealRequest.path !== shownPath) return;
    handledReveal.current = revealRequest;
    if (revealRequest.line !== undefined) pickingRef.current?.reveal(revealRequest.line);
    if (revealRequest.focus) editor.focus();
  }, [environment, shownPath, revealRequest]);

  useEffect(() => {
    modelsRef.current?.setMarkers(markers ?? []);
  }, [environment, files, markers]);

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
      <div ref={containerRef} className="absolute inset-0" />
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
function describeInput(editor: MonacoApi.editor.IStandaloneCodeEditor, hintId: string): void {
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
function escapeThenTabLeaves(monaco: Monaco, editor: MonacoApi.editor.IStandaloneCodeEditor): MonacoApi.IDisposable {
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

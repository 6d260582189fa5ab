/**
 * Keeps one Monaco model per lab file in step with the `files` prop, and turns
 * `EditorMarker`s into Monaco markers. No React here; code-editor.tsx drives it.
 */
import type * as MonacoApi from 'monaco-editor';
import type { EditorFile, EditorMarker } from './editor-types';
import { labUri, type Monaco } from './monaco-setup';

/** Marker owner for `EditorMarker`s, apart from the TypeScript service's own ("typescript"). */
const MARKER_OWNER = 'lab';

interface LabModel {
  model: MonacoApi.editor.ITextModel;
  /** Texts this editor reported through onChange since props last matched the model. */
  emitted: Set<string>;
  subscription: MonacoApi.IDisposable;
}

export class LabModels {
  private readonly models = new Map<string, LabModel>();
  private applyingProps = false;

  constructor(
    private readonly monaco: Monaco,
    /** Called after each edit made in the editor (not for edits coming from `files`). */
    private readonly onEdit: (path: string, content: string) => void,
  ) {}

  get(path: string): MonacoApi.editor.ITextModel | undefined {
    return this.models.get(path)?.model;
  }

  /**
   * Creates models for new files, disposes those of removed files and applies
   * changed `content`. Returns the URIs of new TypeScript models.
   */
  sync(files: EditorFile[]): MonacoApi.Uri[] {
    const created: MonacoApi.Uri[] = [];
    const wanted = new Set(files.map((f) => f.path));
    for (const [path, entry] of this.models) {
      if (!wanted.has(path)) {
        entry.subscription.dispose();
        entry.model.dispose();
        this.models.delete(path);
      }
    }
    for (const file of files) {
      const entry = this.models.get(file.path);
      if (!entry) {
        const model = this.create(file);
        if (file.language === 'typescript') created.push(model.uri);
        continue;
      }
      if (entry.model.getLanguageId() !== file.language) this.monaco.editor.setModelLanguage(entry.model, file.language);
      this.applyProps(entry, file.content);
    }
    return created;
  }

  /** Sets the `EditorMarker`s of every model (an empty list clears them). */
  setMarkers(markers: readonly EditorMarker[]): void {
    for (const [path, { model }] of this.models) {
      const own = markers.filter((m) => m.path === path).map((m) => toMarkerData(this.monaco, model, m));
      this.monaco.editor.setModelMarkers(model, MARKER_OWNER, own);
    }
  }

  dispose(): void {
    for (const { model, subscription } of this.models.values()) {
      subscription.dispose();
      model.dispose();
    }
    this.models.clear();
  }

  private create(file: EditorFile): MonacoApi.editor.ITextModel {
    const uri = labUri(this.monaco, file.path);
    // A model can outlive a component instance (e.g. a remount in development).
    this.monaco.editor.getModel(uri)?.dispose();
    const model = this.monaco.editor.createModel(file.content, file.language, uri);
    const entry: LabModel = { model, emitted: new Set(), subscription: { dispose() {} } };
    entry.subscription = model.onDidChangeContent(() => {
      if (this.applyingProps) return;
      const text = model.getValue();
      entry.emitted.add(text);
      this.onEdit(file.path, text);
    });
    this.models.set(file.path, entry);
    return model;
  }

  /**
   * Brings a model to the text `files` says it has. Props that repeat something this
   * editor reported earlier are echoes of onChange arriving late (the learner kept
   * typing) and are ignored. A real change is applied as one undoable edit covering
   * only the span that differs, so cursors and folds elsewhere stay where they were.
   */
  private applyProps(entry: LabModel, content: string): void {
    const { model } = entry;
    const lf = this.monaco.editor.EndOfLinePreference.LF;
    const current = model.getValue(lf);
    const next = content.replace(/\r\n?/g, '\n');
    if (current === next) {
      entry.emitted.clear();
      return;
    }
    if (entry.emitted.has(content) || entry.emitted.has(next)) return;
    entry.emitted.clear();

    let start = 0;
    while (start < current.length && start < next.length && current[start] === next[start]) start++;
    let endCurrent = current.length;
    let endNext = next.length;
    while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
      endCurrent--;
      endNext--;
    }
    // Offsets were counted on LF text; map them to positions through an LF copy.
    const range = this.monaco.Range.fromPositions(positionAt(current, start), positionAt(current, endCurrent));
    this.applyingProps = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], [{ range, text: next.slice(start, endNext) }], () => null);
      model.pushStackElement();
    } finally {
      this.applyingProps = false;
    }
  }
}

function positionAt(text: string, offset: number): MonacoApi.IPosition {
  let lineNumber = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    lineNumber++;
    lineStart = i + 1;
  }
  return { lineNumber, column: offset - lineStart + 1 };
}

/** Underlines the word at the marker's position, or the rest of its line. */
function toMarkerData(monaco: Monaco, model: MonacoApi.editor.ITextModel, marker: EditorMarker): MonacoApi.editor.IMarkerData {
  const line = Math.min(Math.max(1, Math.floor(marker.line)), model.getLineCount());
  const maxColumn = model.getLineMaxColumn(line);
  const column = Math.min(Math.max(1, Math.floor(marker.column)), maxColumn);
  const word = model.getWordAtPosition({ lineNumber: line, column });
  let startColumn = word ? word.startColumn : column;
  let endColumn = word ? word.endColumn : maxColumn;
  if (endColumn <= startColumn) {
    // At the end of a line: underline the character before, so there is something to see.
    startColumn = Math.max(1, startColumn - 1);
    endColumn = maxColumn;
  }
  return {
    severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: marker.message,
    startLineNumber: line,
    startColumn,
    endLineNumber: line,
    endColumn,
  };
}

/**
 * The props contract of the lab code editor. Kept apart from the component so that
 * callers (and the lazy wrapper) can import the types without pulling in Monaco.
 */

/** Height of the editing area when `height` is not given, in pixels. */
export const DEFAULT_EDITOR_HEIGHT = 480;

/** Languages the editor highlights. Only `typescript` gets type checking. */
export type EditorLanguage = 'typescript' | 'json' | 'yaml' | 'markdown' | 'dockerfile' | 'go' | 'plaintext';

/** One file of a lab, as the editor shows it. */
export interface EditorFile {
  /** Path relative to the lab root, e.g. `handler.ts` or `fixtures/series.json`. Also the tab's name. */
  path: string;
  /** Current text. Changing it from outside (e.g. "Reset to starter") replaces the editor's text. */
  content: string;
  /** Syntax highlighting, and for `typescript` type checking and completions. */
  language: EditorLanguage;
  /** When true the learner can read but not change the file; its tab shows a "read-only" badge. Default false. */
  readOnly?: boolean;
}

/** A problem to underline in a file, e.g. where a run threw. */
export interface EditorMarker {
  /** The file's `path`. Markers for files not in `files` are ignored. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column; the word starting there is underlined (or the rest of the line). */
  column: number;
  /** Shown when hovering the underline. */
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditorProps {
  /** All files of the lab. Relative imports between TypeScript files type-check (handler.ts may import './query'). */
  files: EditorFile[];
  /** The `path` of the file shown. Falls back to the first file when it matches none. */
  activePath: string;
  /** Called when the learner picks another tab. The parent owns `activePath`. */
  onActivePathChange(path: string): void;
  /** Called on every edit the learner makes, with the file's whole new text. Not called for changes made through `files`. */
  onChange(path: string, content: string): void;
  /** Called on Ctrl+Enter / Cmd+Enter while the editor has focus. */
  onRun?(): void;
  /** Extra underlines, e.g. a runtime error at handler.ts:12. Replaces the previous set on every change. */
  markers?: EditorMarker[];
  /** Height of the editing area (below the tabs). A number is pixels. Default 480. */
  height?: number | string;
}

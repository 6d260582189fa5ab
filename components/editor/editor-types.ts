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

/** Lines to highlight, e.g. the answer to a code-tour question. */
export interface EditorLineHighlight {
  /** The file's `path`; shown only while that file is on screen. */
  path: string;
  /** First line, 1-based. */
  from: number;
  /** Last line, inclusive. */
  to: number;
  /** 'answer': lines that answer a question; 'right' / 'wrong': the line the learner picked. */
  tone: 'answer' | 'right' | 'wrong';
  /** Shown when hovering the lines. */
  message?: string;
}

/** Asks the editor to show a file's line and/or take focus. Acted on once per new object. */
export interface EditorRevealRequest {
  /** The file; the editor acts once this file is shown (the parent switches `activePath`). */
  path: string;
  /** Line to scroll to and put the cursor on, 1-based; omit to keep the cursor where it was. */
  line?: number;
  /** Move keyboard focus into the editor. */
  focus?: boolean;
}

/** A file's text highlighted at build time, shown until the editor is ready (code-preview.tsx). */
export interface EditorPreview {
  path: string;
  /** The text that was highlighted: the preview is used only while the file still reads this. */
  text: string;
  /** Prism's HTML for `text` (escaped). */
  html: string;
}

export interface CodeEditorProps {
  /** The first file shown, highlighted at build time, so the page shows code before the editor has loaded. */
  preview?: EditorPreview;
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
  /**
   * Line picking (code-tour questions): while set, clicking a line number or pressing
   * Enter picks that line and calls this instead of editing. Leave unset otherwise.
   */
  onLinePick?(path: string, line: number): void;
  /** Called when the cursor moves to another line of the shown file (and once when set). */
  onCursorLineChange?(path: string, line: number): void;
  /** Highlighted lines; replaces the previous set on every change. */
  lineHighlights?: EditorLineHighlight[];
  /** Scrolls to a line and/or focuses the editor, each time a new object is passed. */
  revealRequest?: EditorRevealRequest;
  /** Height of the editing area (below the tabs). A number is pixels. Default 480. */
  height?: number | string;
}

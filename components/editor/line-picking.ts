/**
 * Line picking and line highlights for code-tour questions ("click the line where…").
 * No React here; code-editor.tsx creates one per editor and feeds it the props.
 *
 * While picking is on, a click on a line number (or the glyph margin beside it) picks
 * that line, and Enter picks the cursor's line, so it works from the keyboard too.
 * Enter only means "pick" while picking: a context key gates the keybinding, and
 * otherwise Enter types a newline as always.
 */
import type * as MonacoApi from 'monaco-editor';
import type { EditorLineHighlight } from './editor-types';
import type { Monaco } from './monaco-setup';

/** Context key that is true while the editor is picking a line. */
const PICKING_KEY = 'labLinePicking';

/** Decoration styles. Colour is never the only signal: the question card says the same in words. */
export const LINE_PICKING_CSS = `
.lab-line-picking .margin-view-overlays .line-numbers,
.lab-line-picking .margin-view-overlays .cgmr { cursor: pointer; }
.lab-line-picking .margin-view-overlays .line-numbers:hover { color: #ffffff; text-decoration: underline; }
.lab-line-answer { background: rgba(115, 191, 105, 0.16); }
.lab-line-answer-edge { border-left: 3px solid #73bf69; margin-left: 3px; }
.lab-line-wrong { background: rgba(242, 73, 92, 0.18); }
.lab-line-wrong-edge { border-left: 3px solid #f2495c; margin-left: 3px; }
`;

const TONES: Record<EditorLineHighlight['tone'], { className: string; edge: string }> = {
  answer: { className: 'lab-line-answer', edge: 'lab-line-answer-edge' },
  right: { className: 'lab-line-answer', edge: 'lab-line-answer-edge' },
  wrong: { className: 'lab-line-wrong', edge: 'lab-line-wrong-edge' },
};

export interface LinePickingCallbacks {
  /** The learner picked `line` (1-based) of `path`. Only called while picking. */
  onPick(path: string, line: number): void;
  /** The cursor moved to another line of `path`. */
  onCursorLine(path: string, line: number): void;
}

export class LinePicking {
  private readonly picking: MonacoApi.editor.IContextKey<boolean>;
  private readonly decorations: MonacoApi.editor.IEditorDecorationsCollection;
  private readonly disposables: MonacoApi.IDisposable[] = [];
  private lastCursor: { path: string; line: number } | null = null;

  constructor(
    private readonly monaco: Monaco,
    private readonly editor: MonacoApi.editor.IStandaloneCodeEditor,
    /** The shown file's path, or undefined while no model is set. */
    private readonly currentPath: () => string | undefined,
    private readonly callbacks: () => LinePickingCallbacks,
  ) {
    this.picking = editor.createContextKey(PICKING_KEY, false);
    this.decorations = editor.createDecorationsCollection();
    const { MouseTargetType } = monaco.editor;
    const gutter = new Set([MouseTargetType.GUTTER_LINE_NUMBERS, MouseTargetType.GUTTER_GLYPH_MARGIN, MouseTargetType.GUTTER_LINE_DECORATIONS]);
    this.disposables.push(
      editor.onMouseDown((event) => {
        const line = event.target.position?.lineNumber;
        if (this.picking.get() && gutter.has(event.target.type) && line) this.pick(line);
      }),
      editor.addAction({
        id: 'lab.pickLine',
        label: 'Pick the cursor line as the answer',
        keybindings: [monaco.KeyCode.Enter],
        precondition: PICKING_KEY,
        run: () => {
          const line = editor.getPosition()?.lineNumber;
          if (line) this.pick(line);
        },
      }),
      editor.onDidChangeCursorPosition((event) => this.reportCursor(event.position.lineNumber)),
      editor.onDidChangeModel(() => {
        this.lastCursor = null;
        const line = editor.getPosition()?.lineNumber;
        if (line) this.reportCursor(line);
      }),
    );
  }

  /** Turns picking on or off; the container gets a class so line numbers look clickable. */
  setPicking(active: boolean): void {
    this.picking.set(active);
    this.editor.getContainerDomNode().classList.toggle('lab-line-picking', active);
    if (active) {
      this.lastCursor = null;
      const line = this.editor.getPosition()?.lineNumber;
      if (line) this.reportCursor(line);
    }
  }

  /** Shows the highlights of the file on screen (others are ignored until their file is shown). */
  setHighlights(highlights: readonly EditorLineHighlight[]): void {
    const path = this.currentPath();
    const model = this.editor.getModel();
    if (!model) return this.decorations.clear();
    const lastLine = model.getLineCount();
    this.decorations.set(
      highlights
        .filter((h) => h.path === path && h.from <= lastLine)
        .map((h) => ({
          range: new this.monaco.Range(h.from, 1, Math.min(h.to, lastLine), 1),
          options: {
            isWholeLine: true,
            className: TONES[h.tone].className,
            linesDecorationsClassName: TONES[h.tone].edge,
            hoverMessage: h.message ? { value: h.message } : undefined,
          },
        })),
    );
  }

  /** Scrolls `line` into the middle of the view and puts the cursor there. */
  reveal(line: number): void {
    const model = this.editor.getModel();
    if (!model) return;
    const target = Math.min(Math.max(1, line), model.getLineCount());
    this.editor.setPosition({ lineNumber: target, column: 1 });
    this.editor.revealLineInCenterIfOutsideViewport(target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.decorations.clear();
  }

  private pick(line: number): void {
    const path = this.currentPath();
    if (path) this.callbacks().onPick(path, line);
  }

  private reportCursor(line: number): void {
    const path = this.currentPath();
    if (!path || (this.lastCursor?.path === path && this.lastCursor.line === line)) return;
    this.lastCursor = { path, line };
    this.callbacks().onCursorLine(path, line);
  }
}

/**
 * The code as read-only text, laid out like the editor (same font, size, line height
 * and gutter), shown from the first paint until Monaco is ready: the lab page's HTML
 * carries it, so a learner reads the code at once and nothing moves when the editor
 * takes its place. `html` is the build-time highlighting of the starter
 * (lib/highlight); text that differs from it (saved work) is shown plain.
 */
import type { EditorPreview } from './editor-types';

/** Shared with the editor's options (code-editor.tsx), so preview and editor line up. */
export const EDITOR_FONT = { family: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace", size: 13, lineHeight: 19 } as const;

export function CodePreview({ text, preview }: { text: string; preview?: EditorPreview }) {
  const lines = text.split('\n').length;
  const style = { fontFamily: EDITOR_FONT.family, fontSize: EDITOR_FONT.size, lineHeight: `${EDITOR_FONT.lineHeight}px` };
  return (
    <div className="code-preview absolute inset-0 overflow-auto bg-canvas" style={style}>
      <div className="flex min-w-max">
        <pre aria-hidden="true" className="code-preview-gutter">
          {Array.from({ length: lines }, (_, i) => i + 1).join('\n')}
        </pre>
        {preview && preview.text === text ? (
          // Prism's output for our own starter file, escaped at build time (lib/highlight).
          <pre className="code-preview-code" dangerouslySetInnerHTML={{ __html: preview.html }} />
        ) : (
          <pre className="code-preview-code">{text}</pre>
        )}
      </div>
    </div>
  );
}

/**
 * The placeholder shown while the editor's code, workers or type information load.
 * Shared by the lazy wrapper (chunk download) and the editor itself (Monaco start-up),
 * so the learner sees one continuous indicator.
 */
export function EditorLoading({ label = 'Loading editor…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex h-full min-h-24 w-full flex-1 items-center justify-center gap-3 bg-canvas text-sm text-muted">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-border border-t-accent motion-reduce:animate-none"
      />
      <span>{label}</span>
    </div>
  );
}

/**
 * When the page's first code editor shows a file. Work the learner does not need to
 * read a lab (loading the checks' code to list them, parsing @grafana/ui for the Panel
 * tab) waits for it: started with the page, it ran beside Monaco's own parse on the
 * page's thread. A Run pressed earlier still loads what it needs at once.
 */

/** How long a page waits for its editor before starting that work anyway, ms (no editor, or one that failed to load). */
export const EDITOR_WAIT_FALLBACK_MS = 6000;

let markShown: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  markShown = resolve;
});

/** Called by the code editor once it shows a file. Later calls do nothing. */
export function editorShown(): void {
  markShown();
}

/**
 * Resolves when an editor has shown a file on this page, or after `fallbackMs`
 * (milliseconds on the page's clock) if none does (no editor, or one that failed to load).
 */
export function afterEditorShown(fallbackMs = EDITOR_WAIT_FALLBACK_MS): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    void shown.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

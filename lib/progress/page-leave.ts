/**
 * Runs `flush` whenever the page may be going away: `pagehide` (a reload, a navigation,
 * a closed tab, the page entering the back/forward cache), `beforeunload`, and the page
 * becoming hidden (a mobile browser may discard a hidden tab without another event).
 * Used by everything that writes to storage after a debounce (the progress sync, a
 * mentor's review drafts), so a change made just before leaving is never lost.
 *
 * Returns a function that removes the listeners. Does nothing without a window (tests,
 * the server render).
 */
export type LeaveWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;
export type LeaveDocument = Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;

export function onPageLeave(win: LeaveWindow | undefined, doc: LeaveDocument | undefined, flush: () => void): () => void {
  if (!win) return () => undefined;
  const onHide = () => flush();
  const onVisibility = () => {
    if (doc?.visibilityState === 'hidden') flush();
  };
  win.addEventListener('pagehide', onHide);
  win.addEventListener('beforeunload', onHide);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onHide);
    win.removeEventListener('beforeunload', onHide);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}

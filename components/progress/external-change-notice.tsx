'use client';
/**
 * Tells the learner, politely, that this lab changed in another tab and what they see
 * now is the newer version (the editor has already been updated). The live region is
 * always rendered so screen readers announce the message when it appears.
 */
import { useEffect, useRef, useState } from 'react';
import { useProgress } from '@/components/progress/use-progress';

export function ExternalChangeNotice({ labId }: { labId: string }) {
  const change = useProgress((s) => s.externalChange);
  // Changes from before this lab was opened are not news.
  const openedAt = useRef(change?.seq ?? 0);
  const [dismissed, setDismissed] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!change || change.seq <= openedAt.current || change.seq <= dismissed) return;
    const lab = change.labs[labId];
    if (!lab) return;
    const files = lab.files.join(', ');
    setMessage(
      lab.files.length > 0
        ? `${files} ${lab.files.length === 1 ? 'was' : 'were'} changed in another tab or window. The newer version is shown here and saved.`
        : 'Your answers or settings for this lab changed in another tab or window. The newer version is shown here.',
    );
  }, [change, labId, dismissed]);

  return (
    <div role="status" aria-live="polite">
      {message ? (
        <div className="flex flex-wrap items-center gap-2 rounded border border-accent/60 bg-accent/10 p-2 text-sm">
          <p className="flex-1">{message}</p>
          <button
            type="button"
            className="rounded border border-border px-2 py-0.5 text-xs hover:bg-panel-2"
            onClick={() => {
              setDismissed(change?.seq ?? 0);
              setMessage(null);
            }}
          >
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}

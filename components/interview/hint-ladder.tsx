'use client';
/** Hints revealed one at a time; the count used is saved with the attempt. */

interface Props {
  hints: string[];
  revealed: number;
  onReveal(): void;
  /** Shown before any hint is revealed. */
  intro?: string;
}

export function HintLadder({ hints, revealed, onReveal, intro = 'Stuck? Each hint gives a little more away. Hints used are recorded with your score.' }: Props) {
  const shown = hints.slice(0, revealed);
  const left = hints.length - shown.length;
  return (
    <section aria-labelledby="hints-heading" className="rounded-lg border border-border bg-panel p-4">
      <h2 id="hints-heading" className="text-sm font-semibold text-white">
        Hints <span className="font-normal text-muted">({shown.length} of {hints.length} used)</span>
      </h2>
      {shown.length === 0 ? <p className="mt-2 text-sm text-muted">{intro}</p> : null}
      <ol aria-live="polite" className="mt-2 space-y-2">
        {shown.map((hint, i) => (
          <li key={i} className="rounded border border-border bg-canvas p-2 text-sm">
            <span className="font-semibold text-white">Hint {i + 1}.</span> {hint}
          </li>
        ))}
      </ol>
      {left > 0 ? (
        <button type="button" onClick={onReveal} className="mt-3 rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
          Show hint {shown.length + 1} of {hints.length}
        </button>
      ) : (
        <p className="mt-3 text-xs text-muted">That was the last hint.</p>
      )}
    </section>
  );
}

'use client';
/** Pick a self-score from 1 to 5 and save it; a suggestion from the rubric ticks helps calibrate. */
import { useId, useState } from 'react';
import { MAX_SCORE, MIN_SCORE, SCORE_LABELS } from '@/lib/interview/progress-schema';

interface Props {
  /** The score already saved for this attempt, if any. */
  saved?: number;
  /** Suggested from the ticks, if the rubric was ticked. */
  suggested?: number;
  onSave(score: number): void;
  legend?: string;
  saveLabel?: string;
}

const SCORES = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i);

export function SelfScore({ saved, suggested, onSave, legend = 'Your self-score', saveLabel = 'Save score' }: Props) {
  const [choice, setChoice] = useState<number | undefined>(saved);
  const name = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== undefined) onSave(choice);
      }}
    >
      <fieldset>
        <legend className="text-sm font-semibold text-white">{legend}</legend>
        {suggested !== undefined ? <p className="mt-1 text-xs text-muted">Your ticks suggest {suggested} of {MAX_SCORE}.</p> : null}
        <div className="mt-2 flex flex-wrap gap-2">
          {SCORES.map((score) => (
            <label key={score} className={`flex cursor-pointer items-center gap-1.5 rounded border px-2 py-1 text-sm ${choice === score ? 'border-accent bg-panel-2 text-white' : 'border-border'}`}>
              <input type="radio" name={name} value={score} checked={choice === score} onChange={() => setChoice(score)} />
              {score} – {SCORE_LABELS[score]}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={choice === undefined} className="mt-3 rounded bg-accent px-3 py-1 text-sm font-medium text-canvas hover:opacity-90 disabled:opacity-50">
        {saved !== undefined && saved !== choice ? 'Update score' : saveLabel}
      </button>
    </form>
  );
}

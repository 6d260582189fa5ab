'use client';
/** The simulation's one diagnosis question: pick the cause, check it, read why. Saved. */
import { useMemo, useState } from 'react';
import { useLearnerSeed } from '@/components/lab/use-learner-seed';
import type { Diagnosis } from '@/lib/exercises/schema';
import { shuffleFor } from '@/lib/labs/shuffle';

export function DiagnosisQuestion({ question, saved, onAnswer }: { question: Diagnosis; saved?: { choice: string; correct: boolean }; onAnswer(choice: string): void }) {
  // The saved answer arrives after the first render; it stands until another is picked.
  const [picked, setChoice] = useState<string | undefined>(undefined);
  const choice = picked ?? saved?.choice;
  const learnerSeed = useLearnerSeed();
  // This learner's own stable order of the options, as for lab questions.
  const choices = useMemo(() => (learnerSeed ? shuffleFor(question.choices, learnerSeed, `diagnosis:${question.prompt}`) : question.choices), [learnerSeed, question]);
  return (
    <form
      aria-labelledby="diagnosis-heading"
      className="mt-4 rounded border border-border bg-panel p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onAnswer(choice);
      }}
    >
      <h3 id="diagnosis-heading" className="text-base font-semibold text-white">
        Your diagnosis
      </h3>
      <fieldset className="mt-1">
        <legend className="text-sm text-white">{question.prompt}</legend>
        <div className="mt-2 space-y-1">
          {choices.map((c) => (
            <label key={c.id} className="flex items-start gap-2 text-sm">
              <input type="radio" name="diagnosis" value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} className="mt-1" />
              <span>{c.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={!choice} className="mt-2 rounded border border-border px-3 py-1 text-sm hover:bg-panel-2 disabled:opacity-50">
        {saved ? 'Answer again' : 'Check answer'}
      </button>
      {saved ? (
        <div role="status" className="mt-2 text-sm">
          <p className={saved.correct ? 'font-semibold text-ok' : 'font-semibold text-bad'}>{saved.correct ? '✓ Right.' : '✗ Not quite: look at the results again.'}</p>
          {saved.correct ? <p className="mt-1">{question.explanation}</p> : null}
        </div>
      ) : null}
    </form>
  );
}

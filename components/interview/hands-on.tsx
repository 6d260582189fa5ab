'use client';
/**
 * The hands-on part of a question: an auto-graded coding exercise or a troubleshooting
 * simulation (components/exercise/). Loaded client-only and only when the learner
 * opens it, so questions without one, or learners who only talk it through, never
 * download the editor and the sandbox.
 */
import dynamic from 'next/dynamic';
import { useState } from 'react';

const Loading = ({ what }: { what: string }) => (
  <p role="status" className="text-sm text-muted">
    Loading the {what}…
  </p>
);

const ExerciseWorkspace = dynamic(() => import('@/components/exercise/exercise-workspace').then((m) => m.ExerciseWorkspace), {
  ssr: false,
  loading: () => <Loading what="exercise" />,
});

const TroubleshootingSim = dynamic(() => import('@/components/exercise/troubleshooting-sim').then((m) => m.TroubleshootingSim), {
  ssr: false,
  loading: () => <Loading what="simulation" />,
});

interface Props {
  exercise?: string;
  simulation?: string;
}

export function HandsOn({ exercise, simulation }: Props) {
  const [open, setOpen] = useState(false);
  if (!exercise && !simulation) return null;
  const what = exercise ? 'coding exercise' : 'troubleshooting simulation';
  return (
    <section aria-labelledby="hands-on-heading" className="mt-6 rounded-lg border border-border bg-panel p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="hands-on-heading" className="text-lg font-semibold text-white">
            {exercise ? 'Hands-on: write it and run the tests' : 'Hands-on: investigate a simulated incident'}
          </h2>
          <p className="mt-1 text-sm text-muted">
            {exercise
              ? 'Write this in TypeScript against automatic tests, in the browser.'
              : 'Work through a simulated system: gather evidence, form a diagnosis, confirm it.'}
          </p>
        </div>
        <button type="button" aria-expanded={open} aria-controls="hands-on-body" onClick={() => setOpen((o) => !o)} className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
          {open ? `Close the ${what}` : `Open the ${what}`}
        </button>
      </div>
      <div id="hands-on-body" className={open ? 'mt-4' : 'hidden'}>
        {open ? exercise ? <ExerciseWorkspace exerciseId={exercise} /> : <TroubleshootingSim simId={simulation!} /> : null}
      </div>
    </section>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { ExerciseStatusBadge } from '@/components/exercise/exercise-status-badge';
import { exerciseFacts, loadAllExercises } from '@/lib/exercises/load';

export const metadata: Metadata = { title: 'Exercises' };

export default function ExercisesIndex() {
  const all = loadAllExercises();
  const groups = [
    { kind: 'exercise', title: 'Coding exercises', blurb: 'Write the code; tests run it in the sandbox and say which behaviour is wrong.' },
    { kind: 'sim', title: 'Troubleshooting simulations', blurb: 'Something misbehaves: a running toy plugin, or a panel that says "No data". Inspect what happened, name the cause, and fix it where there is code to fix.' },
  ] as const;
  return (
    <div className="mx-auto max-w-4xl p-4">
      <h1 className="text-2xl font-semibold text-white">Exercises</h1>
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`group-${group.kind}`} className="mt-6">
          <h2 id={`group-${group.kind}`} className="text-lg font-semibold text-white">
            {group.title}
          </h2>
          <p className="text-sm text-muted">{group.blurb}</p>
          <ul className="mt-2 space-y-2">
            {all
              .filter((e) => e.kind === group.kind)
              .map((e) => (
                <li key={e.id} className="rounded border border-border bg-panel p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <Link href={`/exercises/${e.id}/`} className="font-semibold text-white underline">
                      {e.meta.title}
                    </Link>
                    <ExerciseStatusBadge id={e.id} facts={exerciseFacts(e)} />
                  </div>
                  <p className="text-sm">{e.meta.summary}</p>
                  <p className="text-xs text-muted">
                    {e.meta.topic} · about {e.meta.estimatedMinutes} min
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

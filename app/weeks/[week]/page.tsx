/**
 * One week of the plan on its own page: goal, outcomes, the labs in order with the
 * learner's progress, the week's exercises with their status (the exercise list's
 * badge and rules), and the way on to the next week. Static: one page per week.
 */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LabListItem } from '@/components/plan/lab-list-item';
import { AssignmentPanel } from '@/components/mentor/assignment-panel-lazy';
import { loadCatalogue } from '@/lib/mentor/catalogue-load';
import { PlanProgressBar } from '@/components/plan/plan-progress-bar';
import type { PlanLab } from '@/components/plan/plan-progress';
import { ExerciseStatusBadge } from '@/components/exercise/exercise-status-badge';
import { exerciseFacts, loadAllExercises } from '@/lib/exercises/load';
import { loadAllLabs, summarize } from '@/lib/labs/load';
import { loadWeeks } from '@/lib/labs/weeks';

type Params = { week: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadWeeks().map((w) => ({ week: String(w.number) }));
}

function findWeek({ week }: Params) {
  const weeks = loadWeeks();
  const index = weeks.findIndex((w) => String(w.number) === week);
  return index < 0 ? undefined : { week: weeks[index], next: weeks[index + 1], previous: weeks[index - 1] };
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const found = findWeek(await params);
  return { title: found ? `Week ${found.week.number}: ${found.week.title}` : 'Week' };
}

export default async function WeekPage({ params }: { params: Promise<Params> }) {
  const found = findWeek(await params);
  if (!found) notFound();
  const { week, next, previous } = found;
  const labs: PlanLab[] = loadAllLabs()
    .filter((lab) => lab.week === week.number)
    .map((lab) => ({ ...summarize(lab), questionIds: lab.questions.map((q) => q.id) }));
  // Simulations and exercises of the week come after its labs, as the plan orders them.
  const allExercises = loadAllExercises();
  const exercises = (week.exercises ?? []).map((id) => {
    const found = allExercises.find((e) => e.id === id);
    if (!found) throw new Error(`content/weeks.json, week ${week.number}: exercises names "${id}", which is not in content/exercises/. Fix the id or add the exercise.`);
    return found;
  });

  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="text-accent underline-offset-2 hover:underline">
          The plan
        </Link>{' '}
        / Week {week.number}
      </nav>
      <h1 className="mt-3 text-3xl font-semibold text-white">
        <span className="block text-sm font-medium tracking-wide text-accent uppercase">Week {week.number}</span>
        {week.title}
      </h1>
      <p className="mt-3 text-lg leading-relaxed">{week.goal}</p>

      <div className="mt-6 max-w-md">
        <PlanProgressBar label={`Week ${week.number} progress`} labs={labs} showCount />
      </div>

      <AssignmentPanel catalogue={loadCatalogue()} week={week.number} />

      <section aria-labelledby="outcomes-title" className="mt-8">
        <h2 id="outcomes-title" className="text-xl font-semibold text-white">
          By the end of the week you can
        </h2>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 leading-relaxed marker:text-border">
          {week.outcomes.map((outcome) => (
            <li key={outcome}>{outcome}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="labs-title" className="mt-8">
        <h2 id="labs-title" className="text-xl font-semibold text-white">
          Labs, in order
        </h2>
        {labs.length === 0 && exercises.length === 0 ? (
          <p className="mt-3 text-muted">Labs for this week are coming.</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {labs.map((lab) => (
              <LabListItem key={lab.id} lab={lab} heading className="rounded-md border border-border bg-panel p-4" />
            ))}
            {exercises.map((exercise, i) => (
              <li key={exercise.id} className="rounded-md border border-border bg-panel p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h3 className="font-medium">
                    {/* After the week's labs, numbered on from the highest lab number (labs are numbered by their folder). */}
                    <span className="text-muted">{Math.max(labs.length, ...labs.map((l) => l.order)) + i + 1}. </span>
                    <Link href={`/exercises/${exercise.id}/`} className="text-accent underline-offset-2 hover:underline">
                      {exercise.meta.title}
                    </Link>
                  </h3>
                  <ExerciseStatusBadge id={exercise.id} facts={exerciseFacts(exercise)} />
                </div>
                <p className="mt-1 text-sm leading-relaxed text-muted">{exercise.meta.summary}</p>
                <p className="mt-1 text-xs text-muted">
                  {exercise.kind === 'sim' ? 'Troubleshooting simulation' : 'Coding exercise'} · {exercise.meta.topic} · about {exercise.meta.estimatedMinutes} min
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <nav aria-label="Weeks" className="mt-10 flex flex-wrap justify-between gap-4 border-t border-border pt-4 text-sm">
        {previous ? (
          <Link href={`/weeks/${previous.number}/`} className="text-accent underline-offset-2 hover:underline">
            ← Week {previous.number}: {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={`/weeks/${next.number}/`} className="text-accent underline-offset-2 hover:underline">
            Next: Week {next.number}: {next.title} →
          </Link>
        ) : (
          // After the last week comes the capstone, on the plan page.
          <Link href="/#capstone-title" className="text-accent underline-offset-2 hover:underline">
            Next: pick a capstone →
          </Link>
        )}
      </nav>
    </div>
  );
}

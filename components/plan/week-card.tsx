/**
 * One week of the plan: goal, outcomes, labs and progress. A server component: only
 * the progress bar and the lab badges read the learner's saved progress.
 */
import Link from 'next/link';
import type { Week } from '@/lib/labs/schema';
import { LabListItem } from './lab-list-item';
import { PlanProgressBar } from './plan-progress-bar';
import type { PlanLab } from './plan-progress';

export function WeekCard({ week, labs }: { week: Week; labs: PlanLab[] }) {
  const titleId = `week-${week.number}-title`;
  return (
    <article aria-labelledby={titleId} className="rounded-lg border border-border bg-panel p-5 sm:p-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-8">
        <div className="min-w-0">
          <h3 id={titleId} className="text-xl font-semibold text-white">
            <span className="block text-sm font-medium tracking-wide text-accent uppercase">Week {week.number}</span>
            <Link href={`/weeks/${week.number}/`} className="underline-offset-2 hover:underline">
              {week.title}
            </Link>
          </h3>
          <p className="mt-2 leading-relaxed">{week.goal}</p>
        </div>
        <div className="w-full shrink-0 sm:w-56 sm:pt-6">
          <PlanProgressBar label={`Week ${week.number} progress`} labs={labs} />
        </div>
      </div>

      <div className="mt-5 grid gap-6 md:grid-cols-2">
        <div>
          <h4 className="text-sm font-semibold text-white">By the end of the week you can</h4>
          <ul className="mt-2 list-disc space-y-1.5 pl-5 text-sm leading-relaxed text-muted marker:text-border">
            {week.outcomes.map((outcome) => (
              <li key={outcome}>{outcome}</li>
            ))}
          </ul>
        </div>
        <div>
          <h4 className="text-sm font-semibold text-white">Labs</h4>
          {labs.length === 0 ? (
            <p className="mt-2 text-sm text-muted">Labs for this week are coming.</p>
          ) : (
            <ol className="mt-2 space-y-3">
              {labs.map((lab) => (
                <LabListItem key={lab.id} lab={lab} className="rounded-md border border-border bg-canvas p-3" />
              ))}
            </ol>
          )}
        </div>
      </div>
    </article>
  );
}

/**
 * The plan's last step, after Week 4: pick one capstone. A built capstone links to its
 * lab with the learner's status; one not built yet says "coming", with no link. A
 * server component: only the badges and the bar read saved progress.
 */
import Link from 'next/link';
import type { CapstoneStep } from '@/lib/labs/schema';
import { LabStatusBadge } from './lab-status-badge';
import { PlanProgressBar } from './plan-progress-bar';
import type { PlanLab } from './plan-progress';

export function CapstoneCard({ step, labs }: { step: CapstoneStep; labs: PlanLab[] }) {
  const built = step.capstones.map((c) => ({ ...c, plan: labs.find((l) => l.id === c.lab) }));
  return (
    <article aria-labelledby="capstone-title" className="rounded-lg border border-border bg-panel p-5 sm:p-6" data-testid="capstone-step">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-8">
        <div className="min-w-0">
          <h3 id="capstone-title" className="scroll-mt-4 text-xl font-semibold text-white">
            <span className="block text-sm font-medium tracking-wide text-accent uppercase">Last step</span>
            {step.title}
          </h3>
          <p className="mt-2 leading-relaxed">{step.goal}</p>
        </div>
        <div className="w-full shrink-0 sm:w-56 sm:pt-6">
          <PlanProgressBar label="Capstone progress" labs={[]} capstones={labs} />
        </div>
      </div>
      <ul className="mt-5 grid gap-4 md:grid-cols-2" aria-label="Capstones to pick from">
        {built.map((c) => (
          <li key={c.letter} className="rounded-md border border-border bg-canvas p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              {c.plan ? (
                <Link href={`/labs/${c.plan.id}/`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {c.letter}. {c.title}
                </Link>
              ) : (
                <span className="font-medium text-white">
                  {c.letter}. {c.title}
                </span>
              )}
              {c.plan ? <LabStatusBadge lab={c.plan} /> : <span className="text-sm text-muted">Coming: not built yet</span>}
            </div>
            <p className="mt-1 text-sm leading-relaxed text-muted">{c.summary}</p>
            <p className="mt-1 text-xs text-muted">
              Builds on {c.buildsOn}
              {c.plan ? ` · about ${Math.round(c.plan.estimatedMinutes / 60)} h · ${c.plan.questionCount} questions` : ''}
            </p>
          </li>
        ))}
      </ul>
    </article>
  );
}

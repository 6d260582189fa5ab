import Link from 'next/link';
import { PlanProgressBar } from '@/components/plan/plan-progress-bar';
import type { PlanLab } from '@/components/plan/plan-progress';
import { WeekCard } from '@/components/plan/week-card';
import { CapstoneCard } from '@/components/plan/capstone-card';
import { AssignmentPanel } from '@/components/mentor/assignment-panel-lazy';
import { loadCatalogue } from '@/lib/mentor/catalogue-load';
import { loadAllLabs, summarize } from '@/lib/labs/load';
import { loadCapstones, loadWeeks } from '@/lib/labs/weeks';

export default function HomePage() {
  const weeks = loadWeeks();
  // Question ids travel with the summaries: completion needs every question answered.
  const all: PlanLab[] = loadAllLabs().map((lab) => ({ ...summarize(lab), questionIds: lab.questions.map((q) => q.id) }));
  // The weeks' labs, and the capstones: the plan's last step, one of which completes it.
  const labs = all.filter((lab) => !lab.capstone);
  const capstoneLabs = all.filter((lab) => lab.capstone);
  const capstones = loadCapstones(all.map((lab) => lab.id));

  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <section aria-labelledby="intro-title" className="max-w-3xl">
        <h1 id="intro-title" className="text-3xl font-semibold text-white">
          Learn to build Grafana data sources by writing one
        </h1>
        <p className="mt-4 leading-relaxed">
          Datasource Lab is a four-week path through the backend of a Grafana data source plugin. In each lab you write a
          real handler in TypeScript, right in the browser, against a contract that mirrors Grafana&apos;s Go plugin SDK; it
          calls a mocked upstream API, returns data frames, and automatic checks tell you what already works. Nothing to
          install, and your progress stays in this browser.
        </p>
        <p className="mt-3 text-muted">
          New here? Skim{' '}
          <Link href="/contract/" className="text-accent underline underline-offset-2">
            the contract
          </Link>{' '}
          your handlers code against, then start with the first lab.
        </p>
        <p className="mt-3 text-muted">
          Want smaller drills? The{' '}
          <Link href="/exercises/" className="text-accent underline underline-offset-2">
            exercises
          </Link>{' '}
          have auto-graded coding exercises (a cache, a middleware chain, a connection pool, retries) and troubleshooting
          simulations of a slow or leaking plugin.
        </p>
        <p className="mt-3 text-muted">
          Preparing for interviews? The{' '}
          <Link href="/interview/" className="text-accent underline underline-offset-2">
            interview practice
          </Link>{' '}
          area has design, coding and troubleshooting questions with hints, rubrics, self-scores and mock interviews.
        </p>
      </section>

      <AssignmentPanel catalogue={loadCatalogue()} />

      <section aria-labelledby="overall-title" className="mt-8 rounded-lg border border-border bg-panel p-5">
        <h2 id="overall-title" className="text-sm font-semibold text-white">
          Your progress
        </h2>
        <div className="mt-3">
          <PlanProgressBar label="Overall progress" labs={labs} capstones={capstoneLabs} showCount size="lg" />
        </div>
      </section>

      <section aria-labelledby="plan-title" className="mt-12">
        <h2 id="plan-title" className="text-2xl font-semibold text-white">
          The four-week plan
        </h2>
        <ol className="mt-6 space-y-6">
          {weeks.map((week) => (
            <li key={week.number}>
              <WeekCard week={week} labs={labs.filter((lab) => lab.week === week.number)} />
            </li>
          ))}
          <li>
            <CapstoneCard step={capstones} labs={capstoneLabs} />
          </li>
        </ol>
      </section>
    </div>
  );
}

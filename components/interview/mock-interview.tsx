'use client';
/**
 * The mock interview page: set up a session, run it, read the summary. The session in
 * progress is saved, so a reload lands back on the same question with the clock as it was.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useInterview } from './use-interview';
import type { InterviewQuestion } from '@/lib/interview/schema';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { MockSession } from './mock-session';
import { MockSetup } from './mock-setup';
import { MockSummary } from './mock-summary';
import { formatWhen } from '@/lib/progress/format-time';

export function MockInterview({ questions }: { questions: InterviewQuestion[] }) {
  const hydrated = useProgressHydrated();
  const interview = useInterview();
  const byId = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const [finishedId, setFinishedId] = useState<string | undefined>();
  const finished = finishedId ? interview.mocks.find((m) => m.id === finishedId) : undefined;
  const past = [...interview.mocks].reverse().filter((m) => m.id !== finishedId);

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/interview/" className="text-accent underline-offset-2 hover:underline">
          ← Interview questions
        </Link>
      </nav>
      <h1 className="mt-3 text-2xl font-semibold text-white">Mock interview</h1>

      {!hydrated ? (
        <p className="mt-6 text-sm text-muted">Loading your saved practice…</p>
      ) : interview.activeMock ? (
        <MockSession session={interview.activeMock} byId={byId} onFinished={setFinishedId} />
      ) : (
        <div className="mt-6 space-y-8">
          {finished ? (
            <div className="rounded-lg border border-accent bg-panel p-5">
              <MockSummary session={finished} byId={byId} title="Mock interview summary" focusOnMount />
              <p className="mt-4 text-sm text-muted">Saved. Each self-score also appears in that question&apos;s trend.</p>
            </div>
          ) : null}
          <MockSetup questions={questions} interview={interview} />
          {past.length > 0 ? (
            <section aria-labelledby="past-heading">
              <h2 id="past-heading" className="text-lg font-semibold text-white">
                Past mock interviews
              </h2>
              <ol className="mt-3 space-y-4">
                {past.map((m) => (
                  <li key={m.id} className="rounded-lg border border-border bg-panel p-4">
                    <MockSummary session={m} byId={byId} headingLevel="h3" title={`Mock interview of ${formatWhen(m.startedAt)}`} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}

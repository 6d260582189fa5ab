'use client';
/** The result of a finished mock interview: each question's self-score, hints and time used. */
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { MAX_SCORE, type MockSession } from '@/lib/interview/progress-schema';
import { CATEGORY_LABELS, type InterviewQuestion } from '@/lib/interview/schema';
import { averageScore } from '@/lib/interview/select';
import { formatClock } from '@/lib/interview/timer';
import { own } from '@/lib/progress/dict';
import { formatWhen } from '@/lib/progress/format-time';

interface Props {
  session: MockSession;
  byId: Map<string, InterviewQuestion>;
  headingLevel?: 'h2' | 'h3';
  title?: string;
  /** Take focus when shown (right after finishing, the Finish button is gone). */
  focusOnMount?: boolean;
}

export function MockSummary({ session, byId, headingLevel: H = 'h2', title = 'Summary', focusOnMount }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const answers = session.questionIds.map((id) => ({ id, q: byId.get(id), a: own(session.answers, id) }));
  const average = averageScore(answers.map((x) => x.a?.score));
  const hints = answers.reduce((n, x) => n + (x.a?.hintsRevealed ?? 0), 0);
  const headingId = `summary-${session.id}`;
  return (
    <section aria-labelledby={headingId}>
      <H id={headingId} ref={heading} tabIndex={-1} className="text-lg font-semibold text-white">
        {title}
      </H>
      <p className="mt-1 text-sm">
        {formatWhen(session.startedAt)} · {session.questionIds.length}{' '}
        {session.questionIds.length === 1 ? 'question' : 'questions'} · time used {formatClock(session.timer.elapsedMs)} of {session.plannedMinutes} min planned · average self-score{' '}
        {average !== undefined ? `${average} of ${MAX_SCORE}` : 'none'} · {hints} {hints === 1 ? 'hint' : 'hints'} asked for
      </p>
      <table className="mt-3 w-full border-collapse text-left text-sm">
        <caption className="sr-only">Per-question results</caption>
        <thead>
          <tr className="border-b border-border text-muted">
            <th scope="col" className="py-1.5 pr-3 font-medium">Question</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Category</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Self-score</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">Hints</th>
            <th scope="col" className="py-1.5 font-medium">Time used</th>
          </tr>
        </thead>
        <tbody>
          {answers.map(({ id, q, a }) => (
            <tr key={id} className="border-b border-border">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                {q ? (
                  <Link href={`/interview/${id}/`} className="text-accent underline-offset-2 hover:underline">
                    {q.title}
                  </Link>
                ) : (
                  <span className="text-muted">{id} (no longer in the bank)</span>
                )}
              </th>
              <td className="py-1.5 pr-3">{q ? CATEGORY_LABELS[q.category] : '—'}</td>
              <td className="py-1.5 pr-3 text-white">{a?.score !== undefined ? `${a.score} / ${MAX_SCORE}` : 'not scored'}</td>
              <td className="py-1.5 pr-3">{a?.hintsRevealed ?? 0}</td>
              <td className="py-1.5">{formatClock(a?.timeMs ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

'use client';
/**
 * The question bank: filter by category and difficulty, see what was practised and
 * the last self-score. Easiest first (beginner questions at the top), so a junior knows
 * where to start. Filters are saved, and the mock interview starts from them.
 */
import Link from 'next/link';
import { interviewActions as act } from '@/lib/interview/actions';
import { useInterview } from './use-interview';
import { EMPTY_INTERVIEW, MAX_SCORE } from '@/lib/interview/progress-schema';
import type { InterviewQuestionSummary } from '@/lib/interview/schema';
import { byDifficulty, filterQuestions, knownFilters, practiceSummary } from '@/lib/interview/select';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { FilterControls } from './filter-controls';
import { QuestionMeta } from './question-meta';

export function QuestionBank({ questions }: { questions: InterviewQuestionSummary[] }) {
  const hydrated = useProgressHydrated();
  const saved = useInterview();
  // Until saved progress is read, show what the static HTML showed: no filters, nothing practised.
  const interview = hydrated ? saved : EMPTY_INTERVIEW;
  const filters = knownFilters(interview.filters);
  const shown = byDifficulty(filterQuestions(questions, filters));
  const practised = questions.filter((q) => practiceSummary(interview, q.id).attempts > 0).length;

  return (
    <div>
      <section aria-labelledby="filters-heading" className="rounded-lg border border-border bg-panel p-4">
        <h2 id="filters-heading" className="sr-only">
          Filters
        </h2>
        <FilterControls filters={filters} onChange={act.setFilters} disabled={!hydrated} />
        <p role="status" className="mt-3 text-sm text-muted">
          Showing {shown.length} of {questions.length} questions · {practised} practised
        </p>
      </section>

      {shown.length === 0 ? (
        <p className="mt-6 text-sm">No question matches these filters. Tick more categories or difficulties, or clear the filters.</p>
      ) : (
        <ol aria-label="Questions" className="mt-6 grid gap-4 md:grid-cols-2">
          {shown.map((q) => {
            const summary = practiceSummary(interview, q.id);
            return (
              <li key={q.id} className="flex flex-col rounded-lg border border-border bg-panel p-4">
                <div className="flex items-baseline justify-between gap-3">
                  <h3 className="font-semibold">
                    <Link href={`/interview/${q.id}/`} className="text-accent underline-offset-2 hover:underline">
                      <span className="sr-only">Question {q.number}: </span>
                      {q.title}
                    </Link>
                  </h3>
                  <span className="shrink-0 text-xs text-muted" aria-hidden="true">
                    #{q.number}
                  </span>
                </div>
                <QuestionMeta className="mt-2" category={q.category} difficulty={q.difficulty} minutes={q.suggestedMinutes} />
                <p className="mt-2 flex-1 text-sm leading-relaxed text-muted">{q.summary}</p>
                <p className="mt-3 text-sm">
                  {summary.last ? (
                    <span className="text-ok">
                      ✓ Practised {summary.attempts} {summary.attempts === 1 ? 'time' : 'times'} · last score {summary.last.score} of {MAX_SCORE}
                    </span>
                  ) : summary.inProgress ? (
                    <span className="text-warn">In progress, not scored yet</span>
                  ) : (
                    <span className="text-muted">Not practised yet</span>
                  )}
                  {q.hasExercise ? <span className="text-muted"> · has a hands-on part</span> : null}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

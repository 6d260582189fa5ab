'use client';
/** Choosing a mock interview: filters (shared with the bank), how many questions, start. */
import { useId, useState } from 'react';
import { interviewActions as act } from '@/lib/interview/actions';
import type { InterviewProgress } from '@/lib/interview/progress-schema';
import type { InterviewQuestion } from '@/lib/interview/schema';
import { filterQuestions, knownFilters, pickRandom } from '@/lib/interview/select';
import { FilterControls } from './filter-controls';

export function MockSetup({ questions, interview }: { questions: InterviewQuestion[]; interview: InterviewProgress }) {
  const filters = knownFilters(interview.filters);
  const pool = filterQuestions(questions, filters);
  const [requested, setRequested] = useState(3);
  const count = Math.max(pool.length === 0 ? 0 : 1, Math.min(requested, pool.length));
  const countId = useId();

  const start = () => {
    const picked = pickRandom(pool, count);
    act.startMock({ questionIds: picked.map((q) => q.id), plannedMinutes: picked.reduce((m, q) => m + q.suggestedMinutes, 0), filters });
  };

  return (
    <section aria-labelledby="setup-heading" className="rounded-lg border border-border bg-panel p-5">
      <h2 id="setup-heading" className="text-lg font-semibold text-white">
        Set up a mock interview
      </h2>
      <p className="mt-1 text-sm text-muted">
        Questions are picked at random from those matching the filters. One clock runs for the whole session, set to the questions&apos; suggested
        times added up. Hints stay hidden unless you ask, and asking is recorded.
      </p>
      <div className="mt-4">
        <FilterControls filters={filters} onChange={act.setFilters} />
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={countId} className="block text-sm font-semibold text-white">
            Number of questions
          </label>
          <input
            id={countId}
            type="number"
            min={1}
            max={Math.max(1, pool.length)}
            value={requested}
            onChange={(e) => setRequested(Number(e.target.value) || 1)}
            className="mt-1 w-24 rounded border border-border bg-canvas px-2 py-1 text-sm"
          />
        </div>
        <button type="button" onClick={start} disabled={pool.length === 0} className="rounded bg-accent px-4 py-1.5 text-sm font-medium text-canvas hover:opacity-90 disabled:opacity-50">
          Start mock interview
        </button>
      </div>
      <p role="status" className="mt-2 text-sm text-muted">
        {pool.length === 0
          ? 'No question matches these filters; widen them to start.'
          : `${pool.length} ${pool.length === 1 ? 'question matches' : 'questions match'}; ${count} will be picked${requested > pool.length ? ' (all that match)' : ''}.`}
      </p>
    </section>
  );
}

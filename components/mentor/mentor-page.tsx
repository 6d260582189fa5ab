'use client';
/**
 * The mentor's page: Assign (a link and a file), then Review (import hand-ins, re-run
 * them, compare, comment, export feedback and the cohort as CSV). The mentor's own
 * progress is never read into the review nor written by it.
 */
import type { LabPageData } from '@/components/lab/lab-types';
import type { Catalogue } from '@/lib/mentor/catalogue';
import { AssignForm } from './assign-form';
import { Review } from './review';

export function MentorPage({ catalogue, labs }: { catalogue: Catalogue; labs: LabPageData[] }) {
  return (
    <div className="mx-auto max-w-[1600px] px-4 py-8">
      <h1 className="text-3xl font-semibold text-white">Mentor</h1>
      <p className="mt-3 max-w-3xl leading-relaxed">
        Set work for the people you mentor and review what they hand in. There are no accounts: an assignment travels as a link or a file, the learner hands in one file,
        and this page re-runs every lab in it in the sandbox, so the results you see are computed here, not taken from the file. Your own progress in this browser is not
        touched.
      </p>
      <section aria-labelledby="assign-title" className="mt-8">
        <h2 id="assign-title" className="text-2xl font-semibold text-white">
          1. Assign
        </h2>
        <div className="mt-4">
          <AssignForm catalogue={catalogue} />
        </div>
      </section>
      <section aria-labelledby="review-title" className="mt-12">
        <h2 id="review-title" className="text-2xl font-semibold text-white">
          2. Review hand-ins
        </h2>
        <div className="mt-4">
          <Review catalogue={catalogue} labs={labs} />
        </div>
      </section>
    </div>
  );
}

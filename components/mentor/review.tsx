'use client';
/**
 * Review: import one or many submission files, watch each lab re-run in turn, see the
 * cohort at a glance, then open one learner's work. The review lives in this tab
 * (lib/mentor/review-store.ts), except the mentor's notes and comments, saved as drafts
 * in this browser (lib/mentor/review-drafts.ts) and restored when the same file is
 * imported again; the feedback file and the CSV are what it produces.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { LabPageData } from '@/components/lab/lab-types';
import type { Catalogue } from '@/lib/mentor/catalogue';
import { MAX_SUBMISSIONS_PER_IMPORT } from '@/lib/mentor/limits';
import { createReviewDrafts } from '@/lib/mentor/review-drafts';
import { createReviewStore, type ReviewStore } from '@/lib/mentor/review-store';
import { CohortTable } from './cohort-table';
import { LearnerReview } from './learner-review';
import { rerunInBrowser, warmUpSandbox } from './rerun-in-browser';
import { BUTTON, CARD, FIELD } from './styles';
import { JsonFileDrop } from '@/components/ui/json-file-drop';

export function Review({ catalogue, labs }: { catalogue: Catalogue; labs: LabPageData[] }) {
  const labsById = useMemo(() => new Map(labs.map((l) => [l.id, l])), [labs]);
  // Storage is opened at the first import, never during the server render.
  const [drafts] = useState(() => createReviewDrafts({ storage: () => window.localStorage, window: typeof window === 'undefined' ? undefined : window, document: typeof document === 'undefined' ? undefined : document }));
  const [store] = useState<ReviewStore>(() => createReviewStore({ labs: labsById, rerun: rerunInBrowser, drafts }));
  // Leaving the page stops the re-runs (stop, not dispose: React may mount this twice in development).
  useEffect(() => () => store.getState().stop(), [store]);
  // Drafts are written at once when the page is hidden or closed, and when the mentor leaves the review.
  useEffect(() => drafts.listen(), [drafts]);
  useEffect(warmUpSandbox, []);
  const state = useStore(store);
  const [selected, setSelected] = useState<string | null>(null);
  const ids = { name: useId(), learner: useId() };

  const entry = state.entries.find((e) => e.key === selected) ?? state.entries[0];
  const running = state.running ? state.entries.find((e) => e.key === state.running!.key) : undefined;
  const waiting = state.entries.reduce((n, e) => n + Object.values(e.labs).filter((l) => l.state === 'waiting').length, 0);
  const stoppedCount = state.entries.reduce((n, e) => n + Object.values(e.labs).filter((l) => l.state === 'stopped').length, 0);

  async function importFiles(list: FileList | null | undefined) {
    if (!list || list.length === 0) return;
    const report = await store.getState().importFiles([...list]);
    if (report.added.length > 0 && !selected) setSelected(store.getState().entries.find((e) => e.fileName === report.added[0])?.key ?? null);
  }

  return (
    <div className="flex flex-col gap-4">
      <div className={`${CARD} grid gap-4 md:grid-cols-2`}>
        <JsonFileDrop
          multiple
          onFiles={(files) => void importFiles(files)}
          label={
            <>
              Import submissions: choose one or more <code>.json</code> files (up to {MAX_SUBMISSIONS_PER_IMPORT} at once, 2 MB each), or drop them here.
            </>
          }
        />
        <label htmlFor={ids.name} className="flex flex-col gap-1 text-sm">
          Your name, for the feedback files
          <input id={ids.name} className={FIELD} value={state.mentorName} maxLength={80} autoComplete="name" onChange={(e) => store.getState().setMentorName(e.target.value)} />
        </label>
      </div>

      <div aria-live="polite" role="status" className="text-sm">
        {state.lastImport && state.lastImport.added.length > 0 ? <p className="text-ok">Imported {state.lastImport.added.join(', ')}.</p> : null}
      </div>
      {state.lastImport && state.lastImport.refused.length > 0 ? (
        <div role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
          <p className="font-semibold text-white">Not imported:</p>
          <ul className="mt-1 list-disc pl-5">
            {state.lastImport.refused.map((r, i) => (
              <li key={i}>
                <span className="font-mono">{r.fileName}</span>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {state.entries.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" role="status" aria-live="polite">
          {running ? (
            <>
              <span>
                Re-running {running.submission.learner}: {labsById.get(state.running!.labId)?.title ?? state.running!.labId}… {waiting > 0 ? `${waiting} more waiting.` : ''}
              </span>
              <button type="button" className={BUTTON} onClick={() => store.getState().skip()}>
                Stop this re-run
              </button>
              <button type="button" className={BUTTON} onClick={() => store.getState().stop()}>
                Stop all
              </button>
            </>
          ) : waiting + stoppedCount > 0 ? (
            <>
              <span>{waiting + stoppedCount} lab(s) not re-run.</span>
              <button type="button" className={BUTTON} onClick={() => store.getState().resume()}>
                Re-run them
              </button>
            </>
          ) : (
            <span>Every lab has been re-run.</span>
          )}
        </div>
      ) : (
        <p className="text-sm text-muted">No submissions yet. A learner makes one with Hand in on their home page.</p>
      )}

      {state.entries.length > 0 ? (
        <section aria-labelledby="cohort-title">
          <h3 id="cohort-title" className="text-xl font-semibold text-white">
            Cohort
          </h3>
          <CohortTable entries={state.entries} catalogue={catalogue} selected={entry?.key} onOpen={setSelected} />
        </section>
      ) : null}

      {entry ? (
        <section aria-labelledby="learner-title" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <h3 id="learner-title" className="text-xl font-semibold text-white">
              Work of {entry.submission.learner}
            </h3>
            {state.entries.length > 1 ? (
              <label htmlFor={ids.learner} className="flex items-center gap-2 text-sm">
                Learner
                <select id={ids.learner} className={FIELD} value={entry.key} onChange={(e) => setSelected(e.target.value)}>
                  {state.entries.map((e) => (
                    <option key={e.key} value={e.key}>
                      {e.submission.learner} ({e.fileName})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <LearnerReview key={entry.key} entry={entry} store={store} labs={labsById} catalogue={catalogue} />
        </section>
      ) : null}
    </div>
  );
}

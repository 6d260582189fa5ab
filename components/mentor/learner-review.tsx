'use client';
/**
 * One learner's submission: whether the file is intact, when it was handed in against
 * the due day, every lab with its re-run verdict, one lab in detail (lab-review.tsx),
 * the overall note and the feedback file. When the mentor's notes and comments came
 * back from a draft saved in this browser, it says so and offers to discard them.
 */
import { useId, useState } from 'react';
import type { LabPageData } from '@/components/lab/lab-types';
import { downloadText } from '@/components/progress/download';
import { formatDay, slug } from '@/lib/mentor/assignment';
import type { Catalogue } from '@/lib/mentor/catalogue';
import { MAX_NOTE_CHARS } from '@/lib/mentor/limits';
import type { ReviewEntry, ReviewStore } from '@/lib/mentor/review-store';
import { integrityText } from '@/lib/mentor/submission';
import { formatWhen } from '@/lib/progress/format-time';
import { LabReviewPanel } from './lab-review';
import { BUTTON, CARD, FIELD, PRIMARY } from './styles';

export function LearnerReview({ entry, store, labs, catalogue }: { entry: ReviewEntry; store: ReviewStore; labs: ReadonlyMap<string, LabPageData>; catalogue: Catalogue }) {
  const s = entry.submission;
  const labIds = Object.keys(entry.labs);
  const [labId, setLabId] = useState(labIds[0]);
  const [feedbackMessage, setFeedbackMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const noteId = useId();
  const late = s.assignment ? s.localDay > s.assignment.due : false;

  function downloadFeedback() {
    const made = store.getState().feedback(entry.key);
    if (!made.ok) return setFeedbackMessage({ ok: false, text: `The feedback file was not made: ${made.reason}. Write your name above (under Import submissions) and try again.` });
    downloadText(`feedback-${slug(s.learner)}-${made.value.createdAt.slice(0, 10)}.json`, JSON.stringify(made.value, null, 1));
    setFeedbackMessage({ ok: true, text: `Feedback for ${s.learner} saved as a file: send it to them. They open it on their home page; it shows beside their code and changes none of it.` });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className={`${CARD} text-sm`}>
        <p role={entry.integrity === 'damaged' ? 'alert' : undefined} className={entry.integrity === 'damaged' ? 'font-semibold text-bad' : entry.integrity === 'unsealed' ? 'text-warn' : 'text-ok'}>
          {integrityText(entry.integrity)}
        </p>
        <p className="mt-1">
          Handed in {formatWhen(s.createdAt)} (their day: {s.localDay}) from <span className="font-mono">{entry.fileName}</span>.
          {s.assignment ? (
            <>
              {' '}
              For the assignment from {s.assignment.mentor}, due {formatDay(s.assignment.due)}:{' '}
              <strong className={late ? 'text-warn' : 'text-ok'}>{late ? 'late' : 'on time'}</strong>.
            </>
          ) : (
            ' Not for an assignment.'
          )}
        </p>
        <OtherWork entry={entry} catalogue={catalogue} />
        {entry.restoredFrom ? (
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <p>Your notes and comments from {formatWhen(entry.restoredFrom)} were restored.</p>
            <button type="button" className={BUTTON} onClick={() => store.getState().discardRestored(entry.key)}>
              Discard restored notes
            </button>
          </div>
        ) : null}
      </div>

      <nav aria-label={`Labs handed in by ${s.learner}`} className="flex flex-col gap-1">
        {labIds.map((id) => {
          const review = entry.labs[id];
          const title = labs.get(id)?.title ?? s.labs[id].title ?? id;
          const current = id === labId;
          return (
            <button
              key={id}
              type="button"
              aria-current={current ? 'true' : undefined}
              onClick={() => setLabId(id)}
              className={`flex flex-wrap justify-between gap-x-4 rounded border px-3 py-2 text-left text-sm ${current ? 'border-accent bg-accent/10' : 'border-border bg-panel hover:bg-panel-2'}`}
            >
              <span className="font-semibold text-white">{title}</span>
              <span className={review.verdict.agrees === false ? 'font-semibold text-bad' : 'text-muted'}>{review.state === 'running' ? 'Re-running…' : review.verdict.summary}</span>
            </button>
          );
        })}
      </nav>

      {labId && entry.labs[labId] ? <LabReviewPanel key={labId} entry={entry} labId={labId} lab={labs.get(labId)} store={store} /> : null}

      <div className={`${CARD} flex flex-col gap-2`}>
        <label htmlFor={noteId} className="flex flex-col gap-1 text-sm">
          Overall note to {s.learner} (plain text)
          <textarea id={noteId} className={`${FIELD} min-h-20`} maxLength={MAX_NOTE_CHARS} value={entry.note} onChange={(e) => store.getState().setNote(entry.key, e.target.value)} />
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={PRIMARY} onClick={downloadFeedback}>
            Download feedback file
          </button>
          <button type="button" className={BUTTON} onClick={() => store.getState().remove(entry.key)}>
            Remove {s.learner} from this review
          </button>
        </div>
        <p role="status" className={feedbackMessage?.ok ? 'text-sm text-ok' : 'sr-only'}>
          {feedbackMessage?.ok ? feedbackMessage.text : ''}
        </p>
        {feedbackMessage && !feedbackMessage.ok ? (
          <p role="alert" className="text-sm text-bad">
            {feedbackMessage.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Exercises and interview questions handed in, as claimed (they are not re-run here). */
function OtherWork({ entry, catalogue }: { entry: ReviewEntry; catalogue: Catalogue }) {
  const s = entry.submission;
  const exercises = Object.keys(s.exercises);
  const questions = Object.keys(s.questions);
  if (exercises.length === 0 && questions.length === 0) return null;
  const title = (list: Catalogue['exercises'], id: string, fallback?: string) => list.find((i) => i.id === id)?.title ?? fallback ?? id;
  return (
    <div className="mt-2">
      <p className="text-muted">Also handed in (as the learner saved them; only labs are re-run here):</p>
      <ul className="list-disc pl-5">
        {exercises.map((id) => {
          const r = s.exercises[id].lastResult;
          return (
            <li key={`e:${id}`}>
              Exercise {title(catalogue.exercises, id, s.exercises[id].title)}: {r ? `${r.passed} of ${r.total} tests passed (${formatWhen(r.at)})` : 'not run'}
              {s.exercises[id].diagnosis ? `; diagnosis ${s.exercises[id].diagnosis!.correct ? 'right' : 'wrong'}` : ''}
            </li>
          );
        })}
        {questions.map((id) => {
          const attempts = s.questions[id].attempts;
          const best = attempts.reduce((m, a) => Math.max(m, a.score), 0);
          const hints = attempts.reduce((n, a) => n + a.hintsUsed, 0);
          return (
            <li key={`q:${id}`}>
              Interview question {title(catalogue.questions, id, s.questions[id].title)}: {attempts.length} attempt(s){attempts.length > 0 ? `, best self-score ${best}/5, ${hints} hint(s) taken` : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

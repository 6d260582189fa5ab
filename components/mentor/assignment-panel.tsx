'use client';
/**
 * The learner's side of mentoring, on the home page and each week page: an assignment
 * link being opened (shown, then saved on request), the saved assignments with who set
 * them, when they are due and how far along the learner is, Hand in, and feedback
 * received. On the home page it also opens assignment and feedback files.
 *
 * Everything shown from an assignment or feedback file (names, notes) is text in
 * React elements, never markup.
 */
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { ProgressBar } from '@/components/plan/progress-bar';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { assignmentParam, dueText, formatDay, localDay, readAssignmentParam, type Assignment } from '@/lib/mentor/assignment';
import { assignmentProgress } from '@/lib/mentor/assignment-progress';
import type { Catalogue } from '@/lib/mentor/catalogue';
import type { SavedFeedback } from '@/lib/mentor/feedback';
import { own } from '@/lib/progress/dict';
import { formatWhen } from '@/lib/progress/format-time';
import type { SavedAssignment } from '@/lib/progress/mentor-schema';
import { progressStore } from '@/lib/progress/store';
import { HandIn } from './hand-in';
import { MentorFiles } from './mentor-files';
import { BUTTON, CARD, PRIMARY } from './styles';

type Incoming = { ok: true; assignment: Assignment } | { ok: false; reason: string } | null;

/** `week`: only assignments with labs in that week, and only those labs (the week page). */
export function AssignmentPanel({ catalogue, week }: { catalogue: Catalogue; week?: number }) {
  const hydrated = useProgressHydrated();
  const assignments = useProgress((s) => s.assignments);
  const feedback = useProgress((s) => s.feedback);
  const [incoming, setIncoming] = useState<Incoming>(null);
  const home = week === undefined;

  // An assignment link: read the fragment once the page is up (and when it changes).
  useEffect(() => {
    if (!home) return;
    const read = () => {
      const encoded = assignmentParam(window.location.hash);
      if (encoded === null) return;
      const result = readAssignmentParam(encoded);
      setIncoming(result.ok ? { ok: true, assignment: result.value } : { ok: false, reason: result.reason });
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [home]);

  const clearLink = () => {
    setIncoming(null);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  };

  const saved = useMemo(() => {
    const list = Object.values(assignments ?? {}).sort((a, b) => a.assignment.due.localeCompare(b.assignment.due));
    return home ? list : list.filter((s) => s.assignment.labs.some((id) => catalogue.labs.find((l) => l.id === id)?.week === week));
  }, [assignments, home, week, catalogue.labs]);
  const received = useMemo(() => Object.values(feedback ?? {}).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)), [feedback]);

  if (!hydrated) return null;
  if (!home && saved.length === 0) return null;

  return (
    <section aria-labelledby={`mentor-panel-${week ?? 'home'}`} className="mt-8 flex flex-col gap-3">
      <h2 id={`mentor-panel-${week ?? 'home'}`} className={home ? 'text-2xl font-semibold text-white' : 'text-xl font-semibold text-white'}>
        {home ? 'From your mentor' : `Assigned for week ${week}`}
      </h2>
      {incoming ? <IncomingCard incoming={incoming} catalogue={catalogue} onDone={clearLink} alreadySaved={incoming.ok && own(assignments, incoming.assignment.id) !== undefined} /> : null}
      {saved.map((s) => (
        <AssignmentCard key={s.assignment.id} saved={s} catalogue={catalogue} week={week} />
      ))}
      {home && received.length > 0 ? <FeedbackList received={received} catalogue={catalogue} /> : null}
      {home && saved.length === 0 && !incoming ? (
        <p className="text-sm text-muted">
          Working with a mentor? When they send you an assignment link, open it here: the assignment, its due day and your progress on it show on this page and on the week pages.
        </p>
      ) : null}
      {home ? <MentorFiles onAssignment={(assignment) => setIncoming({ ok: true, assignment })} /> : null}
    </section>
  );
}

function IncomingCard({ incoming, catalogue, onDone, alreadySaved }: { incoming: NonNullable<Incoming>; catalogue: Catalogue; onDone(): void; alreadySaved: boolean }) {
  if (!incoming.ok) {
    return (
      <div role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        <p className="font-semibold text-white">This assignment link cannot be opened.</p>
        <p className="mt-1">{incoming.reason}</p>
        <button type="button" className={`${BUTTON} mt-2`} onClick={onDone}>
          Dismiss
        </button>
      </div>
    );
  }
  const a = incoming.assignment;
  const { items } = assignmentProgress(a, { labs: {} }, catalogue);
  return (
    <div role="region" aria-label="New assignment" className="rounded border border-accent/60 bg-accent/10 p-4">
      <p className="font-semibold text-white">
        {alreadySaved ? 'You already have this assignment' : 'New assignment'} from <span>{a.mentor}</span>, due {formatDay(a.due)}
      </p>
      {a.note ? <p className="mt-2 whitespace-pre-wrap break-words text-sm">{a.note}</p> : null}
      <ul className="mt-2 list-disc pl-5 text-sm">
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            {item.title}
            {item.href ? null : <span className="text-muted"> ({item.status})</span>}
          </li>
        ))}
      </ul>
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          className={PRIMARY}
          onClick={() => {
            progressStore.getState().saveAssignment(a);
            onDone();
          }}
        >
          {alreadySaved ? 'Update my copy' : 'Save to my plan'}
        </button>
        <button type="button" className={BUTTON} onClick={onDone}>
          Not now
        </button>
      </div>
    </div>
  );
}

function AssignmentCard({ saved, catalogue, week }: { saved: SavedAssignment; catalogue: Catalogue; week?: number }) {
  const labs = useProgress((s) => s.labs);
  const exercises = useProgress((s) => s.exercises);
  const interview = useProgress((s) => s.interview);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const a = saved.assignment;
  const progress = useMemo(() => assignmentProgress(a, { labs, exercises, interview }, catalogue), [a, labs, exercises, interview, catalogue]);
  const shown = week === undefined ? progress.items : progress.items.filter((i) => i.kind === 'lab' && i.week === week);
  const elsewhere = progress.items.length - shown.length;
  const titleId = `assignment-${a.id}-${week ?? 'home'}`;
  const lastHandIn = saved.handedInAt.at(-1);

  return (
    <article aria-labelledby={titleId} className={CARD}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={titleId} className="font-semibold text-white">
          Assignment from {a.mentor}
        </h3>
        <p className="text-sm">
          Due {formatDay(a.due)} <span className="text-muted">({dueText(a.due, localDay(new Date()))})</span>
        </p>
      </div>
      {a.note ? <p className="mt-2 whitespace-pre-wrap break-words text-sm">{a.note}</p> : null}
      <div className="mt-3 max-w-md">
        <ProgressBar label={`Progress on the assignment from ${a.mentor}`} fraction={progress.fraction} ready detail={`${progress.done} of ${progress.items.length} done`} />
      </div>
      <ul className="mt-3 flex flex-col gap-1 text-sm" aria-label="Assigned items">
        {shown.map((item) => (
          <li key={`${item.kind}:${item.id}`} className="flex flex-wrap items-baseline justify-between gap-x-4">
            <span>
              <span className="text-xs uppercase tracking-wide text-muted">{item.kind === 'lab' ? 'Lab' : item.kind === 'exercise' ? 'Exercise' : 'Interview'} </span>
              {item.href ? (
                <Link href={item.href} className="text-accent underline-offset-2 hover:underline">
                  {item.title}
                </Link>
              ) : (
                item.title
              )}
            </span>
            <span className={item.done ? 'text-ok' : 'text-muted'}>{item.status}</span>
          </li>
        ))}
      </ul>
      {elsewhere > 0 ? <p className="mt-1 text-xs text-muted">{elsewhere} more item(s) of this assignment are in other weeks or sections; see the home page.</p> : null}
      <p className="mt-2 text-xs text-muted">{lastHandIn ? `Last handed in ${formatWhen(lastHandIn)}.` : 'Not handed in yet.'}</p>
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <HandIn assignment={a} catalogue={catalogue} />
        {week === undefined ? (
          confirmRemove ? (
            <span className="flex items-center gap-2 text-sm">
              Remove this assignment from your plan? Your work stays.
              <button type="button" className={BUTTON} onClick={() => progressStore.getState().removeAssignment(a.id)}>
                Remove
              </button>
              <button type="button" className={BUTTON} onClick={() => setConfirmRemove(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className={BUTTON} onClick={() => setConfirmRemove(true)}>
              Remove…
            </button>
          )
        ) : null}
      </div>
    </article>
  );
}

function FeedbackList({ received, catalogue }: { received: SavedFeedback[]; catalogue: Catalogue }) {
  return (
    <div className={CARD}>
      <h3 className="font-semibold text-white">Feedback</h3>
      <ul className="mt-2 flex flex-col gap-3">
        {received.map(({ feedback: f, receivedAt }) => {
          const labIds = Object.keys(f.labs);
          return (
            <li key={f.id} className="text-sm">
              <p>
                From <span className="font-semibold text-white">{f.mentor}</span>, {formatWhen(f.createdAt)} <span className="text-muted">(opened {formatWhen(receivedAt)})</span>
              </p>
              {f.note ? <p className="mt-1 whitespace-pre-wrap break-words">{f.note}</p> : null}
              <ul className="mt-1 list-disc pl-5">
                {labIds.map((id) => {
                  const lab = catalogue.labs.find((l) => l.id === id);
                  const comments = f.labs[id].comments.length;
                  const what = `${comments} comment(s)${f.labs[id].note ? ' and a note' : ''}${f.labs[id].verified ? `; re-run by your mentor: ${f.labs[id].verified!.passed}/${f.labs[id].verified!.total} checks` : ''}`;
                  return (
                    <li key={id}>
                      {lab ? (
                        <Link href={`/labs/${id}/`} className="text-accent underline-offset-2 hover:underline">
                          {lab.title}
                        </Link>
                      ) : (
                        id
                      )}
                      : {what}
                    </li>
                  );
                })}
              </ul>
              <button type="button" className={`${BUTTON} mt-1`} onClick={() => progressStore.getState().removeFeedback(f.id)}>
                Remove this feedback
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

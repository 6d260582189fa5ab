'use client';
/**
 * What a mentor said about this lab, beside the learner's code: the assignment it
 * belongs to (who set it, due when), and each feedback file's note and line comments,
 * with a button that shows the line in the editor. Feedback is only shown: the
 * learner's files, answers and results stay exactly as they are.
 */
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import type { EditorLineHighlight, EditorRevealRequest } from '@/components/editor/editor-types';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { dueText, formatDay, localDay } from '@/lib/mentor/assignment';
import { feedbackForLab } from '@/lib/mentor/feedback';
import { plainHover } from '@/lib/mentor/hover';
import { formatWhen } from '@/lib/progress/format-time';

/** Feedback on one lab from every saved feedback file, newest first. */
function useLabFeedback(labId: string) {
  const hydrated = useProgressHydrated();
  const feedback = useProgress((s) => s.feedback);
  return useMemo(() => (hydrated ? feedbackForLab(Object.values(feedback ?? {}), labId) : []), [hydrated, feedback, labId]);
}

/**
 * Editor props for feedback: highlights of commented lines, and a reveal when the
 * learner asks to see one. `reveal` is whichever of the tour's and the feedback's
 * requests is newer.
 */
export function useMentorEditorProps(labId: string, tour: { lineHighlights?: EditorLineHighlight[]; revealRequest?: EditorRevealRequest }) {
  const items = useLabFeedback(labId);
  const [request, setRequest] = useState<EditorRevealRequest | undefined>();
  const last = useRef<{ tour?: EditorRevealRequest; mine?: EditorRevealRequest; latest?: EditorRevealRequest }>({});
  if (tour.revealRequest !== last.current.tour) last.current = { ...last.current, tour: tour.revealRequest, latest: tour.revealRequest ?? last.current.latest };
  if (request !== last.current.mine) last.current = { ...last.current, mine: request, latest: request ?? last.current.latest };
  const highlights = useMemo<EditorLineHighlight[]>(
    () => items.flatMap(({ feedback, lab }) => lab.comments.map((c) => ({ path: c.path, from: c.line, to: c.line, tone: 'answer' as const, message: plainHover(`${feedback.mentor}: ${c.text}`) }))),
    [items],
  );
  const lineHighlights = tour.lineHighlights || highlights.length > 0 ? [...(tour.lineHighlights ?? []), ...highlights] : undefined;
  return { lineHighlights, revealRequest: last.current.latest, showLine: (path: string, line: number) => setRequest({ path, line, focus: true }) };
}

export function LabMentorPanel({ labId, onShowLine }: { labId: string; onShowLine(path: string, line: number): void }) {
  const hydrated = useProgressHydrated();
  const assignments = useProgress((s) => s.assignments);
  const items = useLabFeedback(labId);
  const assigned = hydrated ? Object.values(assignments ?? {}).filter((s) => s.assignment.labs.includes(labId)) : [];
  if (items.length === 0 && assigned.length === 0) return null;

  return (
    <section aria-labelledby="mentor-feedback-title" className="mt-3 rounded border border-accent/50 bg-panel p-3">
      <h2 id="mentor-feedback-title" className="mb-2 text-sm font-semibold text-white">
        From your mentor
      </h2>
      {assigned.map(({ assignment: a }) => (
        <p key={a.id} className="text-sm">
          Assigned by {a.mentor}, due {formatDay(a.due)} ({dueText(a.due, localDay(new Date()))}).{' '}
          <Link href="/" className="text-accent underline underline-offset-2">
            Hand in from the home page
          </Link>
          .
        </p>
      ))}
      {items.map(({ feedback, lab }) => (
        <div key={feedback.id} className="mt-2 border-t border-border pt-2 text-sm">
          <p className="text-muted">
            Feedback from {feedback.mentor}, {formatWhen(feedback.createdAt)}
            {lab.verified ? ` · your handed-in code, re-run by your mentor: ${lab.verified.passed} of ${lab.verified.total} checks passed` : ''}
          </p>
          {lab.note ? <p className="mt-1 whitespace-pre-wrap break-words">{lab.note}</p> : null}
          {lab.comments.length > 0 ? (
            <ul aria-label={`Comments from ${feedback.mentor}`} className="mt-1 flex flex-col gap-1.5">
              {lab.comments.map((c, i) => (
                <li key={i} className="rounded border border-border bg-canvas p-2">
                  <button type="button" className="font-mono text-xs text-accent underline underline-offset-2" onClick={() => onShowLine(c.path, c.line)}>
                    Show {c.path} line {c.line}
                  </button>
                  <p className="mt-1 whitespace-pre-wrap break-words">{c.text}</p>
                  {c.quote !== undefined ? (
                    <p className="mt-1 text-xs text-muted">
                      That line when you handed in: <code className="break-all">{c.quote}</code>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

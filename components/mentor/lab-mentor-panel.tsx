'use client';
/**
 * What a mentor said about this lab, beside the learner's code: the assignment it
 * belongs to (who set it, due when), and each feedback file's note and line comments,
 * with a button that shows the line in the editor. Everything from a file is text.
 */
import Link from 'next/link';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { dueText, formatDay, localDay } from '@/lib/mentor/days';
import { formatWhen } from '@/lib/progress/format-time';
import { useLabFeedback } from './lab-mentor';

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

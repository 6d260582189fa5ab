'use client';
/** A mock interview in progress: one question at a time under the session clock. */
import { useEffect, useRef, useState } from 'react';
import { interviewActions as act } from '@/lib/interview/actions';
import type { MockSession as Session } from '@/lib/interview/progress-schema';
import type { InterviewQuestion } from '@/lib/interview/schema';
import { HintLadder } from './hint-ladder';
import { PracticeTimer } from './practice-timer';
import { QuestionMeta } from './question-meta';
import { Scratchpad } from './scratchpad';
import { SelfScore } from './self-score';
import { own } from '@/lib/progress/dict';

interface Props {
  session: Session;
  byId: Map<string, InterviewQuestion>;
  onFinished(sessionId: string): void;
}

export function MockSession({ session, byId, onFinished }: Props) {
  const [confirmAbandon, setConfirmAbandon] = useState(false);
  const total = session.questionIds.length;
  const index = Math.min(session.current, total - 1);
  const qid = session.questionIds[index];
  const question = byId.get(qid);
  const answer = own(session.answers, qid);
  const last = index === total - 1;
  const scored = session.questionIds.filter((id) => own(session.answers, id)?.score !== undefined).length;

  // Moving to another question replaces the page's content: take focus to its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownQid = useRef(qid);
  useEffect(() => {
    if (shownQid.current !== qid) heading.current?.focus();
    shownQid.current = qid;
  }, [qid]);

  const finish = () => {
    act.finishMock();
    onFinished(session.id);
  };

  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="mock-question-heading" className="rounded-lg border border-border bg-panel p-5">
          <p className="text-sm text-muted">
            Question {index + 1} of {total}
          </p>
          {question ? (
            <>
              <h2 id="mock-question-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold text-white">
                {question.title}
              </h2>
              <QuestionMeta className="mt-2" category={question.category} difficulty={question.difficulty} minutes={question.suggestedMinutes} />
              {/* Our own Markdown, rendered at build time: trusted. */}
              <div className="lab-prose mt-4" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
            </>
          ) : (
            <h2 id="mock-question-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold text-white">
              This question ({qid}) is no longer in the bank; skip it.
            </h2>
          )}
        </section>

        <section aria-label="Your answer" className="rounded-lg border border-border bg-panel p-4">
          <Scratchpad key={qid} value={answer?.notes ?? ''} onChange={(text) => act.mockSetNotes(qid, text)} rows={10} />
        </section>

        {question ? (
          <section aria-labelledby="mock-score-heading" className="rounded-lg border border-border bg-panel p-4">
            <h2 id="mock-score-heading" className="text-lg font-semibold text-white">
              Score this answer
            </h2>
            {answer?.keyPointsShown ? (
              <ul aria-label="Key points to score against" className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {question.keyPoints.map((k) => (
                  <li key={k.id}>{k.text}</li>
                ))}
              </ul>
            ) : (
              <button type="button" onClick={() => act.mockShowKeyPoints(qid)} className="mt-2 rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
                Show key points to score against
              </button>
            )}
            <div className="mt-4">
              <SelfScore key={qid} saved={answer?.score} legend={`Self-score for question ${index + 1}`} saveLabel="Save self-score" onSave={(score) => act.mockScore(qid, score)} />
              {answer?.score !== undefined ? (
                <p role="status" className="mt-2 text-sm text-ok">
                  Scored {answer.score}. {scored} of {total} questions scored.
                </p>
              ) : null}
            </div>
          </section>
        ) : null}

        <nav aria-label="Mock interview questions" className="flex flex-wrap items-center gap-3">
          <button type="button" disabled={index === 0} onClick={() => act.mockGoTo(index - 1)} className="rounded border border-border px-3 py-1.5 text-sm hover:bg-panel-2 disabled:opacity-50">
            Previous question
          </button>
          {last ? (
            <button type="button" onClick={finish} className="rounded bg-accent px-4 py-1.5 text-sm font-medium text-canvas hover:opacity-90">
              Finish interview
            </button>
          ) : (
            <button type="button" onClick={() => act.mockGoTo(index + 1)} className="rounded bg-accent px-4 py-1.5 text-sm font-medium text-canvas hover:opacity-90">
              Next question
            </button>
          )}
          <span className="flex-1" />
          {confirmAbandon ? (
            <span role="group" aria-label="Confirm abandoning" className="flex items-center gap-2 text-sm">
              Abandon without saving?
              <button type="button" onClick={act.abandonMock} className="rounded border border-bad px-3 py-1 text-bad hover:bg-panel-2">
                Yes, abandon
              </button>
              <button type="button" onClick={() => setConfirmAbandon(false)} className="rounded border border-border px-3 py-1 hover:bg-panel-2">
                Keep going
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmAbandon(true)} className="text-sm text-muted underline underline-offset-2 hover:text-white">
              Abandon interview
            </button>
          )}
        </nav>
      </div>

      <aside aria-label="Clock and hints" className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <PracticeTimer heading="Interview clock" timer={session.timer} limitMs={session.plannedMinutes * 60_000} onStart={act.mockResume} onPause={act.mockPause} />
        {question ? (
          <HintLadder
            key={qid}
            hints={question.hints}
            revealed={answer?.hintsRevealed ?? 0}
            onReveal={() => act.mockRevealHint(qid, question.hints.length)}
            intro="An interviewer gives hints only when asked. You can ask; each hint is recorded in your summary."
          />
        ) : null}
      </aside>
    </div>
  );
}

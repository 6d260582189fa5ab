'use client';
/**
 * Practising one question: the prompt, a timer, a scratchpad, a hint ladder, then the
 * rubric to tick, a self-score and the trend of past scores. Everything is saved in
 * the progress store (lib/interview/actions.ts) and survives reloads.
 */
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { interviewActions as act } from '@/lib/interview/actions';
import { useInterview } from './use-interview';
import { MAX_SCORE } from '@/lib/interview/progress-schema';
import type { InterviewQuestion } from '@/lib/interview/schema';
import { suggestedScore } from '@/lib/interview/select';
import { questionOf } from '@/lib/interview/state';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { HandsOn } from './hands-on';
import { HintLadder } from './hint-ladder';
import { PracticeTimer } from './practice-timer';
import { QuestionMeta } from './question-meta';
import { Rubric } from './rubric';
import { Scratchpad } from './scratchpad';
import { ScoreTrend } from './score-trend';
import { SelfScore } from './self-score';

export function PracticeQuestion({ question }: { question: InterviewQuestion }) {
  const hydrated = useProgressHydrated();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/interview/" className="text-accent underline-offset-2 hover:underline">
          ← Interview questions
        </Link>
      </nav>
      <header className="mt-3">
        <p className="text-sm text-muted">Question {question.number}</p>
        <h1 className="text-2xl font-semibold text-white">{question.title}</h1>
        <QuestionMeta className="mt-2" category={question.category} difficulty={question.difficulty} minutes={question.suggestedMinutes} />
      </header>
      <section aria-labelledby="prompt-heading" className="mt-6 rounded-lg border border-border bg-panel p-5">
        <h2 id="prompt-heading" className="sr-only">
          The question
        </h2>
        {/* Our own Markdown from content/interview, rendered at build time: trusted. */}
        <div className="lab-prose" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
      </section>
      <HandsOn exercise={question.exercise} simulation={question.simulation} />
      {hydrated ? <Practice question={question} /> : <p className="mt-6 text-sm text-muted">Loading your saved practice…</p>}
    </div>
  );
}

function Practice({ question }: { question: InterviewQuestion }) {
  const interview = useInterview();
  const { draft, attempts } = questionOf(interview, question.id);
  const keyPointIds = question.keyPoints.map((k) => k.id);
  const covered = keyPointIds.filter((k) => draft.coverage[k] === 'covered').length;
  const ticked = keyPointIds.filter((k) => draft.coverage[k] !== undefined).length;
  const savedScore = draft.savedAt ? attempts.at(-1)?.score : undefined;
  // The button pressed disappears (Reveal rubric, Practise again): focus follows the content that replaced it.
  const [revealedHere, setRevealedHere] = useState(false);
  const restartedHere = useRef(false);
  const revealButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (restartedHere.current && !draft.rubricRevealed) {
      restartedHere.current = false;
      revealButton.current?.focus();
    }
  }, [draft.rubricRevealed]);

  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="notes-heading" className="rounded-lg border border-border bg-panel p-4">
          <h2 id="notes-heading" className="sr-only">
            Your answer
          </h2>
          <Scratchpad value={draft.notes} onChange={(text) => act.setNotes(question.id, text)} />
        </section>

        <section aria-labelledby="rubric-heading" className="rounded-lg border border-border bg-panel p-4">
          <h2 id="rubric-heading" className="text-lg font-semibold text-white">
            Rubric and self-score
          </h2>
          {!draft.rubricRevealed ? (
            <div className="mt-2">
              <p className="text-sm text-muted">When you have answered (or the time is up), reveal what a strong answer covers and score yourself.</p>
              <button
                ref={revealButton}
                type="button"
                onClick={() => {
                  setRevealedHere(true);
                  act.revealRubric(question.id);
                }}
                className="mt-3 rounded bg-accent px-3 py-1.5 text-sm font-medium text-canvas hover:opacity-90">
                Reveal rubric
              </button>
            </div>
          ) : (
            <div className="mt-4 space-y-6">
              <Rubric question={question} coverage={draft.coverage} onMark={(id, value) => act.markKeyPoint(question.id, id, value)} focusOnMount={revealedHere} />
              <div className="border-t border-border pt-4">
                <SelfScore key={draft.savedAt ?? 'new'} saved={savedScore} suggested={suggestedScore(covered, ticked, keyPointIds.length)} onSave={(score) => act.saveScore(question.id, score, keyPointIds)} />
                {draft.savedAt && savedScore !== undefined ? (
                  <div className="mt-3 flex flex-wrap items-center gap-3">
                    <p role="status" className="text-sm text-ok">
                      Saved: {savedScore} of {MAX_SCORE}, with {draft.hintsRevealed} {draft.hintsRevealed === 1 ? 'hint' : 'hints'}.
                    </p>
                    <button
                      type="button"
                      onClick={() => {
                        restartedHere.current = true;
                        setRevealedHere(false);
                        act.practiseAgain(question.id);
                      }}
                      className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
                      Practise again
                    </button>
                  </div>
                ) : null}
              </div>
            </div>
          )}
        </section>

        <section aria-labelledby="history-heading" className="rounded-lg border border-border bg-panel p-4">
          <h2 id="history-heading" className="text-lg font-semibold text-white">
            Your scores on this question
          </h2>
          <div className="mt-3">
            <ScoreTrend attempts={attempts} />
          </div>
        </section>
      </div>

      <aside aria-label="Timer and hints" className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <PracticeTimer
          heading="Practice timer"
          timer={draft.timer}
          limitMs={question.suggestedMinutes * 60_000}
          onStart={() => act.startClock(question.id)}
          onPause={() => act.pauseClock(question.id)}
        />
        <HintLadder hints={question.hints} revealed={draft.hintsRevealed} onReveal={() => act.revealHint(question.id, question.hints.length)} />
      </aside>
    </div>
  );
}

'use client';
/**
 * Knowledge questions: pick an answer, check it, read why. Answers are saved.
 * Line questions (code tour) are answered by picking a line in the editor; their
 * card lives in code-tour-question.tsx.
 */
import { useMemo, useState } from 'react';
import type { ChoiceQuestion, Question } from '@/lib/labs/schema';
import { shuffleFor } from '@/lib/labs/shuffle';
import { useLearnerSeed } from './use-learner-seed';
import type { CodeTourControls } from './code-tour';
import { LineQuestionCard } from './code-tour-question';

interface Props {
  questions: Question[];
  answers: Record<string, { choice: string; correct: boolean }>;
  onAnswer(questionId: string, choice: string, correct: boolean): void;
  /** Needed when there are line questions: starts picking a line in the editor. */
  tour?: CodeTourControls;
}

export function Questions({ questions, answers, onAnswer, tour }: Props) {
  if (questions.length === 0) return null;
  return (
    <section aria-labelledby="questions-heading" className="mt-6">
      <h2 id="questions-heading" className="text-lg font-semibold text-white">
        Check your understanding
      </h2>
      <ol className="mt-2 space-y-4">
        {questions.map((q, i) => (
          <li key={q.id}>
            {q.kind === 'line' ? (
              tour ? <LineQuestionCard index={i + 1} question={q} saved={answers[q.id]} tour={tour} /> : null
            ) : (
              <QuestionCard index={i + 1} question={q} saved={answers[q.id]} onAnswer={onAnswer} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function QuestionCard({ index, question, saved, onAnswer }: { index: number; question: ChoiceQuestion; saved?: { choice: string; correct: boolean }; onAnswer: Props['onAnswer'] }) {
  // Saved answers arrive after the first render (the store hydrates from storage), so
  // the picked option falls back to the saved one until the learner picks another.
  const [picked, setChoice] = useState<string | undefined>(undefined);
  const choice = picked ?? saved?.choice;
  const answered = saved !== undefined;
  const learnerSeed = useLearnerSeed();
  // Options in an order of this learner's own, stable across reloads (issue: answers by position or length).
  const choices = useMemo(() => (learnerSeed ? shuffleFor(question.choices, learnerSeed, question.id) : question.choices), [learnerSeed, question]);
  return (
    <form
      className="rounded border border-border bg-panel p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onAnswer(question.id, choice, choice === question.answer);
      }}
    >
      <fieldset>
        <legend className="text-sm text-white">
          {index}. {question.prompt}
        </legend>
        <div className="mt-2 space-y-1">
          {choices.map((c) => (
            <label key={c.id} className="flex items-start gap-2 text-sm">
              <input type="radio" name={question.id} value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} className="mt-1" />
              <span>{c.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={!choice} className="mt-2 rounded border border-border px-3 py-1 text-sm hover:bg-panel-2 disabled:opacity-50">
        {answered ? 'Answer again' : 'Check answer'}
      </button>
      {answered ? (
        <div role="status" className="mt-2 text-sm">
          <p className={saved.correct ? 'font-semibold text-ok' : 'font-semibold text-bad'}>{saved.correct ? '✓ Right.' : '✗ Not quite.'}</p>
          <p className="mt-1">{question.explanation}</p>
        </div>
      ) : null}
    </form>
  );
}

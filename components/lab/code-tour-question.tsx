'use client';
/**
 * A line question's card: the prompt, a button that starts picking a line in the
 * question's file, and after answering the verdict, the explanation and a way to
 * see the answer in the editor.
 */
import type { LineQuestion } from '@/lib/labs/schema';
import { describeRange, pickedLine, type CodeTourControls } from './code-tour';

interface Props {
  index: number;
  question: LineQuestion;
  saved?: { choice: string; correct: boolean };
  tour: CodeTourControls;
}

export function LineQuestionCard({ index, question, saved, tour }: Props) {
  const picking = tour.pickingId === question.id;
  const line = pickedLine(saved?.choice);
  const headingId = `question-${question.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded border border-border bg-panel p-3">
      <h3 id={headingId} className="text-sm font-normal text-white">
        {index}. {question.prompt}
      </h3>
      <p className="mt-1 text-xs text-muted">
        Answer by picking a line in <code>{question.file}</code>.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {picking ? (
          <button type="button" onClick={tour.cancelPicking} className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
            Cancel picking
          </button>
        ) : (
          <button type="button" onClick={() => tour.startPicking(question.id)} className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
            {saved ? `Pick again in ${question.file}` : `Pick a line in ${question.file}`}
          </button>
        )}
        {saved ? (
          <button type="button" onClick={() => tour.showAnswer(question.id)} className="rounded border border-border px-3 py-1 text-sm hover:bg-panel-2">
            Show the answer in {question.file}
          </button>
        ) : null}
      </div>
      {picking ? (
        <p className="mt-2 text-sm text-muted">Picking: click a line number in the editor, or move the cursor there and press Enter.</p>
      ) : null}
      {saved ? (
        <div role="status" className="mt-2 text-sm">
          <p className={saved.correct ? 'font-semibold text-ok' : 'font-semibold text-bad'}>
            {saved.correct ? '✓ Right.' : '✗ Not quite.'} You picked {line !== undefined ? `line ${line}` : 'a line'}; the answer is{' '}
            {question.accept.map((r) => describeRange(r.from, r.to)).join(' or ')}.
          </p>
          <p className="mt-1">{question.explanation}</p>
        </div>
      ) : null}
    </section>
  );
}

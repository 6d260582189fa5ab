'use client';
/** The rubric after "Reveal rubric": each key point ticked covered or missed, then the model outline. */
import { useEffect, useRef } from 'react';
import type { Coverage } from '@/lib/interview/progress-schema';
import type { InterviewQuestion } from '@/lib/interview/schema';

interface Props {
  question: Pick<InterviewQuestion, 'id' | 'keyPoints' | 'outline'>;
  coverage: Record<string, Coverage>;
  onMark(keyPointId: string, coverage: Coverage): void;
  /** Move focus to the rubric when it appears (it replaced the button that had focus). */
  focusOnMount?: boolean;
}

export function Rubric({ question, coverage, onMark, focusOnMount }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const covered = question.keyPoints.filter((k) => coverage[k.id] === 'covered').length;
  const ticked = question.keyPoints.filter((k) => coverage[k.id] !== undefined).length;
  return (
    <div className="space-y-6">
      <section aria-labelledby="keypoints-heading">
        <h3 id="keypoints-heading" ref={heading} tabIndex={-1} className="text-base font-semibold text-white">
          Key points
        </h3>
        <p className="mt-1 text-sm text-muted">Compare your notes with each point and be honest: did your answer cover it?</p>
        <ul className="mt-3 space-y-2">
          {question.keyPoints.map((point) => {
            const value = coverage[point.id];
            return (
              <li key={point.id}>
                <div className={`rounded border p-3 ${value === 'covered' ? 'border-ok' : value === 'missed' ? 'border-bad' : 'border-border'} bg-panel`}>
                <fieldset>
                  <legend className="text-sm">{point.text}</legend>
                  <div className="mt-2 flex gap-4 text-sm">
                    {(['covered', 'missed'] as const).map((option) => (
                      <label key={option} className="flex items-center gap-1.5">
                        <input type="radio" name={`kp-${question.id}-${point.id}`} checked={value === option} onChange={() => onMark(point.id, option)} />
                        {option === 'covered' ? 'Covered' : 'Missed'}
                      </label>
                    ))}
                  </div>
                </fieldset>
                </div>
              </li>
            );
          })}
        </ul>
        <p role="status" className="mt-2 text-sm text-white">
          {covered} of {question.keyPoints.length} key points covered{ticked < question.keyPoints.length ? ` · ${question.keyPoints.length - ticked} not ticked yet` : ''}
        </p>
      </section>

      <section aria-labelledby="outline-heading">
        <h3 id="outline-heading" className="text-base font-semibold text-white">
          A model answer, in outline
        </h3>
        <p className="mt-2 text-sm leading-relaxed">{question.outline.approach}</p>
        <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-sm leading-relaxed">
          {question.outline.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
        <table className="mt-4 w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left text-sm font-semibold text-white">Trade-offs worth naming</caption>
          <thead>
            <tr className="border-b border-border text-muted">
              <th scope="col" className="py-1.5 pr-3 font-medium">Choice</th>
              <th scope="col" className="py-1.5 pr-3 font-medium">Gain</th>
              <th scope="col" className="py-1.5 font-medium">Cost</th>
            </tr>
          </thead>
          <tbody>
            {question.outline.tradeOffs.map((t, i) => (
              <tr key={i} className="border-b border-border align-top">
                <th scope="row" className="py-1.5 pr-3 font-medium text-white">{t.choice}</th>
                <td className="py-1.5 pr-3">{t.gain}</td>
                <td className="py-1.5">{t.cost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

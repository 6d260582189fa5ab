'use client';
/**
 * The learner's notes, saved as they type (the progress store writes them after a
 * short pause and when the page is hidden). A plain textarea: Markdown is for the
 * learner's own structure and is not rendered, so nothing typed here becomes HTML.
 */
import { useId } from 'react';
import { MAX_NOTES_CHARS } from '@/lib/interview/progress-schema';

interface Props {
  value: string;
  onChange(text: string): void;
  label?: string;
  rows?: number;
}

export function Scratchpad({ value, onChange, label = 'Your answer notes (Markdown)', rows = 12 }: Props) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="text-sm font-semibold text-white">
        {label}
      </label>
      <p id={`${id}-help`} className="mt-1 text-xs text-muted">
        Outline your answer as you would say it. Saved in this browser as you type.
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-help`}
        value={value}
        maxLength={MAX_NOTES_CHARS}
        rows={rows}
        spellCheck
        onChange={(e) => onChange(e.target.value)}
        className="mt-2 w-full rounded border border-border bg-canvas p-3 font-mono text-sm leading-relaxed text-text"
        placeholder={'- Clarify the requirements\n- Components and data flow\n- Failure handling\n- Trade-offs'}
      />
      <p className="text-right text-xs text-muted">{value.length.toLocaleString('en')} characters</p>
    </div>
  );
}

import { describe, expect, it } from 'vitest';
import { questionSchema, type LineQuestion } from '@/lib/labs/schema';
import { describeRange, isAccepted, lineChoice, pickedLine } from './code-tour';

const question = questionSchema.parse({
  kind: 'line',
  id: 'q',
  prompt: 'Where is the upstream called?',
  file: 'handler.ts',
  accept: [
    { from: 39, to: 42, contains: 'fetch(' },
    { from: 80, to: 80, contains: 'fetch(' },
  ],
  explanation: 'The fetch call is the only network request.',
}) as LineQuestion;

describe('code tour answers', () => {
  it('accepts any line inside any accepted range, and nothing else', () => {
    expect([38, 39, 42, 43, 79, 80, 81].map((line) => isAccepted(question, line))).toEqual([false, true, true, false, false, true, false]);
  });

  it('saves a picked line in a form that fits the progress schema and reads it back', () => {
    expect(lineChoice(1234)).toBe('L1234');
    expect(pickedLine(lineChoice(42))).toBe(42);
    expect(pickedLine('a')).toBeUndefined();
    expect(pickedLine(undefined)).toBeUndefined();
  });

  it('describes ranges for people', () => {
    expect(describeRange(7, 7)).toBe('line 7');
    expect(describeRange(7, 9)).toBe('lines 7–9');
  });
});

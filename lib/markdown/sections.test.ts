import { describe, expect, it } from 'vitest';
import { markdownSections, mentions, wordCount } from './sections';

describe('markdownSections', () => {
  it('splits at headings of any level and keeps text before the first', () => {
    const md = 'Intro line\n\n## Running it\n\nSet `baseUrl`.\n\n### Detail\n\nMore.\n\n## Response\n\nFrames.';
    expect(markdownSections(md).map((s) => [s.heading, s.level, s.text.trim()])).toEqual([
      ['', 0, 'Intro line'],
      ['Running it', 2, 'Set `baseUrl`.'],
      ['Detail', 3, 'More.'],
      ['Response', 2, 'Frames.'],
    ]);
  });

  it('does not take a # inside a code block for a heading', () => {
    expect(markdownSections('## A\n\n```sh\n# comment\n```\n').map((s) => s.heading)).toEqual(['A']);
  });
});

describe('mentions', () => {
  it('finds whole words, in code spans too', () => {
    expect(mentions('Set `groupBy` to labels', 'groupBy')).toBe(true);
    expect(mentions('the metrics API', 'metric')).toBe(false);
    expect(mentions('metric: the name', 'metric')).toBe(true);
  });
});

describe('wordCount', () => {
  it('counts words and code', () => {
    expect(wordCount('One `frame` per series, with labels.')).toBe(6);
  });
});

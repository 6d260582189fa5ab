/**
 * Reads the structure of a learner's Markdown for checks that can honestly be
 * automated: which sections exist, what text they hold, and which words appear.
 * Whether the prose is clear is left to the learner's self-review rubric.
 */
import { Lexer, type Token } from 'marked';

export interface MarkdownSection {
  /** The heading text without its #s; '' for text before the first heading. */
  heading: string;
  level: number;
  /** The section's own text (its heading excluded, up to the next heading of any level). */
  text: string;
}

/** Splits Markdown at its headings. */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [{ heading: '', level: 0, text: '' }];
  for (const token of Lexer.lex(markdown) as Token[]) {
    if (token.type === 'heading') sections.push({ heading: (token as { text: string }).text.trim(), level: (token as { depth: number }).depth, text: '' });
    else sections[sections.length - 1].text += token.raw;
  }
  return sections.filter((s, i) => i > 0 || s.text.trim() !== '');
}

/** Words in a text, counting `code` and identifiers as words. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}_`'-]+/gu) ?? []).length;
}

/** Whether `name` appears as a whole word (so `metric` is not found inside `metrics_api`). */
export function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w])${escaped}($|[^\\w])`).test(text);
}

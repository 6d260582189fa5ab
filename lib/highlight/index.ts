/**
 * Syntax highlighting as HTML, for the code a lab page shows before the editor has
 * loaded (components/editor/code-preview.tsx). Runs where the page is rendered (at
 * build time for the static export), so the browser downloads no highlighter: the
 * page's HTML already carries `<span class="token …">` markup, coloured like the
 * editor's theme (app/globals.css, `.code-preview`).
 *
 * Prism (prismjs, the highlighter @grafana/ui also uses) with its grammars for the
 * languages labs use. Output: HTML-escaped text with Prism's token spans, one string
 * for the whole file; newlines kept as `\n`.
 */
import Prism from 'prismjs';
// Grammars register themselves on the Prism the core module put on the global scope.
import 'prismjs/components/prism-typescript';
import 'prismjs/components/prism-json';
import 'prismjs/components/prism-yaml';
import 'prismjs/components/prism-markdown';
import 'prismjs/components/prism-docker';
import 'prismjs/components/prism-go';
import type { z } from 'zod';
import type { editorLanguageSchema } from '../labs/schema';

type EditorLanguage = z.infer<typeof editorLanguageSchema>;

const GRAMMARS: Record<EditorLanguage, string | null> = {
  typescript: 'typescript',
  json: 'json',
  yaml: 'yaml',
  markdown: 'markdown',
  dockerfile: 'docker',
  go: 'go',
  plaintext: null,
};

/** `code` as HTML with Prism's token spans; plain escaped text for `plaintext` or a grammar that is missing. */
export function highlightToHtml(code: string, language: EditorLanguage): string {
  const name = GRAMMARS[language];
  const grammar = name ? Prism.languages[name] : undefined;
  return grammar ? Prism.highlight(code, grammar, name!) : escapeHtml(code);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

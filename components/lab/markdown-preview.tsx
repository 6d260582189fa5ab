'use client';
/**
 * Live preview of a learner's Markdown file. The HTML comes from renderMarkdownSafe,
 * which shows raw HTML as text and drops unsafe link and image URLs, so what a
 * learner types can never run script in the app's page.
 */
import { useDeferredValue, useMemo } from 'react';
import { renderMarkdownSafe } from '@/lib/markdown/render';

export function MarkdownPreview({ path, markdown }: { path: string; markdown: string }) {
  // Typing stays responsive: the preview catches up when React has time.
  const deferred = useDeferredValue(markdown);
  const html = useMemo(() => renderMarkdownSafe(deferred), [deferred]);
  return (
    <section aria-label={`Preview of ${path}`} className="rounded border border-border bg-panel">
      <h2 className="border-b border-border px-3 py-1 text-xs font-semibold uppercase tracking-wide text-muted">Preview · {path}</h2>
      {/* Sanitised learner Markdown (lib/markdown/render.ts); see its tests for what is neutralised.
          Unlike the lab prose, a learner's own top heading is shown. */}
      <div className="lab-prose max-h-96 overflow-auto p-3 [&_h1]:mb-2 [&_h1]:block! [&_h1]:text-xl [&_h1]:font-semibold [&_h1]:text-white" tabIndex={0} dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

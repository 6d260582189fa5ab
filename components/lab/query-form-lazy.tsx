'use client';
/**
 * Loads the query editor form on demand: @grafana/ui touches `window` when imported
 * and is heavy, so it never runs during prerender and shares its chunk with the panels.
 */
import dynamic from 'next/dynamic';
import type { QueryFormProps } from './query-form';

export const LazyQueryForm = dynamic<QueryFormProps>(() => import('./query-form').then((m) => m.QueryForm), {
  ssr: false,
  loading: ({ error }) =>
    error ? (
      <p role="alert" className="text-xs text-bad">
        Could not load the query editor: {error.message}. Use &quot;Edit as JSON&quot;, or reload the page.
      </p>
    ) : (
      <p role="status" className="animate-pulse text-xs text-muted">
        Loading the query editor…
      </p>
    ),
});

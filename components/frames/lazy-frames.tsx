'use client';
/**
 * Client-only entry points for the frame views. @grafana/ui touches `window` and
 * ResizeObserver at import time and weighs ~440 KB gz, so the views load on demand
 * and never during prerender. Import these, not the view modules.
 */
import dynamic from 'next/dynamic';
import type { FramesViewProps } from './use-frames-view';

function Loading({ what, error }: { what: string; error?: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not load the {what}: {error.message}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p role="status" className="animate-pulse rounded border border-border bg-panel p-3 text-sm text-muted">
      Loading the {what}…
    </p>
  );
}

/** Grafana time series panel (plus tables for frames without time). */
export const LazyFramesPanel = dynamic<FramesViewProps>(() => import('./frames-panel').then((m) => m.FramesPanel), {
  ssr: false,
  loading: ({ error }) => <Loading what="Grafana panel" error={error} />,
});

/** Every frame in Grafana's Table, with its schema. */
export const LazyFramesData = dynamic<FramesViewProps>(() => import('./frames-data').then((m) => m.FramesData), {
  ssr: false,
  loading: ({ error }) => <Loading what="frame tables" error={error} />,
});

/** The /api/ds/query JSON with Copy and Download. */
export const LazyFramesJson = dynamic<FramesViewProps>(() => import('./frames-json').then((m) => m.FramesJson), {
  ssr: false,
  loading: ({ error }) => <Loading what="JSON view" error={error} />,
});

export type { FramesViewProps } from './use-frames-view';
export type { QueryResultView, QueryErrorView } from '@/lib/frames';

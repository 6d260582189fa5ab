'use client';
/**
 * The result views a learner sees only after a Run (Upstream, Logs, Lifecycle, the
 * health message), loaded on demand: they are not needed to open a lab, and keeping
 * them out of the lab page's first load keeps that under its 250 KB budget.
 * (next/dynamic wants its options written out in each call.)
 *
 * Memoised, as the frame views are (components/frames/lazy-frames.tsx): the results panel
 * renders again at every change of a Run's state (each check's result), always with the
 * same prepared view, and an Upstream tab of hundreds of calls was laid out again each time.
 */
import dynamic from 'next/dynamic';
import { memo } from 'react';

function Loading({ error }: { error?: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not load this view: {error.message}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p role="status" className="text-sm text-muted">
      Loading…
    </p>
  );
}

export const LazyUpstreamView = memo(
  dynamic(() => import('./upstream-view').then((m) => m.UpstreamView), {
    ssr: false,
    loading: ({ error }) => <Loading error={error} />,
  }),
);
export const LazyLogsView = memo(
  dynamic(() => import('./logs-view').then((m) => m.LogsView), {
    ssr: false,
    loading: ({ error }) => <Loading error={error} />,
  }),
);
export const LazyLifecycleView = memo(
  dynamic(() => import('./lifecycle-view').then((m) => m.LifecycleView), {
    ssr: false,
    loading: ({ error }) => <Loading error={error} />,
  }),
);
export const LazyHealthView = memo(
  dynamic(() => import('./health-view').then((m) => m.HealthView), {
    ssr: false,
    loading: ({ error }) => <Loading error={error} />,
  }),
);

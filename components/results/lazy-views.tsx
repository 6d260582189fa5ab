'use client';
/**
 * The result views a learner sees only after a Run (Upstream, Logs, Lifecycle, the
 * health message), loaded on demand: they are not needed to open a lab, and keeping
 * them out of the lab page's first load keeps that under its 250 KB budget.
 */
import dynamic from 'next/dynamic';

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

const options = { ssr: false, loading: ({ error }: { error?: Error | null }) => <Loading error={error} /> };

export const LazyUpstreamView = dynamic(() => import('./upstream-view').then((m) => m.UpstreamView), options);
export const LazyLogsView = dynamic(() => import('./logs-view').then((m) => m.LogsView), options);
export const LazyLifecycleView = dynamic(() => import('./lifecycle-view').then((m) => m.LifecycleView), options);
export const LazyHealthView = dynamic(() => import('./health-view').then((m) => m.HealthView), options);

'use client';
/**
 * The result views a learner sees only after a Run (Upstream, Logs, Lifecycle, the
 * health message), loaded on demand: they are not needed to open a lab, and keeping
 * them out of the lab page's first load keeps that under its 250 KB budget.
 * (next/dynamic wants its options written out in each call.)
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

export const LazyUpstreamView = dynamic(() => import('./upstream-view').then((m) => m.UpstreamView), {
  ssr: false,
  loading: ({ error }) => <Loading error={error} />,
});
export const LazyLogsView = dynamic(() => import('./logs-view').then((m) => m.LogsView), {
  ssr: false,
  loading: ({ error }) => <Loading error={error} />,
});
export const LazyLifecycleView = dynamic(() => import('./lifecycle-view').then((m) => m.LifecycleView), {
  ssr: false,
  loading: ({ error }) => <Loading error={error} />,
});
export const LazyHealthView = dynamic(() => import('./health-view').then((m) => m.HealthView), {
  ssr: false,
  loading: ({ error }) => <Loading error={error} />,
});

'use client';
/**
 * The result of a checkHealth run, drawn the way Grafana draws the "Save & test"
 * message: @grafana/ui's Alert (success or error) in the Grafana theme, the message
 * as its title and any details beneath. @grafana/ui loads on demand, in steps (it is heavy
 * and client-only: health-alert.tsx, grafana-stages.ts). The message comes from the run's view model, secrets masked.
 */
import dynamic from 'next/dynamic';
import type { HealthView as Health } from '@/lib/view';
import type { HealthAlertProps } from './health-alert';
import { afterGrafanaStages } from '@/components/frames/grafana-stages';

const GrafanaHealthAlert = dynamic<HealthAlertProps>(
  // In steps (grafana-stages.ts): a health lab's first Run evaluates @grafana/ui here.
  () => afterGrafanaStages(() => import('./health-alert')).then((m) => m.HealthAlert),
  {
    ssr: false,
    loading: ({ error }) => (
      <p role="status" className="rounded border border-border bg-panel p-3 text-sm text-muted">
        {error ? `Could not load Grafana's alert (${error.message}). Reload the page to try again.` : 'Loading the Save & test message…'}
      </p>
    ),
  },
);

/** Like Grafana's "Save & test" message. */
export function HealthView({ health }: { health: Health }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted">What Grafana would show under Save &amp; test:</p>
      <GrafanaHealthAlert ok={health.ok} message={health.message} details={health.details} />
    </div>
  );
}

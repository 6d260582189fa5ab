'use client';
/**
 * The result of a checkHealth run, drawn the way Grafana draws the "Save & test"
 * message: @grafana/ui's Alert (success or error) in the Grafana theme, the message
 * as its title and any details beneath. @grafana/ui loads on demand (it is heavy and
 * client-only). Secrets are hidden like everywhere else.
 */
import dynamic from 'next/dynamic';
import type { RunRecord } from '@/lib/engine/run';
import type { CheckHealthResult } from '@/lib/sdk/contract';
import { redactText } from '@/lib/redact';
import { secretsOf } from './to-result-views';

interface HealthAlertProps {
  ok: boolean;
  message: string;
  /** Each detail as `key: value` text, secrets hidden. */
  details: string[];
}

const GrafanaHealthAlert = dynamic<HealthAlertProps>(
  () =>
    Promise.all([import('@grafana/ui'), import('@/components/frames/grafana-theme')]).then(([ui, theme]) => {
      function HealthAlert({ ok, message, details }: HealthAlertProps) {
        return (
          <theme.GrafanaThemeProvider>
            <div role="status" aria-label={ok ? 'Health check passed' : 'Health check failed'}>
              <ui.Alert severity={ok ? 'success' : 'error'} title={message} topSpacing={0} bottomSpacing={0}>
                {details.length > 0 ? (
                  <ul className="font-mono text-xs">
                    {details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : null}
              </ui.Alert>
            </div>
          </theme.GrafanaThemeProvider>
        );
      }
      return HealthAlert;
    }),
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
export function HealthView({ record }: { record: RunRecord }) {
  if (!record.output.ok) return null;
  const result = record.output.value as CheckHealthResult;
  const secrets = secretsOf(record);
  const props: HealthAlertProps = {
    ok: result.status === 'OK',
    message: redactText(result.message || (result.status === 'OK' ? 'Data source is working' : 'Health check failed'), secrets),
    details: Object.entries(result.details ?? {}).map(([key, value]) => redactText(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`, secrets)),
  };
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted">What Grafana would show under Save &amp; test:</p>
      <GrafanaHealthAlert {...props} />
    </div>
  );
}

'use client';
/**
 * Grafana's "Save & test" message: @grafana/ui's Alert in the Grafana theme. A module of its
 * own, loaded on demand by health-view.tsx, so @grafana/ui is imported by name here as
 * everywhere else (a dynamic `import('@grafana/ui')` kept all of its exports: 27 KB gz more
 * in the lazy chunks). The panel chunks still hold most of the library even so, parts we never
 * use among them (its Slate query field, its Monaco code editor): the bundler keeps its whole
 * index (`npm run bench`, page weight).
 */
import { Alert } from '@grafana/ui';
import { GrafanaThemeProvider } from '@/components/frames/grafana-theme';

export interface HealthAlertProps {
  ok: boolean;
  message: string;
  /** Each detail as `key: value` text. */
  details: string[];
}

export function HealthAlert({ ok, message, details }: HealthAlertProps) {
  return (
    <GrafanaThemeProvider>
      <div role="status" aria-label={ok ? 'Health check passed' : 'Health check failed'}>
        <Alert severity={ok ? 'success' : 'error'} title={message} topSpacing={0} bottomSpacing={0}>
          {details.length > 0 ? (
            <ul className="font-mono text-xs">
              {details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      </div>
    </GrafanaThemeProvider>
  );
}

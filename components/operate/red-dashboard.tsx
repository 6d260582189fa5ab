'use client';
/**
 * The learner's own metrics as a RED dashboard (Rate, Errors, Duration, then the
 * upstream and the cache): real Grafana TimeSeries panels, each fed by a PromQL query
 * that lib/promql evaluates over the run's scrapes (lib/kinds/operate/red.ts), with the
 * query shown under the panel as a dashboard's query editor would. A panel whose query
 * finds nothing says so instead of drawing an empty chart. Under the panels, the
 * learner's counters at the end of the run beside the host's own counts.
 */
import { useMemo } from 'react';
import { dateTime, makeTimeRange } from '@grafana/data';
import { GrafanaThemeProvider } from '@/components/frames/grafana-theme';
import { PromqlPanel } from './promql-panel';
import { evaluateRedPanels, redComparison, showsRedDashboard } from '@/lib/kinds/operate/red';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';

export function RedDashboard({ record }: { record: OperateRunRecord }) {
  const panels = useMemo(() => evaluateRedPanels(record.scrapes, record.epochMs), [record.scrapes, record.epochMs]);
  const comparison = useMemo(() => redComparison(record), [record]);
  const last = [...record.scrapes].reverse().find((s) => s.families);
  const range = useMemo(() => makeTimeRange(dateTime(record.epochMs), dateTime(record.epochMs + record.virtualEndMs)), [record.epochMs, record.virtualEndMs]);
  if (record.noRegistry) {
    return <p className="text-sm text-muted">The entry file exports no `registry`, so there is nothing to draw. Export the Registry your metrics are registered on (`export const registry = new Registry()`).</p>;
  }
  return (
    <GrafanaThemeProvider>
      <div className="space-y-2" data-testid="red-dashboard">
        <p className="text-xs text-muted">
          Your metrics, as Prometheus would serve them to a dashboard: each panel runs its PromQL over the {record.scrapes.length} scrapes of your registry (every 15 s of virtual time).
          {last?.series !== undefined ? ` Your last scrape held ${last.series} series.` : ''}
        </p>
        <div className="grid gap-3 md:grid-cols-2">
          {panels.map((result) => (
            <PromqlPanel key={result.panel.id} testId={`red-panel-${result.panel.id}`} title={result.panel.title} unit={result.panel.unit} legend={result.panel.legend} series={result.series} message={result.message} queries={result.queries} range={range} />
          ))}
        </div>
        <table className="w-full text-left text-xs">
          <caption className="pb-1 text-left text-sm text-white">Your metrics against the host’s record, at the end of the run</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1">What</th>
              <th scope="col" className="text-right">Your metrics said</th>
              <th scope="col" className="text-right">The host counted</th>
            </tr>
          </thead>
          <tbody>
            {comparison.map((row) => {
              const off = row.yours === undefined || Math.abs(row.yours - row.host) > 0.005 * Math.abs(row.host) + 0.001;
              return (
                <tr key={row.what} className="border-t border-border">
                  <td className="py-1 font-mono">{row.what}</td>
                  <td className={`text-right ${off ? 'text-warn' : ''}`}>{row.yours === undefined ? 'missing' : round(row.yours)}</td>
                  <td className="text-right">{round(row.host)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </GrafanaThemeProvider>
  );
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The result tabs with "RED" after the first (Load), when the record has the RED lab's metrics. */
export function withRedTab<T extends { id: string; label: string }>(tabs: readonly T[], record: OperateRunRecord): (T | { id: string; label: string })[] {
  return showsRedDashboard(record) ? [tabs[0], { id: 'red', label: 'RED' }, ...tabs.slice(1)] : [...tabs];
}

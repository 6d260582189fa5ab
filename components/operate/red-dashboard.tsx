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
import { FieldType, createDataFrame, dateTime, makeTimeRange, type DataFrame } from '@grafana/data';
import { LegendDisplayMode, PanelChrome, TimeSeries } from '@grafana/ui';
import { FramesErrorBoundary, GrafanaThemeProvider, TIME_ZONE, applyGrafanaOverrides, useContainerWidth } from '@/components/frames/grafana-theme';
import { withFieldDefaults } from '@/lib/frames';
import { evaluateRedPanels, redComparison, showsRedDashboard, type PanelResult } from '@/lib/kinds/operate/red';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';

const HEIGHT = 220;
const LEGEND = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom' as const, calcs: [] };

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
            <RedPanelView key={result.panel.id} result={result} range={range} />
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

function RedPanelView({ result, range }: { result: PanelResult; range: ReturnType<typeof makeTimeRange> }) {
  const [ref, width] = useContainerWidth();
  const frames = useMemo(() => toFrames(result), [result]);
  const { panel } = result;
  const points = result.series.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure className="space-y-1" data-testid={`red-panel-${panel.id}`}>
      <div ref={ref} role="img" aria-label={`${panel.title}: ${result.message ?? `${result.series.length} series (${result.series.map((s) => s.name).join(', ')}), ${points} points`}`}>
        {width > 0 && frames.length > 0 ? (
          <FramesErrorBoundary what={`the panel "${panel.title}"`} resetKey={frames}>
            <PanelChrome title={panel.title} width={width} height={HEIGHT}>
              {(w, h) => <TimeSeries frames={frames} width={w} height={h} timeRange={range} timeZone={TIME_ZONE} legend={LEGEND} />}
            </PanelChrome>
          </FramesErrorBoundary>
        ) : (
          <div className="flex flex-col justify-center rounded border border-border p-3 text-sm" style={{ minHeight: HEIGHT }}>
            <p className="text-white">{panel.title}</p>
            <p className="text-warn">{result.message ?? 'No data.'}</p>
          </div>
        )}
      </div>
      <figcaption className="text-xs">
        {result.queries.map((q) => (
          <code key={q} className="block break-all font-mono text-muted">
            {q}
          </code>
        ))}
      </figcaption>
    </figure>
  );
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** One frame per series, fields named as Grafana's Go SDK names them: `Time` and `Value`. */
function toFrames(result: PanelResult): DataFrame[] {
  const frames = result.series.map((s) =>
    withFieldDefaults(
      createDataFrame({
        name: s.name,
        fields: [
          { name: 'Time', type: FieldType.time, values: s.points.map(([t]) => t) },
          { name: 'Value', type: FieldType.number, values: s.points.map(([, v]) => (Number.isFinite(v) ? v : null)), config: { unit: result.panel.unit, displayName: s.name || result.panel.legend } },
        ],
      }),
    ),
  );
  return applyGrafanaOverrides(frames);
}

/** The result tabs with "RED" after the first (Load), when the record has the RED lab's metrics. */
export function withRedTab<T extends { id: string; label: string }>(tabs: readonly T[], record: OperateRunRecord): (T | { id: string; label: string })[] {
  return showsRedDashboard(record) ? [tabs[0], { id: 'red', label: 'RED' }, ...tabs.slice(1)] : [...tabs];
}

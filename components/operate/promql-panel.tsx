'use client';
/**
 * One dashboard panel fed by PromQL over an operate run's scrapes: a real Grafana
 * TimeSeries in a PanelChrome, with the queries it ran under it, as a dashboard's query
 * editor shows them. A panel whose queries found nothing says so instead of drawing an
 * empty chart. Used by the RED tab (red-dashboard.tsx) and Capstone A's Operations tab
 * (operations-view.tsx).
 *
 * The panel is a `figure` named by a one-line summary (title, series, points) rather
 * than an `img`: Grafana's legend inside it is interactive (a click isolates a series),
 * and an image must not hold controls.
 */
import { useMemo } from 'react';
import { FieldType, createDataFrame, type DataFrame, type TimeRange } from '@grafana/data';
import { LegendDisplayMode, PanelChrome, TimeSeries } from '@grafana/ui';
import { FramesErrorBoundary, TIME_ZONE, applyGrafanaOverrides, useContainerWidth } from '@/components/frames/grafana-theme';
import { withFieldDefaults } from '@/lib/frames';

const HEIGHT = 220;
const LEGEND = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom' as const, calcs: [] };

export interface PromqlPanelProps {
  title: string;
  /** Grafana unit id of the values, e.g. "reqps", "s", "percentunit". */
  unit?: string;
  /** A series' legend when its labels leave it unnamed. */
  legend?: string;
  /** One per series: its legend name and its [epoch ms, value] points. */
  series: { name: string; points: [number, number][] }[];
  /** Why there is nothing to draw (a query error, no series). */
  message?: string;
  /** The PromQL the panel ran, one per target. */
  queries: string[];
  range: TimeRange;
  testId?: string;
}

export function PromqlPanel({ title, unit, legend, series, message, queries, range, testId }: PromqlPanelProps) {
  const [ref, width] = useContainerWidth();
  const frames = useMemo(() => toFrames(series, unit, legend), [series, unit, legend]);
  const points = series.reduce((n, s) => n + s.points.length, 0);
  const summary = `${title}: ${message ?? `${series.length} series (${series.map((s) => s.name).join(', ')}), ${points} points`}`;
  return (
    <figure className="space-y-1" data-testid={testId} aria-label={summary}>
      <div ref={ref}>
        {width > 0 && frames.length > 0 ? (
          <FramesErrorBoundary what={`the panel "${title}"`} resetKey={frames}>
            <PanelChrome title={title} width={width} height={HEIGHT}>
              {(w, h) => <TimeSeries frames={frames} width={w} height={h} timeRange={range} timeZone={TIME_ZONE} legend={LEGEND} />}
            </PanelChrome>
          </FramesErrorBoundary>
        ) : (
          <div className="flex flex-col justify-center rounded border border-border p-3 text-sm" style={{ minHeight: HEIGHT }}>
            <p className="text-white">{title}</p>
            <p className="text-warn">{message ?? 'No data.'}</p>
          </div>
        )}
      </div>
      <figcaption className="text-xs">
        {queries.map((q, i) => (
          <code key={i} className="block break-all font-mono text-muted">
            {q}
          </code>
        ))}
      </figcaption>
    </figure>
  );
}

/** One frame per series, fields named as Grafana's Go SDK names them: `Time` and `Value`. */
function toFrames(series: PromqlPanelProps['series'], unit: string | undefined, legend: string | undefined): DataFrame[] {
  return applyGrafanaOverrides(
    series.map((s) =>
      withFieldDefaults(
        createDataFrame({
          name: s.name,
          fields: [
            { name: 'Time', type: FieldType.time, values: s.points.map(([t]) => t) },
            { name: 'Value', type: FieldType.number, values: s.points.map(([, v]) => (Number.isFinite(v) ? v : null)), config: { unit, displayName: s.name || legend } },
          ],
        }),
      ),
    ),
  );
}

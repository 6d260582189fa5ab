'use client';
/**
 * The learner's frames as a Grafana dashboard panel: every time series frame of every
 * refId in one real `TimeSeries` (legend, palette colours, tooltip), frames without a
 * time field in Grafana's `Table`, query errors above. Client-only: load it through
 * `LazyFramesPanel`.
 */
import { useMemo, useState, type ComponentProps } from 'react';
import {
  EventBusSrv,
  dateTime,
  formattedValueToString,
  getFieldDisplayName,
  getFieldSeriesColor,
  makeTimeRange,
  type DataFrame,
} from '@grafana/data';
import {
  Alert,
  LegendDisplayMode,
  PanelChrome,
  PanelContextProvider,
  Table,
  TimeSeries,
  TooltipPlugin2,
  type PanelContext,
  type PanelStatusItem,
} from '@grafana/ui';
import {
  FramesErrorBoundary,
  GRAFANA_THEME,
  GrafanaThemeProvider,
  KeyboardScrollable,
  TIME_ZONE,
  applyGrafanaOverrides,
  useContainerWidth,
} from './grafana-theme';
import { hideSeries, nextHiddenSeries, withFieldDefaults, type FrameProblem, type ParsedFrame, type QueryResultView } from '@/lib/frames';
import { useFramesView, type FramesViewProps } from './use-frames-view';

/** Panel height in px, about a default Grafana dashboard panel. */
const PANEL_HEIGHT = 320;
/** Tallest a table panel gets before it scrolls (Table virtualises its rows). */
const TABLE_MAX_HEIGHT = 280;
const LEGEND = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom' as const, calcs: [] };
/** `TooltipHoverMode.xAll`: a const enum in @grafana/ui's types, unusable under isolatedModules. */
const HOVER_ALL = 1 as ComponentProps<typeof TooltipPlugin2>['hoverMode'];
const NONE_HIDDEN: ReadonlySet<string> = new Set();
/** Query errors and unreadable frames listed one by one; a handler can fail thousands of refIds at once. */
const ALERT_LIMIT = 10;

export function FramesPanel(props: FramesViewProps) {
  const [ref, width] = useContainerWidth();
  // Decoded, planned and named once, in lib/view: the legend names are the Lifecycle tab's.
  const { results, parsed, panel: plan, range } = useFramesView(props);
  const notes = range.note && plan.series.length ? [...plan.notes, range.note] : plan.notes;
  const statusItems = useMemo(() => toStatusItems(results, parsed.problems), [results, parsed.problems]);

  return (
    <GrafanaThemeProvider>
      <div ref={ref} className="flex min-w-0 flex-col gap-3">
        <QueryErrors results={results} problems={parsed.problems} />
        {width > 0 && (plan.series.length > 0 || plan.tables.length === 0) && (
          <FramesErrorBoundary what="the panel" resetKey={plan}>
            <PanelChrome title="Time series" width={width} height={PANEL_HEIGHT} statusItems={statusItems}>
              {(innerWidth, innerHeight) =>
                plan.series.length > 0 ? (
                  <SeriesPlot frames={plan.series} names={plan.legend.map((s) => s.name)} range={range} width={innerWidth} height={innerHeight} />
                ) : (
                  <NoData why={plan.empty ?? 'Nothing to draw.'} />
                )
              }
            </PanelChrome>
          </FramesErrorBoundary>
        )}
        {width > 0 &&
          plan.tables.map((p) => (
            <FramesErrorBoundary key={p.key} what={`frame ${p.key}`} resetKey={p.frame}>
              <TablePanel parsed={p} width={width} />
            </FramesErrorBoundary>
          ))}
        {notes.length > 0 && (
          <ul aria-label="Panel notes" className="list-disc space-y-0.5 pl-5 text-xs text-muted">
            {notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        )}
      </div>
    </GrafanaThemeProvider>
  );
}

interface SeriesPlotProps {
  /** Prepared series frames (`PanelPlan.series`), before Grafana's overrides. */
  frames: DataFrame[];
  /** The legend name of each number field (`PanelPlan.legend`), what visibility is keyed by. */
  names: string[];
  range: { from: number; to: number };
  width: number;
  height: number;
}

/** Grafana's TimeSeries with legend, tooltip and legend-click series hiding. */
function SeriesPlot({ frames, names, range, width, height }: SeriesPlotProps) {
  const overridden = useMemo(() => applyGrafanaOverrides(frames), [frames]);
  // Legend clicks hide series, as in Grafana; new frames show everything again.
  const [visibility, setVisibility] = useState({ for: frames, hidden: NONE_HIDDEN });
  const hidden = visibility.for === frames ? visibility.hidden : NONE_HIDDEN;
  const series = useMemo(() => hideSeries(overridden, hidden), [overridden, hidden]);
  const panelContext = useMemo<PanelContext>(
    () => ({
      eventsScope: 'frames-panel',
      eventBus: new EventBusSrv(),
      onToggleSeriesVisibility: (label, mode) =>
        setVisibility({ for: frames, hidden: nextHiddenSeries(names, hidden, label, mode) }),
    }),
    [frames, names, hidden],
  );
  const timeRange = useMemo(() => makeTimeRange(dateTime(range.from), dateTime(range.to)), [range]);

  return (
    <PanelContextProvider value={panelContext}>
      <TimeSeries frames={series} width={width} height={height} timeRange={timeRange} timeZone={TIME_ZONE} legend={LEGEND}>
        {(builder, alignedFrame) => (
          <TooltipPlugin2
            config={builder}
            hoverMode={HOVER_ALL}
            render={(_u, dataIdxs) => <SeriesTooltip frame={alignedFrame} frames={series} dataIdxs={dataIdxs} />}
          />
        )}
      </TimeSeries>
    </PanelContextProvider>
  );
}

/** Grafana's empty panel: "No data", plus our one-line reason. */
function NoData({ why }: { why: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-1 text-center" role="status">
      <p className="text-base text-muted">No data</p>
      <p className="max-w-md text-xs text-muted">{why}</p>
    </div>
  );
}

/** A frame without a time field, shown the way Grafana's table panel would. */
function TablePanel({ parsed, width }: { parsed: ParsedFrame; width: number }) {
  const frame = useMemo(() => applyGrafanaOverrides([withFieldDefaults(parsed.frame)])[0], [parsed]);
  // Header row + rows at ~36 px each, capped; Table scrolls and virtualises past that.
  const tableHeight = Math.min(TABLE_MAX_HEIGHT, 36 * (Math.max(frame.length, 1) + 1) + 4);
  const title = `Table · frame ${parsed.key}${parsed.frame.name ? ` (${parsed.frame.name})` : ''}`;
  return (
    <PanelChrome title={title} width={width} height={tableHeight + 40}>
      {(innerWidth, innerHeight) => (
        <KeyboardScrollable>
          <Table data={frame} width={innerWidth} height={innerHeight} ariaLabel={`Frame ${parsed.key} rows`} />
        </KeyboardScrollable>
      )}
    </PanelChrome>
  );
}

/** Errors each query reported, and frames that could not be read. Text only. */
export function QueryErrors({ results, problems: allProblems }: { results: readonly QueryResultView[]; problems: readonly FrameProblem[] }) {
  const allFailed = results.filter((r) => r.error);
  if (allFailed.length === 0 && allProblems.length === 0) return null;
  const failed = allFailed.slice(0, ALERT_LIMIT);
  const problems = allProblems.slice(0, ALERT_LIMIT);
  const more = allFailed.length - failed.length + allProblems.length - problems.length;
  return (
    <div className="flex flex-col gap-2">
      {failed.map((r) => (
        <Alert key={r.refId} severity="error" title={`Query ${r.refId} returned an error`} topSpacing={0} bottomSpacing={0}>
          <p className="text-xs">
            <span className="font-mono">{String(r.error!.category)}</span>
            {typeof r.error!.status === 'number' ? ` · status ${r.error!.status}` : ''}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words">{String(r.error!.message)}</p>
        </Alert>
      ))}
      {problems.map((p) => (
        <Alert key={p.key} severity="warning" title={`Frame ${p.key} could not be read`} topSpacing={0} bottomSpacing={0}>
          <p className="whitespace-pre-wrap break-words">{p.message}</p>
        </Alert>
      ))}
      {more > 0 && (
        <p className="text-xs text-muted">
          … and {more.toLocaleString('en')} more failed queries or unreadable frames, not listed here. The JSON tab has every error.
        </p>
      )}
    </div>
  );
}

/** The panel header's status corner, as Grafana shows query errors. */
function toStatusItems(results: readonly QueryResultView[], problems: readonly FrameProblem[]): PanelStatusItem[] {
  return [
    ...results.filter((r) => r.error).slice(0, ALERT_LIMIT).map((r) => ({ severity: 'error' as const, text: `${r.refId}: ${String(r.error!.message)}` })),
    ...problems.slice(0, ALERT_LIMIT).map((p) => ({ severity: 'warning' as const, text: `${p.key}: ${p.message}` })),
  ];
}

/** Hover tooltip: the time and every series' value at that point. */
function SeriesTooltip({ frame, frames, dataIdxs }: { frame: DataFrame; frames: DataFrame[]; dataIdxs: Array<number | null> }) {
  const xField = frame.fields[0];
  const row = dataIdxs[0] ?? dataIdxs.find((i) => i != null);
  if (!xField || row == null) return null;
  const format = (field: DataFrame['fields'][number], value: unknown) =>
    field.display ? formattedValueToString(field.display(value)) : String(value);
  return (
    <div className="min-w-40 p-2 text-xs">
      <p className="mb-1 font-semibold">{format(xField, xField.values[row])}</p>
      <table>
        <tbody>
          {frame.fields.slice(1).map((field, i) => {
            const idx = dataIdxs[i + 1];
            if (idx == null || field.config.custom?.hideFrom?.viz) return null;
            return (
              <tr key={i}>
                <td className="pr-3">
                  <span aria-hidden className="mr-1.5 inline-block h-0.5 w-3 align-middle" style={{ background: getFieldSeriesColor(field, GRAFANA_THEME).color }} />
                  {getFieldDisplayName(field, frame, frames)}
                </td>
                <td className="text-right font-mono">{format(field, field.values[idx])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

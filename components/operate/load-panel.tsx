'use client';
/**
 * The load picture: upstream calls per second over the run's virtual time, as a real
 * Grafana TimeSeries panel. One line is what the upstream received from the learner's
 * handler (the host's record); the other is what one call per query would have sent (no
 * cache, no retries), computed from the schedule. Failed calls are a third line. The
 * incidents are listed under it, each with what the upstream of its instance saw.
 */
import { useMemo } from 'react';
import { FieldType, createDataFrame, dateTime, makeTimeRange } from '@grafana/data';
import { LegendDisplayMode, PanelChrome, TimeSeries } from '@grafana/ui';
import { FramesErrorBoundary, GrafanaThemeProvider, TIME_ZONE, applyGrafanaOverrides, useContainerWidth } from '@/components/frames/grafana-theme';
import { withFieldDefaults } from '@/lib/frames';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { clockText, incidentRows, loadOverTime, LOAD_BUCKET_MS } from '@/lib/kinds/operate/view';

const HEIGHT = 300;
const LEGEND = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom' as const, calcs: [] };

export function LoadPanel({ record }: { record: OperateRunRecord }) {
  const [ref, width] = useContainerWidth();
  const buckets = useMemo(() => loadOverTime(record), [record]);
  const frames = useMemo(() => {
    const time = buckets.map((b) => record.epochMs + b.startMs);
    const frame = createDataFrame({
      name: 'Upstream load',
      fields: [
        { name: 'time', type: FieldType.time, values: time },
        { name: 'Your handler (calls/s the upstream received)', type: FieldType.number, values: buckets.map((b) => round(b.calls)), config: { unit: 'reqps', color: { mode: 'fixed', fixedColor: 'blue' } } },
        { name: 'One call per query: no cache, no retries (calls/s)', type: FieldType.number, values: buckets.map((b) => round(b.baseline)), config: { unit: 'reqps', color: { mode: 'fixed', fixedColor: '#a0a0a8' }, custom: { lineStyle: { fill: 'dash', dash: [6, 4] } } } },
        { name: 'Failed calls (calls/s)', type: FieldType.number, values: buckets.map((b) => round(b.failedCalls)), config: { unit: 'reqps', color: { mode: 'fixed', fixedColor: 'red' } } },
      ],
    });
    return applyGrafanaOverrides([withFieldDefaults(frame)]);
  }, [buckets, record.epochMs]);
  const range = useMemo(() => makeTimeRange(dateTime(record.epochMs), dateTime(record.epochMs + buckets.length * LOAD_BUCKET_MS)), [record.epochMs, buckets.length]);
  const peak = Math.max(0, ...buckets.map((b) => b.calls));
  const peakBaseline = Math.max(0, ...buckets.map((b) => b.baseline));
  const calls = record.upstream.length;
  const baseline = record.schedule.reduce((n, e) => n + e.request.queries.length, 0);
  const incidents = incidentRows(record);

  return (
    <GrafanaThemeProvider>
      {/* A figure named by its summary, not an img: Grafana's legend inside it is interactive. */}
      <figure className="space-y-2" data-testid="load-picture" aria-label={`Upstream calls per second over ${clockText(buckets.length * LOAD_BUCKET_MS)} of virtual time: your handler sent ${calls} calls in all (peak ${round(peak)}/s), one call per query would have sent ${baseline} (peak ${round(peakBaseline)}/s).`}>
        <div ref={ref}>
          {width > 0 ? (
            <FramesErrorBoundary what="the load panel" resetKey={frames}>
              <PanelChrome title="Upstream load, with and without your guardrails" width={width} height={HEIGHT}>
                {(w, h) => <TimeSeries frames={frames} width={w} height={h} timeRange={range} timeZone={TIME_ZONE} legend={LEGEND} />}
              </PanelChrome>
            </FramesErrorBoundary>
          ) : null}
        </div>
        <figcaption className="text-xs text-muted">
          {calls.toLocaleString('en')} upstream calls for {baseline.toLocaleString('en')} queries ({baseline ? Math.round((calls / baseline) * 100) : 0}% of one call per query), in {LOAD_BUCKET_MS / 1000}-second buckets of virtual time. The dashed line is computed from the schedule; the others are what the upstream recorded.
        </figcaption>
        <table className="w-full text-left text-xs">
          <caption className="pb-1 text-left text-sm text-white">
            Incidents <span className="text-xs font-normal text-muted">(calls in amber: retries added load; in red: more than twice one call per query, a retry storm)</span>
          </caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1">What</th>
              <th scope="col">Instance</th>
              <th scope="col">When (virtual)</th>
              <th scope="col" className="text-right">Calls it received</th>
              <th scope="col" className="text-right">One call per query</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i, n) => (
              <tr key={n} className="border-t border-border">
                <td className="py-1">{i.label}</td>
                <td className="font-mono">{i.instanceUid ?? 'all'}</td>
                <td>
                  {clockText(i.fromMs)} – {clockText(i.toMs)}
                </td>
                <td className={`text-right ${amplification(i.calls, i.baseline)}`}>{i.calls}</td>
                <td className="text-right">{i.baseline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </GrafanaThemeProvider>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * How an incident's calls read against one call per query. A retry that waits as told
 * (Retry-After, backoff) still adds a call per query while the incident lasts: amber. More
 * than twice the load is what a storm looks like: red.
 */
function amplification(calls: number, baseline: number): string {
  if (calls > 2 * baseline) return 'text-bad';
  return calls > baseline ? 'text-warn' : '';
}

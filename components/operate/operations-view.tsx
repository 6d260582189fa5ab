'use client';
/**
 * The Operations tab of an operate lab that has a dashboard.json and an alerts.yaml
 * (Capstone A): the learner's own dashboard drawn with real Grafana TimeSeries panels,
 * each target's PromQL evaluated over the run's scrapes (lib/kinds/operate/operations.ts),
 * then each alerting rule's state at every 15 s evaluation (inactive, pending, firing)
 * against the run's incidents. The files are the text the run served (`record.files`, which
 * only the Run's own record has).
 */
import { useMemo } from 'react';
import { dateTime, makeTimeRange } from '@grafana/data';
import { GrafanaThemeProvider } from '@/components/frames/grafana-theme';
import type { LabPageData } from '@/components/lab/lab-types';
import type { AlertState, RuleTimeline } from '@/lib/kinds/operate/alerts';
import { alertTimelines, evaluateDashboard, hasOperations, OPERATIONS_FILES, servedFile } from '@/lib/kinds/operate/operations';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { INCIDENT_LABELS, type Incident } from '@/lib/kinds/operate/upstream';
import { PromqlPanel } from './promql-panel';

/** The result tabs with "Operations" after the first (Load), for a lab with the operations files. */
export function withOperationsTab<T extends { id: string; label: string }>(tabs: readonly T[], lab: Pick<LabPageData, 'meta'>): (T | { id: string; label: string })[] {
  return hasOperations(lab.meta.files) ? [tabs[0], { id: 'operations', label: 'Operations' }, ...tabs.slice(1)] : [...tabs];
}

export function OperationsView({ record }: { record: OperateRunRecord }) {
  const dashboardText = servedFile(record, OPERATIONS_FILES.dashboard);
  const alertsText = servedFile(record, OPERATIONS_FILES.alerts);
  const dashboard = useMemo(() => evaluateDashboard(dashboardText, record), [dashboardText, record]);
  const alerts = useMemo(() => alertTimelines(alertsText, record), [alertsText, record]);
  const range = useMemo(() => makeTimeRange(dateTime(record.epochMs), dateTime(record.epochMs + record.virtualEndMs)), [record.epochMs, record.virtualEndMs]);
  return (
    <GrafanaThemeProvider>
      <div className="space-y-4" data-testid="operations-view">
        <section aria-labelledby="ops-dashboard" className="space-y-2">
          <h3 id="ops-dashboard" className="text-sm text-white">
            Your dashboard ({OPERATIONS_FILES.dashboard}) over this run’s {record.scrapes.length} scrapes
          </h3>
          {'error' in dashboard ? (
            <p className="text-sm text-warn">{dashboard.error}</p>
          ) : (
            <div className="grid gap-3 md:grid-cols-2">
              {dashboard.panels.map((panel, i) => (
                <PromqlPanel key={`${i}-${panel.title}`} title={panel.title} unit={panel.unit} series={panel.series} message={panel.message} queries={panel.queries} range={range} />
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="ops-alerts" className="space-y-2">
          <h3 id="ops-alerts" className="text-sm text-white">
            Your alerts ({OPERATIONS_FILES.alerts}), evaluated every 15 s of virtual time
          </h3>
          {'error' in alerts ? <p className="text-sm text-warn">{alerts.error}</p> : <AlertsTable timelines={alerts.timelines} incidents={record.incidents} />}
        </section>
      </div>
    </GrafanaThemeProvider>
  );
}

const STATE_CLASS: Record<AlertState, string> = { inactive: 'bg-border', pending: 'bg-warn', firing: 'bg-bad' };

/** When a timeline went pending and firing, in words: "pending at 120 s, firing 150–300 s". */
function spans(t: RuleTimeline, state: AlertState): string {
  const out: string[] = [];
  let from: number | undefined;
  t.steps.forEach((s, i) => {
    if (s.state === state && from === undefined) from = s.atMs;
    const next = t.steps[i + 1];
    if (from !== undefined && (!next || next.state !== state)) {
      out.push(from === s.atMs ? `${from / 1000} s` : `${from / 1000}–${s.atMs / 1000} s`);
      from = undefined;
    }
  });
  return out.length ? `${state} ${out.join(', ')}` : '';
}

function AlertsTable({ timelines, incidents }: { timelines: RuleTimeline[]; incidents: Incident[] }) {
  const endMs = timelines[0]?.steps.at(-1)?.atMs ?? 1;
  const pct = (ms: number) => `${Math.min(100, (ms / endMs) * 100)}%`;
  return (
    <table className="w-full text-left text-xs">
      <caption className="pb-1 text-left text-muted">Alerts over the run: grey inactive, amber pending, red firing; incidents above</caption>
      <thead className="text-muted">
        <tr>
          <th scope="col" className="w-48 py-1">
            Alert
          </th>
          <th scope="col" className="w-2/5 pr-3">Timeline</th>
          <th scope="col">States</th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-t border-border">
          <th scope="row" className="py-1 font-normal text-muted">
            Incidents
          </th>
          <td className="pr-3">
            <div className="relative h-3 w-full rounded bg-canvas" aria-hidden>
              {incidents.map((i, n) => (
                <div key={n} className="absolute h-3 rounded bg-accent/60" style={{ left: pct(i.fromMs), width: pct(i.toMs - i.fromMs) }} />
              ))}
            </div>
          </td>
          <td>{incidents.map((i) => `${INCIDENT_LABELS[i.kind]} ${i.fromMs / 1000}–${i.toMs / 1000} s${i.instanceUid ? ` (${i.instanceUid})` : ''}`).join('; ') || 'none'}</td>
        </tr>
        {timelines.map((t) => (
          <tr key={t.alert} className="border-t border-border">
            <th scope="row" className="py-1 font-mono font-normal text-white">
              {t.alert}
              {t.forMs ? <span className="text-muted"> for {t.forMs / 1000} s</span> : null}
            </th>
            <td className="pr-3">
              <div className="flex h-3 w-full overflow-hidden rounded" aria-hidden>
                {t.steps.map((s) => (
                  <div key={s.atMs} className={`h-3 flex-1 ${STATE_CLASS[s.state]}`} />
                ))}
              </div>
            </td>
            <td>{t.error ? <span className="text-warn">{t.error}</span> : [spans(t, 'pending'), spans(t, 'firing')].filter(Boolean).join('; ') || 'never pending'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

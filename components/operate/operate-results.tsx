'use client';
/**
 * Results of an `operate` lab: a line of totals, then keyboard tabs. Load (the picture:
 * upstream calls over virtual time with and without your guardrails, and the
 * incidents), Dashboards (what each dashboard's requests got back), Upstream (the host's
 * record of calls), Metrics (what your registry exposed), Logs, Log stream (lines and
 * calls by correlation id, next to their request) and Checks. A run that
 * could not serve the schedule (a syntax error, a loop) says why once, above the checks.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { KindResultsProps, KindViews } from '@/components/kinds/types';
import { ChecksView } from '@/components/results/checks-view';
import { LogsView } from '@/components/results/logs-view';
import { RunErrorView } from '@/components/results/run-error-view';
import { Tabs } from '@/components/ui/tabs';
import type { OperateRunRecord } from '@/lib/kinds/operate/run';
import { byDashboard, summarize } from '@/lib/kinds/operate/view';
import { LoadPanel } from './load-panel';
import { LogStreamView } from './log-stream-view';
import { MetricsView } from './metrics-view';
import { OperationsView, withOperationsTab } from './operations-view';
import { RedDashboard, withRedTab } from './red-dashboard';
import { UpstreamCalls } from './upstream-calls';

const TABS = [
  { id: 'load', label: 'Load' },
  { id: 'dashboards', label: 'Dashboards' },
  { id: 'upstream', label: 'Upstream' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'logs', label: 'Logs' },
  { id: 'log-stream', label: 'Log stream' },
  { id: 'checks', label: 'Checks' },
];

function OperateResults({ lab, record: given, report, phase, totalMs }: KindResultsProps) {
  const [tab, setTab] = useState('load');
  const record = given as OperateRunRecord | null;
  const checks = <ChecksView report={report} running={phase !== 'idle'} tasks={lab.tasks} totalMs={totalMs} />;
  if (!record) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-muted" role="status">
          {phase === 'idle'
            ? 'Press Run to serve ten minutes of three tenants’ dashboards (a few hundred requests) with your handler, through a slow upstream, a 5xx outage, a rate limit, a hang and a rejected key.'
            : 'Serving the load profile…'}
        </p>
        {report ? checks : null}
      </div>
    );
  }
  if (record.error) {
    return (
      <div className="space-y-3">
        <RunErrorView error={record.error} />
        {checks}
      </div>
    );
  }
  return <Served lab={lab} record={record} checks={checks} tab={tab} onTab={setTab} />;
}

function Served({ lab, record, checks, tab, onTab }: { lab: KindResultsProps['lab']; record: OperateRunRecord; checks: ReactNode; tab: string; onTab(id: string): void }) {
  const summary = useMemo(() => summarize(record), [record]);
  const errors = Object.values(summary.errors).reduce((a, b) => a + (b ?? 0), 0);
  const secrets = useMemo(() => record.instances.map((i) => i.apiKey), [record.instances]);
  const tabs = useMemo(() => withOperationsTab(withRedTab(TABS, record), lab), [record, lab]);
  return (
    <div className="space-y-2" data-testid="operate-results">
      <p className="text-sm" aria-live="polite">
        <strong className="text-white">
          {summary.requests} requests ({summary.queries} queries) served
        </strong>
        <span className="text-muted">
          {' '}
          · {summary.answered} answered with data, {errors} with an error{summary.noAnswer + summary.failed > 0 ? `, ${summary.noAnswer + summary.failed} without a usable answer` : ''} · {summary.calls} upstream calls for {summary.baselineCalls} queries
        </span>
      </p>
      <Tabs label="Operate results" tabs={tabs} selected={tab} onSelect={onTab}>
        <div className="pt-2">
          {tab === 'load' ? <LoadPanel record={record} /> : null}
          {tab === 'red' ? <RedDashboard record={record} /> : null}
          {tab === 'operations' ? <OperationsView record={record} /> : null}
          {tab === 'dashboards' ? <Dashboards record={record} /> : null}
          {tab === 'upstream' ? <UpstreamCalls record={record} /> : null}
          {tab === 'metrics' ? <MetricsView record={record} /> : null}
          {tab === 'logs' ? <LogsView logs={record.logs} secrets={secrets} /> : null}
          {tab === 'log-stream' ? <LogStreamView record={record} /> : null}
          {tab === 'checks' ? checks : null}
        </div>
      </Tabs>
    </div>
  );
}

function Dashboards({ record }: { record: OperateRunRecord }) {
  const rows = useMemo(() => byDashboard(record), [record]);
  const summary = useMemo(() => summarize(record), [record]);
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-xs">
        <caption className="pb-1 text-left text-sm text-white">What each dashboard got back</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1">Dashboard</th>
            <th scope="col">Tenant (org)</th>
            <th scope="col">Instance</th>
            <th scope="col">Range</th>
            <th scope="col" className="text-right">Requests</th>
            <th scope="col" className="text-right">Queries</th>
            <th scope="col" className="text-right">With data</th>
            <th scope="col" className="text-right">Errors</th>
            <th scope="col" className="text-right">No answer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.dashboard} className="border-t border-border">
              <td className="py-1 font-mono">{r.dashboard}</td>
              <td>{r.orgId}</td>
              <td className="font-mono">{r.instanceUid}</td>
              <td>{r.rangeKind === 'now' ? 'ends now' : r.rangeKind === 'relative' ? 'relative, in the past' : 'absolute'}</td>
              <td className="text-right">{r.requests}</td>
              <td className="text-right">{r.queries}</td>
              <td className="text-right">{r.answered}</td>
              <td className={`text-right ${r.errors ? 'text-warn' : ''}`}>{r.errors}</td>
              <td className={`text-right ${r.noAnswer ? 'text-bad' : ''}`}>{r.noAnswer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted">
        Errors by category:{' '}
        {Object.entries(summary.errors)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'}
        .
      </p>
    </div>
  );
}

const views: KindViews = { Results: OperateResults };
export default views;

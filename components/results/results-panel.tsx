'use client';
/** The results area: what the last run returned, in tabs. */
import { useMemo, useState } from 'react';
import { LazyFramesData, LazyFramesJson, LazyFramesPanel } from '@/components/frames/lazy-frames';
import { Tabs } from '@/components/ui/tabs';
import type { CheckResult } from '@/lib/checks/types';
import type { GradeReport } from '@/lib/grading/contract';
import type { RunRecord } from '@/lib/engine/run';
import type { QueryDataRequest } from '@/lib/sdk/contract';
import { ChecksView } from './checks-view';
import { LazyHealthView, LazyLifecycleView, LazyLogsView, LazyUpstreamView } from './lazy-views';
import { RunErrorView } from './run-error-view';
import { secretsOf, toResultViews } from './to-result-views';

interface Props {
  record: RunRecord | null;
  checks: CheckResult[] | null;
  /** The grade the Checks tab shows (statuses, the one top-level message). */
  report: GradeReport | null;
  checking: boolean;
  tasks: string[];
  upstreams: { name: string; baseUrl: string }[];
  totalMs?: number;
  /** The lab's query editor fields, so the Lifecycle tab can say which control set what. */
  editorFields?: { key: string; label: string }[];
}

export function ResultsPanel({ record, checks, report, checking, tasks, upstreams, totalMs, editorFields }: Props) {
  const [tab, setTab] = useState('panel');
  // Derived once per run: check results arrive one by one and re-render this panel,
  // and new props would make the Grafana views decode and lay out the frames again.
  const { viewProps, secrets } = useMemo(() => {
    const query = record?.invocation === 'queryData' ? (record.request as QueryDataRequest).queries[0] : undefined;
    return {
      viewProps: { results: toResultViews(record), maxDataPoints: query?.maxDataPoints, timeRange: query?.timeRange },
      secrets: secretsOf(record),
    };
  }, [record]);
  const passed = checks?.filter((c) => c.status === 'pass').length ?? 0;

  const tabs = [
    { id: 'panel', label: 'Panel' },
    { id: 'data', label: 'Data' },
    { id: 'json', label: 'JSON' },
    { id: 'upstream', label: `Upstream (${record?.upstream.length ?? 0})` },
    { id: 'logs', label: `Logs (${record?.logs.length ?? 0})` },
    { id: 'lifecycle', label: 'Lifecycle' },
    { id: 'checks', label: checks ? `Checks ${passed}/${checks.length}` : 'Checks' },
  ];

  const needsRun = <p className="text-sm text-muted">Press Run to see what your handler returns.</p>;
  const failed = record && !record.output.ok ? <RunErrorView error={record.output.error} /> : null;

  const body = () => {
    if (tab === 'checks') return <ChecksView report={report} running={checking} tasks={tasks} totalMs={totalMs} />;
    if (!record) return needsRun;
    if (tab === 'upstream') return <LazyUpstreamView calls={record.upstream} secrets={secrets} upstreams={upstreams} />;
    if (tab === 'logs') return <LazyLogsView logs={record.logs} secrets={secrets} />;
    if (tab === 'lifecycle') return <LazyLifecycleView record={record} editorFields={editorFields} />;
    if (failed) return failed;
    if (record.invocation === 'checkHealth' && record.output.ok) return <LazyHealthView record={record} />;
    if (tab === 'panel') return <LazyFramesPanel {...viewProps} />;
    if (tab === 'data') return <LazyFramesData {...viewProps} />;
    return <LazyFramesJson {...viewProps} />;
  };

  return (
    <section aria-label="Results" className="flex min-h-0 flex-col">
      {record ? (
        <p className="mb-1 text-xs text-muted" aria-live="polite">
          Last run: {record.output.ok ? 'completed' : 'failed'} in {Math.round(record.durationMs)} ms · scenario: {record.scenario.fault !== 'none' ? record.scenario.fault : record.scenario.rejectKeys ? 'key rejected' : 'normal'}
          {record.scenario.latencyMs ? ` +${record.scenario.latencyMs} ms latency` : ''}
        </p>
      ) : null}
      <Tabs label="Run results" tabs={tabs} selected={tab} onSelect={setTab}>
        {body()}
      </Tabs>
    </section>
  );
}

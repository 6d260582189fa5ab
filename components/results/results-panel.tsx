'use client';
/** The results area: what the last run returned, in tabs. */
import { useDeferredValue, useState } from 'react';
import { LazyFramesData, LazyFramesJson, LazyFramesPanel } from '@/components/frames/lazy-frames';
import { Tabs } from '@/components/ui/tabs';
import type { CheckResult } from '@/lib/checks/types';
import type { GradeReport } from '@/lib/grading/contract';
import type { RunRecord } from '@/lib/engine/run';
import { ChecksView } from './checks-view';
import { LazyHealthView, LazyLifecycleView, LazyLogsView, LazyUpstreamView } from './lazy-views';
import { RunErrorView } from './run-error-view';
import { ResultsViewBoundary } from './view-boundary';
import { runHeaderText } from './run-header';
import { useRunView } from './use-run-view';

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

export function ResultsPanel({ record: latest, checks, report, checking, tasks, upstreams, totalMs, editorFields }: Props) {
  const [tab, setTab] = useState('panel');
  // A new record is drawn in a transition: the update that brings it (a store update, so
  // rendered at once) repaints nothing here, and React renders the record's views after,
  // yielding to the browser between components. Drawn in the same task, the views of a
  // Run's first record (mounted for the first time) held the page's thread for 100 ms or more.
  const record = useDeferredValue(latest);
  // One view model per run, secrets masked once (lib/view): every tab reads it, so no two
  // tabs can disagree. Derived once: check results arrive one by one and re-render this
  // panel, and a new object would make the Grafana views lay out the frames again.
  const state = useRunView(record, editorFields);
  const view = state && 'view' in state ? state.view : null;
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
  const failed = view?.runError ? <RunErrorView error={view.runError} /> : null;

  const body = () => {
    if (tab === 'checks') return <ChecksView report={report} running={checking} tasks={tasks} totalMs={totalMs} />;
    if (!record || !state) return needsRun;
    if ('loading' in state) return <p role="status" className="text-sm text-muted">Preparing the results…</p>;
    if ('error' in state) return <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">{state.error}</p>;
    if (!view) return needsRun;
    if (tab === 'upstream') return <LazyUpstreamView calls={view.upstream} upstreams={upstreams} />;
    if (tab === 'logs') return <LazyLogsView logs={view.logs} />;
    if (tab === 'lifecycle') return <LazyLifecycleView trace={view.trace} />;
    if (failed) return failed;
    if (view.health) return <LazyHealthView health={view.health} />;
    if (tab === 'panel') return <LazyFramesPanel view={view.frames} />;
    if (tab === 'data') return <LazyFramesData view={view.frames} />;
    return <LazyFramesJson view={view.frames} />;
  };

  return (
    <section aria-label="Results" className="flex min-h-0 flex-col">
      {/* Always there (a no-break space before the first run gives it its height), so the
          tabs below do not move when the first run ends, and screen readers know the live
          region before it first speaks. */}
      <p className="mb-1 text-xs text-muted" aria-live="polite">
        {record ? runHeaderText(record) : '\u00a0'}
      </p>
      <Tabs label="Run results" tabs={tabs} selected={tab} onSelect={setTab}>
        <ResultsViewBoundary key={tab} resetKey={record}>
          {body()}
        </ResultsViewBoundary>
      </Tabs>
    </section>
  );
}

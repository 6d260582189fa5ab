'use client';
/**
 * A troubleshooting simulation: a running, instrumented toy plugin with a problem. The
 * learner runs it, reads the results (Upstream waterfall and Logs, or the memory chart
 * of N refreshes), answers the diagnosis question and may fix the code; checks of the
 * fix run after every Run. Standalone: give it an id and it loads what it needs. An
 * incident simulation (mode "incident") shows a seeded incident instead (incident-sim.tsx).
 */
import { plural } from '@/lib/format';
import { useMemo, useState } from 'react';
import { CodeShell, LazyCodeEditor } from '@/components/editor/lazy-code-editor';
import { ChecksView } from '@/components/results/checks-view';
import { LogsView } from '@/components/results/logs-view';
import { ResultsPanel } from '@/components/results/results-panel';
import { RunErrorView } from '@/components/results/run-error-view';
import { UpstreamView } from '@/components/results/upstream-view';
import { Tabs } from '@/components/ui/tabs';
import type { SimBundle } from '@/lib/exercises/bundle';
import type { RepeatRecord } from '@/lib/exercises/repeat';
import { UPSTREAMS } from '@/lib/upstreams/registry';
import { BundleStatus } from './bundle-status';
import { Busy, ConfirmActions } from '@/components/ui/confirm-actions';
import { LoadErrorNotice, RunButton } from '@/components/session/run-button';
import type { GradeReport } from '@/lib/grading/contract';
import { DiagnosisQuestion } from './diagnosis-question';
import { IncidentSim } from './incident-sim';
import { MemoryChart } from './memory-chart';
import { useBundle } from './use-bundle';
import { useSimSession } from './use-sim-session';
import { ExerciseBrief } from './exercise-brief';

const TASKS = ['Fix the plugin (optional)'];

export function TroubleshootingSim({ simId }: { simId: string }) {
  const state = useBundle(simId, 'sim');
  if (state.status !== 'ready') return <BundleStatus state={state} what="simulation" />;
  // An incident simulation has no toy plugin to run: its own view (incident-sim.tsx).
  if (state.bundle.meta.mode === 'incident') return <IncidentSim key={simId} bundle={state.bundle} />;
  return <Simulation key={simId} bundle={state.bundle} />;
}

function Simulation({ bundle }: { bundle: SimBundle }) {
  const session = useSimSession(bundle);
  const { meta } = bundle;
  const [activePath, setActivePath] = useState(meta.entry);
  const editorFiles = useMemo(() => meta.files.map((f) => ({ path: f.path, language: f.language, content: session.files[f.path] ?? '' })), [meta.files, session.files]);
  const upstreams = useMemo(() => meta.upstreams.map((u) => UPSTREAMS[u].info), [meta.upstreams]);
  const times = meta.repeat?.times ?? 20;
  const runLabel = meta.mode === 'repeat' ? `Run ×${times}` : 'Run';
  const headingId = `sim-${bundle.id}-title`;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <article aria-labelledby={headingId} className="min-w-0">
        <ExerciseBrief kind="Troubleshooting simulation" meta={meta} briefHtml={bundle.briefHtml} headingId={headingId} />
        <DiagnosisQuestion question={meta.diagnosis} saved={session.diagnosis} onAnswer={session.answer} />
      </article>

      <div className="flex min-w-0 flex-col gap-3">
        {session.hydrated ? (
          <LazyCodeEditor files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} onChange={session.editFile} onRun={() => void session.run()} height={380} />
        ) : (
          <CodeShell files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} height={380} status="Loading your saved work…" />
        )}
        <div className="flex flex-wrap items-center gap-2">
          <RunButton phase={session.phase} onRun={() => void session.run()} onCancel={session.cancel} label={runLabel} />
          <span role="status" className="text-xs text-muted">
            {session.phase === 'running' ? (
              <Busy>{meta.mode === 'repeat' ? `Replaying ${times} dashboard refreshes…` : 'Running the plugin…'}</Busy>
            ) : session.phase === 'checking' ? (
              <Busy>Checking the fix…</Busy>
            ) : (
              'Ctrl/⌘ + Enter in the editor'
            )}
          </span>
          <span className="flex-1" />
          <ConfirmActions onReset={session.reset} onShowSolution={session.showFix} solutionLabel="Show a fix" />
        </div>
        <LoadErrorNotice message={session.loadError} onRetry={() => void session.retry()} />
        {meta.mode === 'repeat' ? (
          <RepeatResults record={session.repeat} report={session.report} checking={session.phase !== 'idle'} upstreams={upstreams} totalMs={session.totalMs} times={times} />
        ) : (
          <ResultsPanel record={session.record} checks={session.report?.checks ?? null} report={session.report} checking={session.phase !== 'idle'} tasks={TASKS} upstreams={upstreams} totalMs={session.totalMs} />
        )}
      </div>
    </div>
  );
}

function RepeatResults({ record, report, checking, upstreams, totalMs, times }: {
  record: RepeatRecord | null;
  report: GradeReport | null;
  checking: boolean;
  upstreams: { name: string; baseUrl: string; docs: string; endpoints: { method: string; path: string; summary: string }[] }[];
  totalMs?: number;
  times: number;
}) {
  const [tab, setTab] = useState('memory');
  const checks = report?.checks ?? null;
  const passed = checks?.filter((c) => c.status === 'pass').length ?? 0;
  const tabs = [
    { id: 'memory', label: 'Memory' },
    { id: 'upstream', label: `Upstream (${record?.upstream.length ?? 0})` },
    { id: 'logs', label: `Logs (${record?.logs.length ?? 0})` },
    { id: 'checks', label: checks ? `Checks ${passed}/${checks.length}` : 'Checks' },
  ];
  const body = () => {
    if (tab === 'checks') return <ChecksView report={report} running={checking} tasks={TASKS} totalMs={totalMs} />;
    if (!record) return <p className="text-sm text-muted">Press Run ×{times} to replay the dashboard refreshing.</p>;
    if (tab === 'upstream') return <UpstreamView calls={record.upstream} secrets={[]} upstreams={upstreams} />;
    if (tab === 'logs') return <LogsView logs={record.logs} secrets={[]} />;
    if (!record.output.ok) return <RunErrorView error={record.output.error} />;
    return (
      <>
        {record.failed.length > 0 ? (
          <p role="alert" className="mb-2 text-sm text-bad">
            {plural(record.failed.length, 'request')} failed; the first: request {record.failed[0].request}, {record.failed[0].message}
          </p>
        ) : null}
        <MemoryChart samples={record.samples} />
      </>
    );
  };
  return (
    <section aria-label="Results" className="flex min-h-0 flex-col">
      {/* Always there, so the tabs do not move when the first run ends (see results-panel.tsx). */}
      <p className="mb-1 text-xs text-muted" aria-live="polite">
        {record ? `Last run: ${plural(record.samples.length, 'request')} in one plugin process, ${Math.round(record.durationMs)} ms.` : '\u00a0'}
      </p>
      <Tabs label="Run results" tabs={tabs} selected={tab} onSelect={setTab}>
        {body()}
      </Tabs>
    </section>
  );
}

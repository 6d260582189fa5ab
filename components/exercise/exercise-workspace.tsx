'use client';
/**
 * A coding exercise: the brief on the left; the editor, Run tests and the results on
 * the right. Standalone: give it an id and it loads everything it needs (the page at
 * /exercises/<id>/ and the interview pages both render it this way).
 */
import { useMemo, useState } from 'react';
import { CodeShell, LazyCodeEditor, type EditorMarker } from '@/components/editor/lazy-code-editor';
import type { CodingBundle } from '@/lib/exercises/bundle';
import { Busy, ConfirmActions } from '@/components/ui/confirm-actions';
import { LoadErrorNotice, RunButton } from '@/components/session/run-button';
import { TestResults } from './test-results';
import { BundleStatus } from './bundle-status';
import { useBundle } from './use-bundle';
import { useExerciseSession } from './use-exercise-session';
import { savedRunText } from '@/lib/progress/saved-run';
import { ExerciseBrief } from './exercise-brief';

export function ExerciseWorkspace({ exerciseId }: { exerciseId: string }) {
  const state = useBundle(exerciseId, 'exercise');
  if (state.status !== 'ready') return <BundleStatus state={state} what="exercise" />;
  return <Workspace key={exerciseId} bundle={state.bundle} />;
}

function Workspace({ bundle }: { bundle: CodingBundle }) {
  const session = useExerciseSession(bundle);
  const { meta } = bundle;
  const [activePath, setActivePath] = useState(meta.entry);
  const editorFiles = useMemo(() => meta.files.map((f) => ({ path: f.path, language: f.language, content: session.files[f.path] ?? '' })), [meta.files, session.files]);
  const markers: EditorMarker[] = useMemo(() => [], []);
  const report = session.report;
  const headingId = `exercise-${bundle.id}-title`;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <article aria-labelledby={headingId} className="min-w-0">
        <ExerciseBrief kind="Coding exercise" meta={meta} briefHtml={bundle.briefHtml} headingId={headingId} />
      </article>

      <div className="flex min-w-0 flex-col gap-3">
        {session.hydrated ? (
          <LazyCodeEditor files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} onChange={session.editFile} onRun={() => void session.run()} markers={markers} height={460} />
        ) : (
          <CodeShell files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} height={460} status="Loading your saved work…" />
        )}
        <div className="flex flex-wrap items-center gap-2">
          <RunButton phase={session.phase} onRun={() => void session.run()} onCancel={session.cancel} label="Run tests" busyLabel="Running tests…" disabled={!session.tests} />
          <span className="text-xs text-muted">Ctrl/⌘ + Enter in the editor</span>
          <span className="flex-1" />
          <ConfirmActions onReset={session.reset} onShowSolution={session.showSolution} />
        </div>
        <div role="status" aria-live="polite" className="min-h-5 text-sm">
          {session.progress ? (
            <span className="flex items-center gap-2">
              <Busy>
                Running test {Math.min(session.progress.done + 1, session.progress.total)} of {session.progress.total}…
              </Busy>
              <progress className="h-2 w-40" max={session.progress.total} value={session.progress.done} aria-label="Tests run" />
            </span>
          ) : report?.status === 'error' ? (
            <span className="font-semibold text-bad">The tests could not run. {report.message}</span>
          ) : report?.status === 'cancelled' ? (
            <span className="text-muted">Run cancelled. {report.message}</span>
          ) : report && report.status !== 'running' ? (
            <span className={session.passed === session.total ? 'font-semibold text-ok' : 'font-semibold text-bad'}>
              {session.passed} of {session.total} tests pass{session.passed === session.total ? ': well done.' : '.'}
            </span>
          ) : session.lastResult ? (
            <span className="text-muted">
              {savedRunText(session.lastResult, 'tests')}
            </span>
          ) : null}
        </div>
        <LoadErrorNotice message={session.loadError} onRetry={() => void session.retry()} />
        <section aria-label="Test results">
          {session.tests ? <TestResults tests={session.tests} report={report} examples={meta.examples} /> : <p className="text-sm text-muted">Loading the tests…</p>}
        </section>
      </div>
    </div>
  );
}

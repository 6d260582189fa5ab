'use client';
/**
 * The lab screen: instructions, tasks and questions on the left; the editor, Run, the
 * request and the results on the right. Kind-aware: the editor, Run bar and questions
 * are common; the handler kind adds its request editor (or health scenario picker);
 * the results area comes from the lab's kind (components/kinds/registry.tsx).
 */
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { CodeShell, LazyCodeEditor, preloadCodeEditor, type EditorMarker } from '@/components/editor/lazy-code-editor';
import { ExternalChangeNotice } from '@/components/progress/external-change-notice';
import { KindResults } from '@/components/kinds/registry';
import { ScenarioPicker } from './scenario-picker';
import { CodeTourBar, useCodeTour } from './code-tour';
import { MarkdownPreview } from './markdown-preview';
import { Questions } from './questions';
import { RequestEditor } from './request-editor';
import { RunBar } from './run-bar';
import { Rubric } from './rubric';
import { TaskProgress, tasksFrom } from './task-progress';
import { initialPath, type LabPageData } from './lab-types';
import { SolutionCompare } from './solution-compare';
import { useLabSession } from './use-lab-session';
import { useRevealResults } from './use-reveal-results';
import { savedRunText } from '@/lib/progress/saved-run';
import { formatWhen } from '@/lib/progress/format-time';
import { LabMentorPanel, useMentorEditorProps } from '@/components/mentor/lab-mentor';

// Every lab page shows the code editor: ask for it when this module is evaluated, before
// hydration, rather than in the editor's effect after it (measured by `npm run bench`:
// editor ready about 150 ms sooner on a cold open). Asking for Monaco in the HTML's head
// was tried and was slower: it competed with the page's own chunks.
if (typeof window !== 'undefined') void preloadCodeEditor();

export function LabWorkspace({ lab }: { lab: LabPageData }) {
  const session = useLabSession(lab);
  const [activePath, setActivePath] = useState(() => initialPath(lab));
  const activeFile = lab.meta.files.find((f) => f.path === activePath);
  const tour = useCodeTour({ questions: lab.questions, answers: session.answers, onAnswer: session.answer, showFile: setActivePath });
  // A mentor's line comments are highlighted; "Show line" opens the file there.
  const mentor = useMentorEditorProps(lab.id, tour.editorProps);

  // The files a learner writes (read-only ones are the same on both sides), for Compare with solution.
  const compareFiles = useMemo(
    () => lab.meta.files.filter((f) => !f.readOnly).map((f) => ({ path: f.path, language: f.language, mine: session.files[f.path] ?? '', solution: lab.solution[f.path] ?? '' })),
    [lab.meta.files, lab.solution, session.files],
  );
  const editorFiles = useMemo(
    () => lab.meta.files.map((f) => ({ path: f.path, language: f.language, readOnly: f.readOnly, content: session.files[f.path] ?? '' })),
    [lab.meta.files, session.files],
  );

  // The lab's kind says what its last record marks in the files (lib/kinds/<kind> `markers`).
  const markers: EditorMarker[] = session.markers;

  const resultsRef = useRef<HTMLDivElement>(null);
  useRevealResults(session.phase, resultsRef);

  const taskChecks = useMemo(() => tasksFrom(session.report, session.lastRun), [session.report, session.lastRun]);

  return (
    <div className="mx-auto grid max-w-[1800px] gap-6 p-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <article aria-labelledby="lab-title" className="min-w-0">
        <p className="text-xs uppercase tracking-wide text-muted">
          {lab.capstone ? (
            <Link href="/#capstone-title" className="text-accent underline underline-offset-2">
              Capstone {lab.capstone}
            </Link>
          ) : (
            <>
              <Link href={`/weeks/${lab.week}/`} className="text-accent underline underline-offset-2">
                Week {lab.week}
              </Link>{' '}
              · Lab {lab.order}
            </>
          )}{' '}
          · about {lab.estimatedMinutes} min
        </p>
        <h1 id="lab-title" className="mt-1 text-2xl font-semibold text-white">
          {lab.title}
        </h1>
        {/* On a phone the brief comes first and is long: a way straight to the code. */}
        <a href="#lab-code" className="mt-2 inline-block text-sm text-accent underline underline-offset-2 lg:hidden">
          Skip to the code and Run
        </a>
        <div className="mt-3 rounded border border-border bg-panel p-3">
          <h2 className="mb-2 text-sm font-semibold text-white">Your progress</h2>
          <TaskProgress tasks={lab.tasks} checks={taskChecks} />
          {session.lastRun && !session.report ? (
            session.lastRun.source === 'import' ? (
              // A backup's word only (it can say anything): never shown as a pass.
              <p className="mt-2 text-xs text-warn">
                From an imported backup, as saved: {session.lastRun.passed} of {session.lastRun.total} checks ({formatWhen(session.lastRun.at)}). Not run in this
                browser, so nothing here counts as passed until you press Run.
              </p>
            ) : (
              <p className="mt-2 text-xs text-muted">
                {savedRunText(session.lastRun, 'checks')} Run again to see details.
              </p>
            )
          ) : null}
        </div>
        <LabMentorPanel labId={lab.id} onShowLine={(path, line) => (setActivePath(path), mentor.showLine(path, line))} />
        {/* Our own authored Markdown, rendered at build time; never learner input. */}
        <div className="lab-prose mt-4" dangerouslySetInnerHTML={{ __html: lab.proseHtml }} />
        <Questions questions={lab.questions} answers={session.answers} onAnswer={session.answer} tour={tour.controls} />
        {lab.meta.rubric ? <Rubric items={lab.meta.rubric} ticked={session.rubric} onChange={session.tickRubric} /> : null}
      </article>

      <div id="lab-code" className="flex min-w-0 scroll-mt-4 flex-col gap-3">
        <ExternalChangeNotice labId={lab.id} />
        {tour.hasLineQuestions ? <CodeTourBar {...tour.bar} /> : null}
        {session.hydrated ? (
          <LazyCodeEditor files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} onChange={session.editFile} onRun={() => void session.run()} markers={markers} height={420} preview={lab.preview} {...tour.editorProps} lineHighlights={mentor.lineHighlights} revealRequest={mentor.revealRequest} />
        ) : (
          // The page's HTML: the starter as read-only text, in the editor's frame, until saved work is read.
          <CodeShell files={editorFiles} activePath={activePath} onActivePathChange={setActivePath} height={420} preview={lab.preview} status="Loading your saved work…" />
        )}
        {session.hydrated && activeFile?.language === 'markdown' ? <MarkdownPreview path={activeFile.path} markdown={session.files[activeFile.path] ?? ''} /> : null}
        <RunBar
          phase={session.phase}
          loadError={session.loadError}
          onRun={() => void session.run()}
          onCancel={session.cancel}
          onRetry={() => void session.retry()}
          onReset={session.resetToStarter}
          onShowSolution={session.showSolution}
          compare={<SolutionCompare files={compareFiles} activePath={activePath} onReveal={session.noteSolutionSeen} />}
        />
        {lab.meta.kind === 'handler' ? (
          lab.meta.run?.invocation !== 'checkHealth' ? (
            <RequestEditor queries={session.queries} scenarioId={session.scenarioId} onQueriesChange={session.setQueries} onScenarioChange={session.setScenario} editor={lab.meta.queryEditor} />
          ) : (
            <HealthScenarioPicker scenarioId={session.scenarioId} onChange={session.setScenario} />
          )
        ) : null}
        <div ref={resultsRef} className="min-w-0">
          <KindResults kind={lab.meta.kind} lab={lab} record={session.record} report={session.report} phase={session.phase} totalMs={session.phase === 'idle' ? session.timings?.totalMs : undefined} />
        </div>
      </div>
    </div>
  );
}

/** A health-check lab sends no queries, but the learner still picks how the upstream behaves. */
function HealthScenarioPicker({ scenarioId, onChange }: { scenarioId: string; onChange(id: string): void }) {
  return (
    <div className="flex flex-wrap items-center gap-3 rounded border border-border bg-panel p-3">
      <ScenarioPicker scenarioId={scenarioId} onChange={onChange} label="Upstream scenario for Save & test" />
    </div>
  );
}

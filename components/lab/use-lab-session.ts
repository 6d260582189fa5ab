'use client';
/**
 * The lab session (lib/session/lab-session.ts) for React: created once per lab page,
 * subscribed with useStore. Answers and rubric ticks are read from the progress store.
 */
import { useEffect, useRef, useState } from 'react';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { scheduleGradeRender, useOwnedSession } from '@/components/session/use-session';
import type { EditableQuery } from '@/lib/kinds/handler/settings';
import { progressStore } from '@/lib/progress/store';
import { createLabSession } from '@/lib/session/lab-session';
import type { LabPageData } from './lab-types';
import { getEngine, warmEngine } from './engine-instance';
import { afterEditorShown } from '@/components/editor/editor-shown';
import { preloadCodeEditor } from '@/components/editor/lazy-code-editor';
import { preloadFrameViews } from '@/components/frames/lazy-frames';
import { afterInputPause } from './input-pause';

/** How long the learner has not typed, clicked or scrolled before a step of the views' preload runs. */
const INPUT_PAUSE_MS = 1000;

export type { RunPhase } from '@/lib/kinds/types';
export type { EditableQuery } from '@/lib/kinds/handler/settings';

export function useLabSession(lab: LabPageData) {
  const hydrated = useProgressHydrated();
  const saved = useProgress((s) => s.labs[lab.id]);
  const session = useOwnedSession(() => createLabSession(lab, { engine: getEngine, progress: progressStore, schedule: scheduleGradeRender, prepareAfter: afterEditorShown() }));

  // The first Run should not wait for a sandbox to start: the lab engine starts its pool
  // as soon as Monaco has loaded. Not sooner: the engine's and the sandboxes' scripts
  // (megabytes to compile) took the CPU Monaco's own parse needed, on 2 cores. A Run
  // pressed before then starts the engine itself.
  const [warmed, setWarmed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void preloadCodeEditor().then(() => warmEngine()).then(() => !cancelled && setWarmed(true));
    return () => {
      cancelled = true;
    };
  }, [lab.id]);
  // Parse @grafana/ui (the Panel tab, the Save & test alert) while the learner reads: after
  // the editor shows and a sandbox is warm, never during a Run (on a busy machine that parse
  // holds the page's thread for seconds, just when Monaco's parse or the checks' runs need it),
  // in steps: @grafana/data a short stage per task (none while a Run is on), then each view's
  // module (the Panel's brings @grafana/ui) when the learner has not typed for a moment.
  const idle = session.phase === 'idle';
  const idleNow = useRef(idle);
  /** Resolved when the Run that is on ends. */
  const idleWaiters = useRef<(() => void)[]>([]);
  useEffect(() => {
    idleNow.current = idle;
    if (idle) idleWaiters.current.splice(0).forEach((resolve) => resolve());
  }, [idle]);
  const viewsRequested = useRef(false);
  useEffect(() => {
    if (!warmed || !idle || viewsRequested.current) return;
    viewsRequested.current = true;
    const quietAndIdle = async () => {
      do await afterInputPause(INPUT_PAUSE_MS);
      while (!idleNow.current);
    };
    // A stage waits only for the Run to end: it is short, and waiting for a pause in input
    // too would spread the stages over many Runs (one per pause).
    const whenIdle = () => (idleNow.current ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.current.push(resolve)));
    void afterEditorShown().then(() => preloadFrameViews(quietAndIdle, whenIdle));
  }, [warmed, idle]);

  const store = progressStore.getState;
  return {
    ...session,
    hydrated,
    queries: session.settings.queries,
    scenarioId: session.settings.scenarioId,
    lastRun: saved?.lastRun,
    answers: saved?.answers ?? {},
    rubric: saved?.rubric ?? {},
    setQueries: (queries: EditableQuery[]) => session.setSettings((current) => ({ ...current, queries })),
    setScenario: (scenarioId: string) => session.setSettings((current) => ({ ...current, scenarioId })),
    answer: (questionId: string, choice: string, correct: boolean) => store().answer(lab.id, questionId, choice, correct),
    tickRubric: (itemId: string, checked: boolean) => store().saveRubric(lab.id, itemId, checked),
    noteSolutionSeen: () => store().noteSolutionSeen(lab.id),
  };
}

export type LabSessionView = ReturnType<typeof useLabSession>;

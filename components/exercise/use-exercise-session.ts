'use client';
/**
 * A coding exercise's session (lib/session/exercise-session.ts) for React: the
 * learner's files (saved as they type), the test list, a test run with its progress,
 * and the report.
 */
import { useEffect } from 'react';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { scheduleGradeRender, useOwnedSession } from '@/components/session/use-session';
import { loadedSandbox, warmSandbox, withSandbox } from '@/components/lab/sandbox-loader';
import { afterEditorShown } from '@/components/editor/editor-shown';
import type { CodingBundle } from '@/lib/exercises/bundle';
import { TEST_LOADERS } from '@/lib/exercises/generated/registry';
import { tally } from '@/lib/grading/contract';
import { progressStore } from '@/lib/progress/store';
import { createExerciseSession } from '@/lib/session/exercise-session';
import { useExerciseEntry } from './use-exercise-entry';

async function loadTests(id: string) {
  const loader = TEST_LOADERS[id];
  if (!loader) throw new Error(`the tests of "${id}" are missing from this build`);
  return (await loader()).default;
}

export function useExerciseSession(bundle: CodingBundle) {
  const hydrated = useProgressHydrated();
  const saved = useExerciseEntry(bundle.id);
  const session = useOwnedSession(() => createExerciseSession(bundle, { sandbox: loadedSandbox, progress: progressStore, loadTests: withSandbox(loadTests), schedule: scheduleGradeRender, prepareAfter: afterEditorShown() }));

  useEffect(() => {
    void warmSandbox();
  }, []);

  const report = session.report;
  const done = report?.checks.filter((c) => c.status !== 'pending' && c.status !== 'running').length ?? 0;
  return {
    ...session,
    hydrated,
    /** The tests as listed before a run, once loaded. */
    tests: session.outline,
    /** While tests run: how many are done. */
    progress: session.phase !== 'idle' && report ? { done, total: report.checks.length } : null,
    ...(report && report.status !== 'running' ? tally(report) : { passed: 0, total: 0 }),
    lastResult: saved.lastResult,
    reset: session.resetToStarter,
  };
}

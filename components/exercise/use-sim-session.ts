'use client';
/**
 * A troubleshooting simulation's session (lib/session/exercise-session.ts) for React:
 * the toy plugin's code (saved as it is edited), the last run (one request, or N
 * refreshes in one process), the checks of the fix, and the diagnosis answer.
 */
import { useEffect } from 'react';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { scheduleGradeRender, useOwnedSession } from '@/components/session/use-session';
import { loadedSandbox, warmSandbox, withSandbox } from '@/components/lab/sandbox-loader';
import { afterEditorShown } from '@/components/editor/editor-shown';
import type { SimBundle } from '@/lib/exercises/bundle';
import { SIM_CHECK_LOADERS } from '@/lib/exercises/generated/registry';
import { exerciseActions } from '@/lib/exercises/progress';
import { progressStore } from '@/lib/progress/store';
import { createSimSession } from '@/lib/session/exercise-session';
import { useExerciseEntry } from './use-exercise-entry';

async function loadChecks(id: string) {
  const loader = SIM_CHECK_LOADERS[id];
  return loader ? (await loader()).default : [];
}

export function useSimSession(bundle: SimBundle) {
  const { id, meta } = bundle;
  const hydrated = useProgressHydrated();
  const saved = useExerciseEntry(id);
  const session = useOwnedSession(() => createSimSession(bundle, { sandbox: loadedSandbox, progress: progressStore, loadChecks: withSandbox(loadChecks), schedule: scheduleGradeRender, prepareAfter: afterEditorShown() }));

  useEffect(() => {
    void warmSandbox();
  }, []);

  return {
    ...session,
    hydrated,
    record: session.record?.mode === 'single' ? session.record.run : null,
    repeat: session.record?.mode === 'repeat' ? session.record.run : null,
    totalMs: session.phase === 'idle' ? session.timings?.totalMs : undefined,
    diagnosis: saved.diagnosis,
    reset: session.resetToStarter,
    showFix: session.showSolution,
    answer: (choice: string) => exerciseActions.answerDiagnosis(id, choice, choice === meta.diagnosis.answer),
  };
}

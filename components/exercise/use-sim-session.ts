'use client';
/**
 * The state of one troubleshooting simulation: the toy plugin's code (saved as it is
 * edited), the last run (one request, or N refreshes in one process), the checks of
 * the fix, and the diagnosis answer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult } from '@/lib/checks/types';
import { buildQueryDataRequest } from '@/lib/engine/request';
import { runOnce, type RunRecord } from '@/lib/engine/run';
import type { SimBundle } from '@/lib/exercises/bundle';
import { SIM_CHECK_LOADERS } from '@/lib/exercises/generated/registry';
import { exerciseActions, getExerciseEntry, useExerciseEntry } from '@/lib/exercises/progress';
import { runRepeated, type RepeatRecord } from '@/lib/exercises/repeat';
import { runSimChecks, simAsLab } from '@/lib/exercises/sim-checks';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { getSandbox } from '@/components/lab/sandbox-instance';

export type SimPhase = 'idle' | 'running' | 'checking';

export function useSimSession(bundle: SimBundle) {
  const { id, meta } = bundle;
  const hydrated = useProgressHydrated();
  const saved = useExerciseEntry(id);
  const files = useMemo(() => ({ ...bundle.starter, ...saved.files }), [bundle.starter, saved.files]);
  const lab = useMemo(() => simAsLab(meta), [meta]);
  const [phase, setPhase] = useState<SimPhase>('idle');
  const [record, setRecord] = useState<RunRecord | null>(null);
  const [repeat, setRepeat] = useState<RepeatRecord | null>(null);
  const [checks, setChecks] = useState<CheckResult[] | null>(null);
  const [totalMs, setTotalMs] = useState<number | undefined>();
  const busy = useRef(false);

  useEffect(() => {
    void getSandbox().warmUp().catch(() => undefined);
  }, []);

  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const started = performance.now();
    setPhase('running');
    setChecks(null);
    try {
      const current = { ...bundle.starter, ...getExerciseEntry(id).files };
      const now = Math.floor(Date.now() / 60_000) * 60_000;
      if (meta.mode === 'repeat') {
        setRepeat(await runRepeated(getSandbox(), current, meta, now));
      } else {
        setRecord(await runOnce(getSandbox(), { files: current, meta: lab, request: buildQueryDataRequest(meta.run, now), scenario: meta.scenario }));
      }
      setPhase('checking');
      const loader = SIM_CHECK_LOADERS[id];
      const simChecks = loader ? (await loader()).default : [];
      const collected: CheckResult[] = [];
      const results = await runSimChecks(getSandbox(), meta, current, simChecks, (r) => {
        collected.push(r);
        setChecks([...collected]);
      });
      setChecks(results);
      exerciseActions.recordResult(id, results.filter((r) => r.status === 'pass').length, results.length);
      setTotalMs(performance.now() - started);
    } finally {
      busy.current = false;
      setPhase('idle');
    }
  }, [bundle.starter, id, lab, meta]);

  return {
    hydrated,
    files,
    phase,
    record,
    repeat,
    checks,
    totalMs,
    diagnosis: saved.diagnosis,
    run,
    editFile: (path: string, content: string) => exerciseActions.saveFile(id, path, content),
    reset: () => exerciseActions.replaceFiles(id, {}),
    showFix: () => exerciseActions.replaceFiles(id, { ...bundle.solution }),
    answer: (choice: string) => exerciseActions.answerDiagnosis(id, choice, choice === meta.diagnosis.answer),
  };
}

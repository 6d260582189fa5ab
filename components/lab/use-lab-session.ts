'use client';
/**
 * The state of one lab in the browser: the learner's files, the request Run sends,
 * the last run and check results, and the actions on them. Files and queries are
 * saved to the progress store as they change.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult } from '@/lib/checks/types';
import { buildHealthRequest, buildQueryDataRequest } from '@/lib/engine/request';
import type { RunRecord } from '@/lib/engine/run';
import { progressStore } from '@/lib/progress/store';
import { useProgress, useProgressHydrated } from '@/components/progress/use-progress';
import { SCENARIO_PRESETS } from '@/lib/upstreams/scenario';
import type { LabPageData } from './lab-types';
import { getSandbox } from './sandbox-instance';

const loadEngine = () => import('./lab-engine');

export type RunPhase = 'idle' | 'running' | 'checking';

export interface EditableQuery {
  refId: string;
  /** The query model as text: sent as DataQuery.json exactly as written. */
  json: string;
}

function defaultQueries(lab: LabPageData): EditableQuery[] {
  return (lab.meta.run?.queries ?? []).map((q) => ({ refId: q.refId, json: typeof q.json === 'string' ? q.json : JSON.stringify(q.json, null, 2) }));
}

export function useLabSession(lab: LabPageData) {
  const hydrated = useProgressHydrated();
  const saved = useProgress((s) => s.labs[lab.id]);
  const store = progressStore.getState;

  const files = useMemo(() => ({ ...lab.starter, ...(saved?.files ?? {}) }), [lab.starter, saved?.files]);
  const queries = saved?.queries ?? defaultQueries(lab);
  const scenarioId = saved?.scenarioId ?? 'normal';

  const [phase, setPhase] = useState<RunPhase>('idle');
  const [record, setRecord] = useState<RunRecord | null>(null);
  const [checks, setChecks] = useState<CheckResult[] | null>(null);
  const [timings, setTimings] = useState<{ runMs: number; totalMs: number } | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    // The first Run should not wait for the sandbox or the engine to load.
    void getSandbox().warmUp().catch(() => undefined);
    void loadEngine().then(({ CHECK_LOADERS }) => CHECK_LOADERS[lab.id]?.());
    // Parse @grafana/ui (the Panel tab, the Save & test alert) while the learner reads, not
    // right after the first Run: on a busy machine that parse holds the page's thread for
    // seconds, just when the checks' runs need it to answer upstream calls and keep time.
    const warmViews = setTimeout(() => void import('@/components/frames/frames-panel').catch(() => undefined), 2000);
    return () => clearTimeout(warmViews);
  }, [lab.id]);

  const run = useCallback(async () => {
    if (busy.current || !lab.meta.run) return;
    busy.current = true;
    const started = performance.now();
    setPhase('running');
    setChecks(null);
    try {
      const { CHECK_LOADERS, blocksChecks, checksNotRun, createCheckContext, runChecks, runOnce } = await loadEngine();
      // Read what is saved now, not what this render saw: the learner may have typed since.
      const latest = store().labs[lab.id];
      const current = { ...lab.starter, ...(latest?.files ?? {}) };
      const runSettings = lab.meta.run;
      const now = Math.floor(Date.now() / 60_000) * 60_000;
      const request =
        runSettings.invocation === 'checkHealth'
          ? buildHealthRequest(runSettings)
          : buildQueryDataRequest(runSettings, now, { queries: latest?.queries ?? defaultQueries(lab) });
      const scenario = SCENARIO_PRESETS.find((p) => p.id === (latest?.scenarioId ?? 'normal'))?.scenario ?? {};
      const main = await runOnce(getSandbox(), { files: current, meta: lab.meta, request, scenario });
      setRecord(main);
      const runMs = performance.now() - started;

      setPhase('checking');
      const labChecks = (await CHECK_LOADERS[lab.id]()).default;
      let results: CheckResult[];
      if (!main.output.ok && blocksChecks(main.output.error)) {
        results = checksNotRun(labChecks, main.output.error);
      } else {
        // Results stream in as checks finish, but the page re-renders at most once a
        // frame: a render per check made style and layout, not the checks, the cost of a Run.
        const collected: CheckResult[] = [];
        let frame = 0;
        results = await runChecks(labChecks, createCheckContext(getSandbox(), lab.meta, current), (r) => {
          collected.push(r);
          frame ||= requestAnimationFrame(() => {
            frame = 0;
            setChecks([...collected]);
          });
        });
        cancelAnimationFrame(frame);
      }
      setChecks(results);
      const passed = results.filter((r) => r.status === 'pass').length;
      store().recordRun(lab.id, {
        at: new Date().toISOString(),
        passed,
        total: results.length,
        checks: Object.fromEntries(results.map((r) => [r.id, r.status])),
      });
      setTimings({ runMs, totalMs: performance.now() - started });
    } finally {
      busy.current = false;
      setPhase('idle');
    }
  }, [lab, store]);

  return {
    hydrated,
    files,
    queries,
    scenarioId,
    phase,
    record,
    checks,
    timings,
    lastRun: saved?.lastRun,
    answers: saved?.answers ?? {},
    rubric: saved?.rubric ?? {},
    run,
    editFile: (path: string, content: string) => store().saveFile(lab.id, path, content),
    setQueries: (next: EditableQuery[]) => store().saveQueries(lab.id, next),
    setScenario: (id: string) => store().saveScenario(lab.id, id),
    resetToStarter: () => {
      store().resetFiles(lab.id, {});
      store().saveQueries(lab.id, defaultQueries(lab));
    },
    showSolution: () => store().resetFiles(lab.id, { ...lab.solution }),
    answer: (questionId: string, choice: string, correct: boolean) => store().answer(lab.id, questionId, choice, correct),
    tickRubric: (itemId: string, checked: boolean) => store().saveRubric(lab.id, itemId, checked),
  };
}

export type LabSession = ReturnType<typeof useLabSession>;

'use client';
/**
 * The state of one coding exercise in the browser: the learner's files (saved as they
 * type), the test list, a test run with its progress, and the results.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CodingBundle } from '@/lib/exercises/bundle';
import { gradeExercise } from '@/lib/exercises/grade';
import { TEST_LOADERS } from '@/lib/exercises/generated/registry';
import { exerciseActions, getExerciseEntry, useExerciseEntry } from '@/lib/exercises/progress';
import type { ExerciseTest, TestResult } from '@/lib/exercises/types';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { getSandbox } from '@/components/lab/sandbox-instance';

export interface RunProgress {
  done: number;
  total: number;
}

export function useExerciseSession(bundle: CodingBundle) {
  const { id } = bundle;
  const hydrated = useProgressHydrated();
  const saved = useExerciseEntry(id);
  const files = useMemo(() => ({ ...bundle.starter, ...saved.files }), [bundle.starter, saved.files]);
  const [tests, setTests] = useState<ExerciseTest[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TestResult>>({});
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    void getSandbox().warmUp().catch(() => undefined);
    const loader = TEST_LOADERS[id];
    if (!loader) {
      setLoadError(`The tests of "${id}" are missing from this build.`);
      return;
    }
    loader().then(
      (m) => live && setTests(m.default),
      (err: unknown) => live && setLoadError(`The tests could not load: ${err instanceof Error ? err.message : String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const run = useCallback(async () => {
    if (busy.current || !tests) return;
    busy.current = true;
    setResults({});
    setProgress({ done: 0, total: tests.length });
    try {
      // What is saved now, not what this render saw: the learner may have typed since.
      const current = { ...bundle.starter, ...getExerciseEntry(id).files };
      const all = await gradeExercise(getSandbox(), { files: current, entry: bundle.meta.entry, timeLimitMs: bundle.meta.timeLimitMs }, tests, (result, index) => {
        setResults((prev) => ({ ...prev, [result.id]: result }));
        setProgress({ done: index + 1, total: tests.length });
      });
      exerciseActions.recordResult(id, all.filter((r) => r.status === 'pass').length, all.length);
    } finally {
      busy.current = false;
      setProgress(null);
    }
  }, [bundle, id, tests]);

  const resultList = Object.values(results);
  return {
    hydrated,
    files,
    tests,
    loadError,
    results,
    passed: resultList.filter((r) => r.status === 'pass').length,
    ran: resultList.length,
    progress,
    lastResult: saved.lastResult,
    run,
    editFile: (path: string, content: string) => exerciseActions.saveFile(id, path, content),
    reset: () => exerciseActions.replaceFiles(id, {}),
    showSolution: () => exerciseActions.replaceFiles(id, { ...bundle.solution }),
  };
}

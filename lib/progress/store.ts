'use client';
/**
 * The learner's progress, in a zustand store persisted to localStorage. Saved data is
 * validated and migrated on load (migrations.ts); data that cannot be read is moved
 * aside under a quarantine key, never silently thrown away.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { migrate } from './migrations';
import { EMPTY_PROGRESS, PROGRESS_VERSION, type LabProgress, type LastRun, type Progress } from './schema';

export const STORAGE_KEY = 'datasource-lab:progress';
export const QUARANTINE_PREFIX = 'datasource-lab:quarantine:';

interface ProgressState extends Progress {
  /** Set when saved data could not be read and was moved aside. */
  quarantine?: { key: string; reason: string };
  /** Set when saving failed (storage full or disabled): work is only in memory. */
  saveError?: string;
  saveFile(labId: string, path: string, content: string): void;
  resetFiles(labId: string, files?: Record<string, string>): void;
  answer(labId: string, questionId: string, choice: string, correct: boolean): void;
  recordRun(labId: string, run: LastRun): void;
  saveQueries(labId: string, queries: { refId: string; json: string }[]): void;
  saveScenario(labId: string, scenarioId: string): void;
}

const now = () => new Date().toISOString();

function updateLab(state: Progress, labId: string, change: (lab: LabProgress) => Partial<LabProgress>): Pick<Progress, 'labs'> {
  const lab: LabProgress = state.labs[labId] ?? { files: {}, answers: {}, updatedAt: now() };
  return { labs: { ...state.labs, [labId]: { ...lab, ...change(lab), updatedAt: now() } } };
}

/** localStorage with validation on read and a visible error, not a crash, on failed writes. */
function validatingStorage(report: (patch: Partial<ProgressState>) => void): StateStorage {
  return {
    getItem(name) {
      const raw = localStorage.getItem(name);
      if (raw === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return quarantine(name, raw, 'saved progress is not valid JSON', report);
      }
      const result = migrate((parsed as { state?: unknown })?.state);
      if (!result.ok) return quarantine(name, raw, result.reason, report);
      return JSON.stringify({ state: result.progress, version: PROGRESS_VERSION });
    },
    setItem(name, value) {
      try {
        localStorage.setItem(name, value);
        report({ saveError: undefined });
      } catch (err) {
        report({ saveError: `Your progress could not be saved in this browser (${err instanceof Error ? err.message : String(err)}). It is kept in this tab until it can be.` });
      }
    },
    removeItem: (name) => localStorage.removeItem(name),
  };
}

function quarantine(name: string, raw: string, reason: string, report: (patch: Partial<ProgressState>) => void): null {
  const key = `${QUARANTINE_PREFIX}${new Date().toISOString()}`;
  try {
    localStorage.setItem(key, raw);
    localStorage.removeItem(name);
  } catch {
    // If even that fails, leave the original where it is: never delete unread data.
  }
  queueMicrotask(() => report({ quarantine: { key, reason } }));
  return null;
}

/**
 * Records a storage problem in the store. Every setState makes persist write again,
 * so only a real change is applied: otherwise a failing write would report itself
 * forever.
 */
function reportStorageState(patch: Partial<ProgressState>): void {
  const state = useProgress.getState();
  const changed = (Object.keys(patch) as (keyof ProgressState)[]).some((key) => state[key] !== patch[key]);
  if (changed) useProgress.setState(patch);
}

export const useProgress = create<ProgressState>()(
  persist(
    (set) => ({
      ...EMPTY_PROGRESS,
      saveFile: (labId, path, content) => set((s) => updateLab(s, labId, (lab) => ({ files: { ...lab.files, [path]: content } }))),
      resetFiles: (labId, files = {}) => set((s) => updateLab(s, labId, () => ({ files }))),
      answer: (labId, questionId, choice, correct) =>
        set((s) => updateLab(s, labId, (lab) => ({ answers: { ...lab.answers, [questionId]: { choice, correct, at: now() } } }))),
      recordRun: (labId, run) => set((s) => updateLab(s, labId, () => ({ lastRun: run }))),
      saveQueries: (labId, queries) => set((s) => updateLab(s, labId, () => ({ queries }))),
      saveScenario: (labId, scenarioId) => set((s) => updateLab(s, labId, () => ({ scenarioId }))),
    }),
    {
      name: STORAGE_KEY,
      version: PROGRESS_VERSION,
      storage: createJSONStorage(() => validatingStorage(reportStorageState)),
      partialize: (state) => ({ version: state.version, labs: state.labs }),
      // Rehydrated in the browser only (see useHydratedProgress), so the static HTML
      // and the first client render agree.
      skipHydration: true,
    },
  ),
);

/** Loads saved progress once on the client; returns whether it has been loaded. */
export async function hydrateProgress(): Promise<void> {
  if (!useProgress.persist.hasHydrated()) await useProgress.persist.rehydrate();
}

/** True once saved progress has been loaded in this tab; loads it on first use. */
export function useProgressHydrated(): boolean {
  const [hydrated, setHydrated] = useState(() => useProgress.persist?.hasHydrated() ?? false);
  useEffect(() => {
    let live = true;
    void hydrateProgress().then(() => live && setHydrated(true));
    return () => {
      live = false;
    };
  }, []);
  return hydrated;
}

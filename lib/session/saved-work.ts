/**
 * Where sessions save: the progress store (lib/progress/store.ts). A lab keeps its
 * files, queries and scenario under `labs[id]`; an exercise or simulation its files
 * under `exercises[id]`. `read()` returns the same objects while nothing changed, so
 * a session only updates when its own work did.
 */
import type { CheckStatus, GradeReport } from '../grading/contract';
import { tally } from '../grading/contract';
import { exerciseActionsFor, getExerciseEntry } from '../exercises/progress';
import type { EditableQuery, HandlerSettings } from '../kinds/handler/settings';
import type { ProgressStore } from '../progress/store';
import type { SavedWork } from './session';

const NO_FILES: Record<string, string> = {};

/**
 * Saved statuses stay pass / fail / error (the saved schema): a check skipped because
 * the code did not load counts as an error, as it did before there was `skipped`.
 */
export function savedStatus(status: CheckStatus): 'pass' | 'fail' | 'error' {
  return status === 'pass' || status === 'fail' ? status : 'error';
}

/** A lab's saved work. Its settings are the handler kind's (queries, scenario); kinds without settings ignore them. */
export function labWork(store: ProgressStore, labId: string, defaultQueries: EditableQuery[]): SavedWork<HandlerSettings> {
  let cache: { queries?: unknown; scenarioId?: unknown; settings: HandlerSettings } | null = null;
  const lab = () => store.getState().labs[labId];
  return {
    read() {
      const saved = lab();
      if (!cache || cache.queries !== saved?.queries || cache.scenarioId !== saved?.scenarioId) {
        cache = { queries: saved?.queries, scenarioId: saved?.scenarioId, settings: { queries: saved?.queries ?? defaultQueries, scenarioId: saved?.scenarioId ?? 'normal' } };
      }
      return { files: saved?.files ?? NO_FILES, settings: cache.settings };
    },
    subscribe: (onChange) => store.subscribe(onChange),
    saveFile: (path, content) => store.getState().saveFile(labId, path, content),
    replaceFiles: (files) => store.getState().resetFiles(labId, files),
    saveSettings(settings) {
      const saved = lab();
      if (settings.queries !== (saved?.queries ?? defaultQueries)) store.getState().saveQueries(labId, settings.queries);
      if (settings.scenarioId !== (saved?.scenarioId ?? 'normal')) store.getState().saveScenario(labId, settings.scenarioId);
    },
    resetToStarter() {
      store.getState().resetFiles(labId, {});
      store.getState().saveQueries(labId, defaultQueries);
    },
    recordGrade(report: GradeReport) {
      const { passed, total } = tally(report);
      const tasks = Object.fromEntries(report.checks.flatMap((c) => (c.task !== undefined ? [[c.id, c.task]] : [])));
      store.getState().recordRun(labId, {
        at: new Date().toISOString(),
        passed,
        total,
        checks: Object.fromEntries(report.checks.map((c) => [c.id, savedStatus(c.status)])),
        ...(Object.keys(tasks).length > 0 ? { tasks } : {}),
      });
    },
  };
}

/** An exercise's or simulation's saved work: files only, no settings. */
export function exerciseWork(store: ProgressStore, id: string): SavedWork<undefined> {
  const actions = exerciseActionsFor(store);
  return {
    read: () => ({ files: getExerciseEntry(id, store).files ?? NO_FILES, settings: undefined }),
    subscribe: (onChange) => store.subscribe(onChange),
    saveFile: (path, content) => actions.saveFile(id, path, content),
    replaceFiles: (files) => actions.replaceFiles(id, files),
    saveSettings: () => undefined,
    resetToStarter: () => actions.replaceFiles(id, {}),
    recordGrade(report) {
      const { passed, total } = tally(report);
      actions.recordResult(id, passed, total);
    },
  };
}

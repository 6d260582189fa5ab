/**
 * @grafana/data evaluated in steps before @grafana/ui. The first import of a module that uses
 * @grafana/ui (a frame view, the Save & test alert) evaluates both packages and everything
 * they import: on the 2-core machines here, with the first Run's checks and the editor's
 * workers sharing the CPU, @grafana/data took 0.6–0.85 s in one task and @grafana/ui 0.5–0.7 s
 * in another. A module's evaluation cannot be paused, but an evaluated module is cached, so
 * evaluating @grafana/data a part at a time, one part per task, leaves @grafana/ui's import
 * only @grafana/ui.
 *
 * The parts are written at build time from the installed package (generate-grafana-stages.mjs,
 * into generated/stages.ts): the modules of @grafana/data that the app's bundle keeps, in
 * evaluation order, cut into stages of about 8 KB of source, then a stage for each piece of
 * work it does on first use and caches (its value-format registry, the browser's time zone:
 * ~90 and ~75 ms of the Panel's first render otherwise), then React's server renderer
 * (@grafana/ui's Text imports it for its tooltips). @grafana/ui itself stays one task: the
 * bundler merges its modules into one (scope hoisting), and requiring its files one by one
 * kept all their exports, 0.57 MB more gzip (docs/decisions/0010-grafana-data-in-stages.md).
 */

type Stage = () => void;

let stageList: Promise<readonly Stage[]> | null = null;
/** How many stages have run, shared by every caller so that each stage runs once. */
let evaluated = 0;

/** Resolves in a later task: two steps never share one (a module already fetched evaluates in a microtask). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The stages, from one dynamic import that fetches their chunks and evaluates none of their modules. Tried again after a failure. */
function loadStages(): Promise<readonly Stage[]> {
  stageList ??= import('./generated/stages').then(
    (m) => m.GENERATED_STAGES,
    (error: unknown) => {
      stageList = null;
      throw error;
    },
  );
  return stageList;
}

/**
 * Evaluates @grafana/data (and React's server renderer) a stage per task, awaiting `beforeStage` before
 * each (the preload waits there while a Run is on). Callers at the same time share the
 * stages; once all have run it resolves after one task hop. Rejects when the chunks do not
 * load or a module throws while it is evaluated.
 */
export async function evaluateGrafanaInStages(beforeStage?: () => Promise<void>): Promise<void> {
  const stages = await loadStages();
  while (evaluated < stages.length) {
    await nextTask();
    if (beforeStage) await beforeStage();
    if (evaluated < stages.length) stages[evaluated++]();
  }
}

/**
 * `load()` (a dynamic import of a module that uses @grafana/ui) after the stages, in a task
 * of its own. Rejects as a stage or `load` does (a chunk that did not load).
 */
export async function afterGrafanaStages<T>(load: () => Promise<T>): Promise<T> {
  await evaluateGrafanaInStages();
  await nextTask();
  return load();
}

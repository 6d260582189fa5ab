/**
 * @grafana/ui evaluated in steps. The first import of a module that uses it (a frame view,
 * the Save & test alert) evaluates @grafana/ui and everything it imports in one task:
 * ~435 ms on the 2-core machines here, over a second while a Run's checks share the CPU.
 * Modules a stage evaluates are cached, so the import after the stages evaluates only what
 * is left. Only packages this app depends on itself, by the same specifiers @grafana/ui
 * uses, so each resolves to the module @grafana/ui gets: @grafana/data (about a third of
 * that task), and React's server renderer, which @grafana/ui's Text imports for its tooltips.
 */
export const GRAFANA_STAGES: readonly (() => Promise<unknown>)[] = [() => import('@grafana/data'), () => import('react-dom/server')];

/** Resolves in a later task: two steps never share one (a module already fetched evaluates in a microtask). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `load()` (a dynamic import of a module that uses @grafana/ui) after the stages, each in a
 * task of its own; stages already evaluated cost a task hop each. Rejects as a stage or
 * `load` does (a chunk that did not load).
 */
export async function afterGrafanaStages<T>(load: () => Promise<T>): Promise<T> {
  for (const stage of GRAFANA_STAGES) {
    await nextTask();
    await stage();
  }
  await nextTask();
  return load();
}

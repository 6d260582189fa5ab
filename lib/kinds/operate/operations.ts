/**
 * The Operations view of an operate run (Capstone A): the learner's own dashboard.json
 * evaluated over the run's scrapes, panel by panel, and their alerts.yaml replayed over
 * the same scrapes (./alerts.ts), each rule's state at every 15 s evaluation against the
 * run's incidents. No React: components/operate/operations-view.tsx draws it.
 */
import { evaluateRange, PromQLError, type MatrixSeries } from '../../promql';
import { EVALUATION_INTERVAL_MS, parseDashboard, parseRules, replayRules, type RuleTimeline } from './alerts';
import { scrapeStorage } from './red';
import type { OperateRunRecord } from './run';

/** The files a lab needs for the Operations view. */
export const OPERATIONS_FILES = { dashboard: 'dashboard.json', alerts: 'alerts.yaml' } as const;

/** Whether a lab's file list has the operations files (Capstone A does). */
export function hasOperations(files: readonly { path: string }[]): boolean {
  return files.some((f) => f.path === OPERATIONS_FILES.dashboard) && files.some((f) => f.path === OPERATIONS_FILES.alerts);
}

/**
 * The text of `path` as the run read it (a mentor's re-run shows the submission's, not their
 * own saved work); undefined when the run had no such file, or for a record without files
 * (only the Run's own record keeps them: run.ts `files`).
 */
export function servedFile(record: Pick<OperateRunRecord, 'files'>, path: string): string | undefined {
  const files = record.files;
  return files && Object.hasOwn(files, path) ? files[path] : undefined;
}

/** One evaluated panel of the learner's dashboard. */
export interface OperationsPanel {
  title: string;
  /** Grafana's unit id (fieldConfig.defaults.unit), if the panel sets one. */
  unit?: string;
  /** Each target's `expr` as written. */
  queries: string[];
  series: { name: string; points: [number, number][] }[];
  /** Why the panel has no series (a parse error, or nothing found). */
  message?: string;
}

/** Grafana's interval variables written out as the lab's rate window (four 15 s scrapes). */
export const withIntervalVariables = (expr: string) => expr.replace(/\$__rate_interval|\$__interval|\$__range|\$\{__rate_interval\}|\$\{__interval\}/g, '1m');

function legend(format: string | undefined, series: MatrixSeries, expr: string): string {
  if (!format) {
    const labels = Object.entries(series.metric).filter(([k]) => k !== '__name__');
    return labels.length ? labels.map(([k, v]) => `${k}="${v}"`).join(', ') : expr;
  }
  return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => series.metric[name] ?? '');
}

/** The learner's dashboard over the run's scrapes, or why it cannot be read. Never throws. */
export function evaluateDashboard(text: string | undefined, record: Pick<OperateRunRecord, 'scrapes' | 'epochMs'>): { panels: OperationsPanel[] } | { error: string } {
  if (text === undefined) return { error: `There is no ${OPERATIONS_FILES.dashboard}.` };
  const parsed = parseDashboard(text);
  if (!parsed.ok) return { error: `${OPERATIONS_FILES.dashboard} is not a dashboard model: ${parsed.message}` };
  const read = record.scrapes.filter((s) => s.families);
  if (read.length === 0) return { error: 'There were no scrapes the host could read: export your Registry from the entry file as `registry`.' };
  const storage = scrapeStorage(read, record.epochMs);
  const start = Math.round(record.epochMs + read[0].atMs);
  const range = { start, end: Math.max(start, Math.round(record.epochMs + read[read.length - 1].atMs)), step: 15_000 };
  return {
    panels: parsed.value.panels.map((panel) => {
      const queries = panel.targets.map((t) => t.expr);
      const series: OperationsPanel['series'] = [];
      try {
        for (const target of panel.targets) {
          for (const s of evaluateRange(withIntervalVariables(target.expr), range, storage).result) series.push({ name: legend(target.legendFormat, s, target.expr), points: s.values.map(([t, v]) => [t, v]) });
        }
      } catch (err) {
        return { title: panel.title, unit: panel.fieldConfig?.defaults.unit, queries, series: [], message: err instanceof PromQLError ? err.message : String(err) };
      }
      return { title: panel.title, unit: panel.fieldConfig?.defaults.unit, queries, series, ...(series.length === 0 ? { message: 'No data: the metrics this panel reads were not in your scrapes, or never changed.' } : {}) };
    }),
  };
}

/** Each rule of the learner's alerts.yaml replayed over the run's scrapes, or why it cannot be. Never throws. */
export function alertTimelines(text: string | undefined, record: Pick<OperateRunRecord, 'scrapes' | 'epochMs' | 'virtualEndMs'>): { timelines: RuleTimeline[]; intervalMs: number } | { error: string } {
  if (text === undefined) return { error: `There is no ${OPERATIONS_FILES.alerts}.` };
  const parsed = parseRules(text);
  if (!parsed.ok) return { error: `${OPERATIONS_FILES.alerts} is not a rules file: ${parsed.message}` };
  const storage = scrapeStorage(record.scrapes.filter((s) => s.families), record.epochMs);
  return { timelines: replayRules(parsed.value, storage, record.epochMs, record.virtualEndMs), intervalMs: EVALUATION_INTERVAL_MS };
}

/**
 * Replays the capstone's rows (scenarios.ts) through the Week 3 pipeline simulator,
 * once per workflow file, and merges what both workflows did into one matrix cell per
 * row × event, as GitHub would show the checks of a commit: every workflow the event
 * starts runs on its own, so a cell released when any of them published.
 */
import type { Cell, CommitInfo, PipelineResult, WorkflowRun } from '../pipeline/result';
import { triggersFor } from '../pipeline/events';
import { EVENTS, type EventId } from '../pipeline/scenario';
import { simulatePipeline } from '../pipeline/simulate';
import type { PackageJson } from '../pipeline/tools';
import type { WorkflowModel } from '../workflow/model';
import type { ReleaseRow } from './scenarios';

/** One workflow run of one row × event, with what produced it. */
export interface RunRef {
  row: ReleaseRow;
  event: EventId;
  /** Workflow file base name, e.g. release.yml. */
  file: string;
  model: WorkflowModel;
  run: WorkflowRun;
  /** The `github` context the run had. */
  github: Record<string, unknown>;
}

export interface Replay {
  /** The merged matrix, in the pipeline lab's shape, so its pictures draw it. */
  pipeline: PipelineResult;
  runs: RunRef[];
}

const RANK: Record<Cell['status'], number> = { released: 4, stopped: 3, passed: 2, 'not-triggered': 1, 'not-applicable': 0 };

/** What GitHub shows for one commit × event when several workflows ran: the most telling outcome. */
export function mergeCells(parts: { file: string; cell: Cell }[]): Cell {
  const [first] = parts;
  const best = parts.reduce((a, b) => (RANK[b.cell.status] > RANK[a.cell.status] ? b : a), first);
  const triggered = parts.filter((p) => p.cell.runs.length > 0);
  const label = triggered.length > 1 ? triggered.map((p) => `${p.file}: ${p.cell.label}`).join(' · ') : best.cell.label;
  return {
    ...best.cell,
    label: best.cell.status === 'not-triggered' ? 'no workflow ran' : label,
    exposedSecrets: [...new Set(parts.flatMap((p) => p.cell.exposedSecrets))].sort(),
    runs: parts.flatMap((p) => p.cell.runs.map((run) => ({ ...run, event: `${run.event} · ${p.file}` }))),
  };
}

export function replay(rows: ReleaseRow[], models: Record<string, WorkflowModel>, packageJson: PackageJson, seed: number): Replay {
  const files = Object.keys(models).sort();
  const cells: Cell[] = [];
  const runs: RunRef[] = [];
  const notes = new Set<string>();
  for (const row of rows) {
    const perFile = files.map((file) => {
      const result = simulatePipeline({ model: models[file], packageJson: { ...packageJson, version: row.version }, seed, commits: [row.commit] });
      result.notes.forEach((n) => notes.add(`${file}: ${n}`));
      return { file, result };
    });
    for (const { id: event } of EVENTS) {
      const parts = perFile.map(({ file, result }) => ({ file, cell: result.cells.find((c) => c.event === event)! }));
      cells.push(mergeCells(parts));
      for (const { file, cell } of parts) {
        if (cell.runs.length === 0) continue;
        const triggers = triggersFor(models[file], row.commit, event);
        cell.runs.forEach((run, i) => runs.push({ row, event, file, model: models[file], run, github: triggers[i]?.github ?? {} }));
      }
    }
  }
  const commits: CommitInfo[] = rows.map((r) => ({ id: r.commit.id, sha: r.commit.sha, title: r.commit.title, defect: r.commit.defect, defectLabel: r.label }));
  return {
    pipeline: { simulation: 'pipeline', seed, commits, events: EVENTS, cells, cache: [], notes: [...notes].sort() },
    runs,
  };
}

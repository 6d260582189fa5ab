import type { CheckStatus } from '@/lib/checks/types';
import type { GradeReport } from '@/lib/grading/contract';
import type { LastRun } from '@/lib/progress/schema';

export type TaskCheck = { task: number; status: CheckStatus };

/**
 * The checks the task list marks: this page's report when it is finished, else the last
 * Run saved in this browser (after a reload, and while a Run is in flight or after one was
 * cancelled: an unfinished report has decided nothing, and its pending or skipped checks
 * would read as failures). A run from an imported backup is only the backup's word, and a
 * run saved before tasks were kept cannot be placed: both give null ("not run yet" beside
 * the saved run's summary). A report without a status counts as finished.
 */
export function tasksFrom(report: (Pick<GradeReport, 'checks'> & Partial<Pick<GradeReport, 'status'>>) | null | undefined, lastRun: LastRun | undefined): TaskCheck[] | null {
  const unfinished = report?.status === 'running' || report?.status === 'cancelled';
  if (report && !unfinished) return report.checks.flatMap((c) => (c.task !== undefined ? [{ task: c.task, status: c.status }] : []));
  if (!lastRun?.tasks || lastRun.source === 'import') return null;
  const tasks = lastRun.tasks;
  return Object.entries(lastRun.checks).flatMap(([id, status]) => (Object.hasOwn(tasks, id) ? [{ task: tasks[id], status }] : []));
}

interface Props {
  tasks: string[];
  /** Status per check id, with the task each check belongs to. */
  checks: TaskCheck[] | null;
}

/** The README's tasks, each marked done when all of its checks pass. */
export function TaskProgress({ tasks, checks }: Props) {
  return (
    <ol aria-label="Tasks" className="space-y-1 text-sm">
      {tasks.map((title, i) => {
        const own = checks?.filter((c) => c.task === i + 1) ?? [];
        const state = own.length === 0 ? 'todo' : own.every((c) => c.status === 'pass') ? 'done' : 'open';
        const label = { todo: 'not run yet', done: 'done', open: `${own.filter((c) => c.status === 'pass').length} of ${own.length} checks pass` }[state];
        return (
          <li key={i} className="flex gap-2">
            <span aria-hidden="true" className={state === 'done' ? 'text-ok' : state === 'open' ? 'text-warn' : 'text-muted'}>
              {state === 'done' ? '✓' : state === 'open' ? '○' : '·'}
            </span>
            <span>
              {i + 1}. {title} <span className="text-xs text-muted">({label})</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

import type { CheckStatus } from '@/lib/checks/types';

interface Props {
  tasks: string[];
  /** Status per check id, with the task each check belongs to. */
  checks: { task: number; status: CheckStatus }[] | null;
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

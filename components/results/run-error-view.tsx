import type { RunError } from '@/lib/runtime/errors';

const TITLES: Record<RunError['kind'], string> = {
  syntax: 'Syntax error',
  import: 'Import error',
  runtime: 'The handler threw an error',
  timeout: 'Stopped: time limit reached',
  output: 'The handler returned something Grafana cannot read',
  sandbox: 'The sandbox failed',
  cancelled: 'Cancelled',
};

/** A run that ended without an answer. Everything is rendered as text. */
export function RunErrorView({ error }: { error: RunError }) {
  return (
    // A cancel is the learner's own doing: a status, not an alarm.
    <div role={error.kind === 'cancelled' ? 'status' : 'alert'} className={`rounded border p-3 text-sm ${error.kind === 'cancelled' ? 'border-border bg-panel' : 'border-bad/60 bg-bad/10'}`}>
      <p className="font-semibold text-white">
        {TITLES[error.kind]}
        {error.file ? (
          <span className="ml-2 font-mono font-normal text-muted">
            {error.file}
            {error.line ? `:${error.line}` : ''}
            {error.column ? `:${error.column}` : ''}
          </span>
        ) : null}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words font-mono">{error.message}</p>
      {error.stack ? <pre className="mt-2 overflow-x-auto text-xs text-muted">{error.stack}</pre> : null}
    </div>
  );
}

import type { CheckResult } from '@/lib/checks/types';

const STATUS = {
  pass: { icon: '✓', text: 'Pass', style: 'text-ok' },
  fail: { icon: '✗', text: 'Fail', style: 'text-bad' },
  error: { icon: '!', text: 'Error', style: 'text-warn' },
} as const;

interface Props {
  results: CheckResult[] | null;
  running: boolean;
  tasks: string[];
  /** Wall time from pressing Run to the last check result, in ms. */
  totalMs?: number;
}

/** Every check by task: pass, fail (expected vs. actual, with a hint) or error. */
export function ChecksView({ results, running, tasks, totalMs }: Props) {
  if (!results) {
    return <p className="text-sm text-muted">{running ? 'Running checks…' : 'Press Run to run the checks.'}</p>;
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  return (
    <div>
      <p className="mb-2 text-sm" aria-live="polite">
        <strong className={passed === results.length ? 'text-ok' : 'text-white'}>
          {passed} of {results.length} checks pass
        </strong>
        {running ? <span className="ml-2 text-muted">(still running…)</span> : null}
        {!running && totalMs !== undefined ? <span className="ml-2 text-xs text-muted" data-testid="run-total-ms">Run and checks took {Math.round(totalMs)} ms</span> : null}
      </p>
      <ul className="space-y-2" aria-label="Check results">
        {results.map((result) => {
          const status = STATUS[result.status];
          return (
            <li key={result.id} className="rounded border border-border bg-panel p-2 text-sm">
              <p>
                <span className={`mr-2 font-bold ${status.style}`} aria-hidden="true">
                  {status.icon}
                </span>
                <span className={`mr-2 font-semibold ${status.style}`}>{status.text}</span>
                <span className="text-white">{result.title}</span>
                <span className="ml-2 text-xs text-muted">Task {result.task}{tasks[result.task - 1] ? `: ${tasks[result.task - 1]}` : ''}</span>
              </p>
              {result.status !== 'pass' ? (
                <dl className="mt-1 grid grid-cols-[6rem_1fr] gap-x-2 gap-y-0.5 text-xs">
                  {result.expected ? (
                    <>
                      <dt className="text-muted">Expected</dt>
                      <dd className="break-words font-mono">{result.expected}</dd>
                    </>
                  ) : null}
                  {result.actual ? (
                    <>
                      <dt className="text-muted">{result.status === 'fail' ? 'But' : 'Problem'}</dt>
                      <dd className="whitespace-pre-wrap break-words font-mono">{result.actual}</dd>
                    </>
                  ) : null}
                  {result.hint ? (
                    <>
                      <dt className="text-muted">Hint</dt>
                      <dd>{result.hint}</dd>
                    </>
                  ) : null}
                </dl>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

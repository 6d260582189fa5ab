import type { CheckResult, CheckStatus, GradeReport } from '@/lib/grading/contract';
import { tally } from '@/lib/grading/contract';

const STATUS: Record<CheckStatus, { icon: string; text: string; style: string }> = {
  pending: { icon: '·', text: 'Pending', style: 'text-muted' },
  running: { icon: '…', text: 'Running', style: 'text-accent' },
  pass: { icon: '✓', text: 'Pass', style: 'text-ok' },
  fail: { icon: '✗', text: 'Fail', style: 'text-bad' },
  error: { icon: '!', text: 'Error', style: 'text-warn' },
  skipped: { icon: '–', text: 'Skipped', style: 'text-muted' },
};

interface Props {
  /** The grade of the last or current Run (pending / running checks while it is in flight), or null before any. */
  report: GradeReport | null;
  /** A Run is in flight (its main run may not have reached the checks yet). */
  running: boolean;
  tasks: string[];
  /** Wall time from pressing Run to the last check result, in ms. */
  totalMs?: number;
}

/**
 * Every check by task: pending and running from the moment Run is pressed, then pass,
 * fail (expected vs. actual, with a hint) or error. A grade that could not run (the
 * code does not load) or was cancelled says why once, above the list.
 */
export function ChecksView({ report, running, tasks, totalMs }: Props) {
  if (!report) {
    return <p className="text-sm text-muted">{running ? 'Starting the checks…' : 'Press Run to run the checks.'}</p>;
  }
  return (
    <div>
      <Summary report={report} totalMs={running ? undefined : totalMs} />
      <ul className="space-y-2" aria-label="Check results">
        {report.checks.map((result) => (
          <CheckItem key={result.id} result={result} tasks={tasks} />
        ))}
      </ul>
    </div>
  );
}

function Summary({ report, totalMs }: { report: GradeReport; totalMs?: number }) {
  const { passed, total } = tally(report);
  if (report.status === 'error' || report.status === 'cancelled') {
    const error = report.status === 'error';
    return (
      <div role={error ? 'alert' : 'status'} className={`mb-2 rounded border p-3 text-sm ${error ? 'border-bad/60 bg-bad/10' : 'border-border bg-panel'}`}>
        <p className="font-semibold text-white">{error ? 'The checks could not run' : 'Run cancelled'}</p>
        {report.message ? <p className="mt-1 whitespace-pre-wrap break-words">{report.message}</p> : null}
      </div>
    );
  }
  if (report.status === 'running') {
    const done = report.checks.filter((c) => c.status !== 'pending' && c.status !== 'running').length;
    return (
      <p className="mb-2 text-sm" role="status">
        <strong className="text-white">
          Running checks: {done} of {total} done
        </strong>
      </p>
    );
  }
  return (
    <p className="mb-2 text-sm" aria-live="polite">
      <strong className={passed === total ? 'text-ok' : 'text-white'}>
        {passed} of {total} checks pass
      </strong>
      {totalMs !== undefined ? (
        <span className="ml-2 text-xs text-muted" data-testid="run-total-ms">
          Run and checks took {Math.round(totalMs)} ms
        </span>
      ) : null}
    </p>
  );
}

function CheckItem({ result, tasks }: { result: CheckResult; tasks: string[] }) {
  const status = STATUS[result.status];
  const settled = result.status === 'fail' || result.status === 'error';
  return (
    <li className="rounded border border-border bg-panel p-2 text-sm" aria-busy={result.status === 'running' || undefined}>
      <p>
        <span className={`mr-2 font-bold ${status.style}`} aria-hidden="true">
          {status.icon}
        </span>
        <span className={`mr-2 font-semibold ${status.style}`}>{status.text}</span>
        <span className="text-white">{result.title}</span>
        {result.task !== undefined ? (
          <span className="ml-2 text-xs text-muted">
            Task {result.task}
            {tasks[result.task - 1] ? `: ${tasks[result.task - 1]}` : ''}
          </span>
        ) : null}
      </p>
      {settled ? (
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
}

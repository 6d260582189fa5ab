/** The jobs and steps of one matrix cell: what ran, what each command printed, and why a step was skipped or failed. */
import type { Cell, CommitInfo } from '@/lib/kinds/artifact/pipeline/result';

const OUTCOME = { success: 'text-ok', failure: 'text-bad', skipped: 'text-muted' } as const;

export function CellDetails({ cell, commit }: { cell: Cell | null; commit?: CommitInfo }) {
  if (!cell) return <p className="text-sm text-muted">Select a cell of the matrix (Tab to it, then Enter) to see its jobs and steps.</p>;
  return (
    <div className="space-y-3 text-sm" data-testid="cell-details">
      <p>
        <strong className="text-white">{commit?.defectLabel ?? cell.commit}</strong> on <strong className="text-white">{cell.event.replace(/_/g, ' ')}</strong>: {cell.label}
        {cell.stoppedAt ? <span className="block text-muted">Reason: {cell.stoppedAt.reason}</span> : null}
      </p>
      {cell.runs.length === 0 ? <p className="text-muted">The workflow did not run for this event.</p> : null}
      {cell.runs.map((run, i) => (
        <section key={i} aria-label={`Workflow run for ${run.event}`} className="space-y-2">
          <h4 className="text-xs uppercase text-muted">on: {run.event} — {run.conclusion}</h4>
          {run.jobs.map((job, j) => (
            <details key={j} open={job.result === 'failure' || job.steps.some((s) => s.effects.length > 0)} className="rounded border border-border p-2">
              <summary className="cursor-pointer">
                <span className={OUTCOME[job.result]}>{job.result}</span> job <strong className="text-white">{job.name}</strong>
                <span className="text-muted"> · token: {Object.entries(job.permissions).filter(([, l]) => l === 'write').map(([s]) => s).join(', ') ? `write ${Object.entries(job.permissions).filter(([, l]) => l === 'write').map(([s]) => s).join(', ')}` : 'read-only'} ({job.permissionsFrom})</span>
                {job.secretsReferenced.length ? <span className="text-muted"> · secrets: {job.secretsReferenced.join(', ')}</span> : null}
              </summary>
              {job.note ? <p className="mt-1 text-muted">{job.note}</p> : null}
              <ol className="mt-2 space-y-1">
                {job.steps.map((step, k) => (
                  <li key={k}>
                    <span className={OUTCOME[step.outcome]}>{step.outcome}</span> {step.name}
                    {step.shell ? <code className="ml-2 text-xs text-muted">{step.shell}</code> : null}
                    {step.note ? <span className="ml-2 text-xs text-muted">{step.note}</span> : null}
                    {step.effects.length ? <span className="ml-2 text-xs text-warn">{step.effects.join(', ')}</span> : null}
                    {step.commands.length ? (
                      <ul className="ml-4 text-xs">
                        {step.commands.map((c, m) => (
                          <li key={m}>
                            <code>{c.command}</code> → exit {c.exitCode} <span className="text-muted">[{c.provenance.kind}: {c.provenance.tool}]</span>
                            {c.output ? <pre className="whitespace-pre-wrap text-muted">{c.output}</pre> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            </details>
          ))}
        </section>
      ))}
    </div>
  );
}

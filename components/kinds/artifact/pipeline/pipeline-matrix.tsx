'use client';
/**
 * The pipeline matrix: rows are the simulated commits (with their defect), columns
 * the events. Each cell is a button (Tab to it, Enter or click for its details) whose
 * text says what happened, so colour is never the only signal.
 */
import type { Cell, PipelineResult } from '@/lib/kinds/artifact/pipeline/result';
import { cellVerdict } from './cell-verdict';

const STYLE = { good: 'border-ok/60 bg-ok/10', bad: 'border-bad/70 bg-bad/15', neutral: 'border-border bg-panel' } as const;

interface Props {
  result: PipelineResult;
  selected: { commit: string; event: string } | null;
  onSelect(cell: Cell): void;
}

export function PipelineMatrix({ result, selected, onSelect }: Props) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-xs" aria-label="Simulated pipeline: commits by events">
        <thead>
          <tr>
            <th scope="col" className="text-left text-muted">Commit (defect)</th>
            {result.events.map((e) => (
              <th key={e.id} scope="col" className="text-left text-muted">
                {e.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.commits.map((commit) => (
            <tr key={commit.id}>
              <th scope="row" className="max-w-56 pr-2 text-left align-top font-normal">
                <span className="block text-white">{commit.defectLabel}</span>
                <span className="block text-muted">
                  <code>{commit.sha.slice(0, 7)}</code> {commit.title}
                </span>
              </th>
              {result.events.map((event) => {
                const cell = result.cells.find((c) => c.commit === commit.id && c.event === event.id);
                if (!cell) return <td key={event.id} />;
                const verdict = cellVerdict(cell, commit.defect);
                const isSelected = selected?.commit === cell.commit && selected.event === cell.event;
                const secrets = cell.exposedSecrets.length ? `; secrets exposed: ${cell.exposedSecrets.join(', ')}` : '';
                return (
                  <td key={event.id} className="align-top">
                    <button
                      type="button"
                      onClick={() => onSelect(cell)}
                      aria-pressed={isSelected}
                      aria-label={`${commit.defectLabel}, ${event.label}: ${cell.label}${secrets}${verdict === 'bad' ? ' (problem)' : ''}`}
                      data-testid={`cell-${cell.commit}-${cell.event}`}
                      data-status={cell.status}
                      className={`w-full rounded border p-1.5 text-left ${STYLE[verdict]} ${isSelected ? 'outline outline-2 outline-accent' : ''} focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent`}
                    >
                      {verdict === 'bad' ? <span aria-hidden="true">⚠ </span> : null}
                      {cell.label}
                      {secrets ? <span className="block text-bad">{secrets.slice(2)}</span> : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

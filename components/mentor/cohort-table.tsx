'use client';
/**
 * Learners × labs: the re-run's checks per lab (with a mark where the file claimed
 * otherwise), questions answered, solutions shown, hints, on time or late, and the
 * file's integrity. Sorted by any column with its header button (Enter or Space);
 * "Download CSV" exports one line per learner and lab.
 */
import { useMemo, useState } from 'react';
import { downloadText } from '@/components/progress/download';
import type { Catalogue } from '@/lib/mentor/catalogue';
import { cohortCsv, cohortLabs, cohortRows, sortRows, type CohortCell, type CohortInput, type SortDirection, type SortKey } from '@/lib/mentor/cohort';
import type { ReviewEntry } from '@/lib/mentor/review-store';
import { own } from '@/lib/progress/dict';
import { BUTTON } from './styles';

const TIMING = { 'on-time': 'On time', late: 'Late', 'no-due': 'No due day' } as const;
const INTEGRITY = { intact: 'Intact', damaged: 'Changed after hand-in', unsealed: 'No hash' } as const;

export function CohortTable({ entries, catalogue, selected, onOpen }: { entries: ReviewEntry[]; catalogue: Catalogue; selected?: string; onOpen(key: string): void }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'learner', direction: 'ascending' });
  const inputs: CohortInput[] = useMemo(() => entries.map((e) => ({ key: e.key, submission: e.submission, integrity: e.integrity, reruns: e.labs })), [entries]);
  const catalogueLabs = useMemo(() => catalogue.labs.map((l) => ({ id: l.id, title: l.title, questionIds: l.questionIds })), [catalogue]);
  const labs = useMemo(() => cohortLabs(inputs, catalogueLabs), [inputs, catalogueLabs]);
  const rows = useMemo(() => sortRows(cohortRows(inputs, catalogueLabs), sort.key, sort.direction), [inputs, catalogueLabs, sort]);

  const header = (key: SortKey, label: string, title?: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? sort.direction : 'none'} className="border-b border-border px-2 py-1 text-left align-bottom font-semibold">
        <button
          type="button"
          title={title}
          className="text-left text-white hover:underline"
          onClick={() => setSort({ key, direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending' })}
        >
          {label}
          <span aria-hidden="true" className="ml-1 text-muted">
            {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto rounded border border-border">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Cohort: one row per learner; checks are the re-run&apos;s. Sort with the column buttons.</caption>
          <thead className="bg-panel">
            <tr>
              {header('learner', 'Learner')}
              {labs.map((lab) => (
                <th key={lab.id} scope="col" aria-sort={sort.key === `lab:${lab.id}` ? sort.direction : 'none'} className="border-b border-border px-2 py-1 text-left align-bottom font-semibold">
                  <button
                    type="button"
                    className="max-w-40 text-left text-white hover:underline"
                    onClick={() => setSort({ key: `lab:${lab.id}`, direction: sort.key === `lab:${lab.id}` && sort.direction === 'ascending' ? 'descending' : 'ascending' })}
                  >
                    {lab.title}
                    <span aria-hidden="true" className="ml-1 text-muted">
                      {sort.key === `lab:${lab.id}` ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
              {header('questions', 'Questions')}
              {header('revealed', 'Solution shown')}
              {header('hints', 'Hints seen')}
              {header('disagreements', 'Claims differ')}
              {header('timing', 'Handed in')}
              <th scope="col" className="border-b border-border px-2 py-1 text-left align-bottom font-semibold text-white">
                File
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.key === selected ? 'bg-accent/10' : ''}>
                <th scope="row" className="border-b border-border px-2 py-1 text-left font-normal">
                  <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={() => onOpen(row.key)} aria-label={`Open the work of ${row.learner}`}>
                    {row.learner}
                  </button>
                </th>
                {labs.map((lab) => (
                  <td key={lab.id} className="border-b border-border px-2 py-1">
                    <CellText cell={own(row.cells, lab.id)} />
                  </td>
                ))}
                <td className="border-b border-border px-2 py-1 tabular-nums">
                  {row.questions.total > 0 ? `${row.questions.answered}/${row.questions.total}` : '—'}
                </td>
                <td className="border-b border-border px-2 py-1">
                  {row.revealed === 0 ? 'No' : `${row.revealed} lab(s)${row.revealedBeforePass > 0 ? `, ${row.revealedBeforePass} before passing` : ''}`}
                </td>
                <td className="border-b border-border px-2 py-1 tabular-nums">{row.hints}</td>
                <td className={`border-b border-border px-2 py-1 ${row.disagreements > 0 ? 'font-semibold text-bad' : ''}`}>{row.disagreements > 0 ? `${row.disagreements} lab(s)` : 'No'}</td>
                <td className={`border-b border-border px-2 py-1 ${row.timing === 'late' ? 'text-warn' : ''}`}>
                  {TIMING[row.timing]}
                  {row.due ? <span className="block text-xs text-muted">{row.localDay} (due {row.due})</span> : null}
                </td>
                <td className={`border-b border-border px-2 py-1 ${row.integrity === 'damaged' ? 'font-semibold text-bad' : ''}`}>{INTEGRITY[row.integrity]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button type="button" className={BUTTON} onClick={() => downloadText(`cohort-${new Date().toISOString().slice(0, 10)}.csv`, cohortCsv(rows, labs), 'text/csv')}>
          Download CSV
        </button>
      </div>
    </div>
  );
}

function CellText({ cell }: { cell: CohortCell | undefined }) {
  if (!cell) return <span className="text-muted">—</span>;
  if (cell.state === 'unknown-lab') return <span className="text-muted">Not in this app</span>;
  if (cell.state === 'waiting' || cell.state === 'running') return <span className="text-muted">{cell.state === 'running' ? 'Re-running…' : 'Waiting'}</span>;
  if (!cell.verified) return <span className="text-warn">{cell.state === 'failed' ? 'Could not re-run' : 'Stopped'}</span>;
  const all = cell.verified.total > 0 && cell.verified.passed === cell.verified.total;
  return (
    <span className="tabular-nums">
      <span className={all ? 'text-ok' : 'text-white'}>
        {cell.verified.passed}/{cell.verified.total}
      </span>
      {cell.agrees === false && cell.claimed ? (
        <span className="font-semibold text-bad">
          {' '}
          (handed in as {cell.claimed.passed}/{cell.claimed.total})
        </span>
      ) : null}
      {cell.reveal !== 'never' ? <span className="text-xs text-warn"> solution shown</span> : null}
    </span>
  );
}

'use client';
/**
 * Results of a `pipeline` artifact lab: the matrix picture, the
 * selected cell's jobs and steps, the caches and the checks, in keyboard tabs. A file
 * that does not parse shows its errors and the one message of the grade instead.
 */
import { useMemo, useState } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { Tabs } from '@/components/ui/tabs';
import type { ArtifactRunRecord } from '@/lib/kinds/artifact/record';
import type { Cell, PipelineResult } from '@/lib/kinds/artifact/pipeline/result';
import { CachePanel } from './cache-panel';
import { CellDetails } from './cell-details';
import { ArtifactStates } from '../artifact-states';
import { PipelineMatrix } from './pipeline-matrix';

export const SIMULATED_NOTE = 'Simulated: GitHub Actions is not run; tool outcomes come from the catalogue (recorded from real runs where marked).';

export default function PipelineResults(props: KindResultsProps) {
  const record = props.record as ArtifactRunRecord<PipelineResult> | null;
  const [tab, setTab] = useState('matrix');
  const [selected, setSelected] = useState<{ commit: string; event: string } | null>(null);
  const cells = record?.simulation?.cells;
  const cell = useMemo<Cell | null>(() => cells?.find((c) => c.commit === selected?.commit && c.event === selected?.event) ?? null, [cells, selected]);

  const select = (c: Cell) => {
    setSelected({ commit: c.commit, event: c.event });
    setTab('details');
  };
  const tabs = [
    { id: 'matrix', label: 'Matrix' },
    { id: 'details', label: 'Run details' },
    { id: 'caches', label: 'Caches' },
    { id: 'checks', label: 'Checks' },
  ];
  return (
    <ArtifactStates<PipelineResult>
      {...props}
      simulation="pipeline"
      idleText="Press Run to parse the workflow and replay it over the simulated commits."
      runningText="Parsing and simulating…"
      parseTitle={() => 'The workflow does not parse, so nothing was simulated. Your text is kept in the editor.'}
    >
      {(simulation, checks) => {
        const released = simulation.cells.filter((c) => c.status === 'released' && simulation.commits.find((m) => m.id === c.commit)?.defect).length;
        return (
          <div className="space-y-2" data-testid="artifact-results">
            <p className="text-xs text-muted">{SIMULATED_NOTE}</p>
            <p className="text-sm" aria-live="polite">
              {released ? <strong className="text-bad">{released} defective commit × event cells released.</strong> : <strong className="text-ok">No defective commit was released.</strong>}
            </p>
            <Tabs label="Pipeline results" tabs={tabs} selected={tab} onSelect={setTab}>
              <div className="pt-2">
                {tab === 'matrix' ? <PipelineMatrix result={simulation} selected={selected} onSelect={select} /> : null}
                {tab === 'details' ? <CellDetails cell={cell} commit={simulation.commits.find((c) => c.id === cell?.commit)} /> : null}
                {tab === 'caches' ? <CachePanel result={simulation} /> : null}
                {tab === 'checks' ? checks : null}
                {simulation.notes.length && tab === 'matrix' ? (
                  <ul className="mt-2 text-xs text-muted" aria-label="Simulation notes">
                    {simulation.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </Tabs>
          </div>
        );
      }}
    </ArtifactStates>
  );
}

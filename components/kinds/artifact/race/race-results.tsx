'use client';
/**
 * Results of a `race` artifact lab, in keyboard tabs: every program side by side
 * (Programs), one program in detail with a schedule to pick (Program), and the checks.
 * A file the model cannot run shows its errors and the grade's one message instead.
 */
import { useId, useMemo, useState } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { Tabs } from '@/components/ui/tabs';
import type { ArtifactRunRecord } from '@/lib/kinds/artifact/record';
import type { RaceResult } from '@/lib/kinds/artifact/race/result';
import { ProgramPanel } from './program-panel';
import { ProgramsOverview } from './programs-overview';
import { ArtifactStates } from '../artifact-states';

/** A number per record, so a program's picked seed resets when a new Run replaces the record. */
const runIds = new WeakMap<object, number>();
let nextRunId = 1;
function runIdOf(record: object): number {
  let id = runIds.get(record);
  if (id === undefined) runIds.set(record, (id = nextRunId++));
  return id;
}

export default function RaceResults(props: KindResultsProps) {
  const { lab } = props;
  const record = props.record as ArtifactRunRecord<RaceResult> | null;
  const [tab, setTab] = useState('program');
  const [path, setPath] = useState<string | null>(null);
  const selectId = useId();
  const editable = useMemo(() => new Set(lab.meta.files.filter((f) => !f.readOnly).map((f) => f.path)), [lab.meta.files]);
  const tabs = [
    { id: 'programs', label: 'Programs' },
    { id: 'program', label: 'Program' },
    { id: 'checks', label: 'Checks' },
  ];
  const open = (p: string) => {
    setPath(p);
    setTab('program');
  };

  return (
    <ArtifactStates<RaceResult>
      {...props}
      simulation="race"
      idleText="Press Run to run every program under 50 schedules in the model, next to what real Go printed for it."
      runningText="Running the programs under 50 schedules each…"
      parseTitle={(errors) => `${errors.length === 1 ? 'A program does not compile' : 'Some programs do not compile'} in the model, so nothing was run. Your text is kept in the editor, with the error marked at its line.`}
      parseAdvice="The model runs a part of Go: when the message says a construct is not supported, write it with what the other programs use (mutexes, channels, WaitGroups, atomics, maps)."
    >
      {(simulation, checks) => {
        const programs = simulation.programs;
        const firstEditable = programs.find((p) => editable.has(p.path)) ?? programs[0];
        const program = programs.find((p) => p.path === path) ?? firstEditable;
        const racy = programs.filter((p) => p.sweep?.racySeeds.length).length;
        return (
          <div className="space-y-2" data-testid="artifact-results">
            <p className="text-xs text-muted" data-testid="simulated-note">
              {simulation.note}
            </p>
            <p className="text-sm" aria-live="polite">
              <strong className={racy ? 'text-bad' : 'text-ok'}>
                {racy ? `The detector reported a data race in ${racy} of ${programs.length} programs under some schedule.` : `No data race in any of the ${programs.length} programs.`}
              </strong>
            </p>
            <Tabs label="Race detector results" tabs={tabs} selected={tab} onSelect={setTab}>
              <div className="pt-2">
                {tab === 'programs' ? <ProgramsOverview programs={programs} editable={editable} onOpen={open} /> : null}
                {tab === 'program' && program ? (
                  <div className="space-y-3">
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <label htmlFor={selectId} className="text-muted">
                        Program
                      </label>
                      <select id={selectId} value={program.path} onChange={(e) => setPath(e.target.value)} className="rounded border border-border bg-panel px-2 py-1 text-white">
                        {programs.map((p) => (
                          <option key={p.path} value={p.path}>
                            {p.path}
                            {p.title ? ` — ${p.title}` : ''}
                            {editable.has(p.path) ? ' (yours to fix)' : ''}
                          </option>
                        ))}
                      </select>
                    </div>
                    <ProgramPanel key={`${program.path}|${runIdOf(record!)}`} program={program} programs={programs} artifact={lab.meta.artifact} />
                  </div>
                ) : null}
                {tab === 'checks' ? checks : null}
              </div>
            </Tabs>
          </div>
        );
      }}
    </ArtifactStates>
  );
}

'use client';
/**
 * Results of the capstone "A CI/CD design that prevents bad releases" (the `release`
 * artifact simulation): what is real and what is simulated, a verdict line, then
 * keyboard tabs. Events reuses the Week 3 pipeline pictures (the matrix and a cell's
 * runs); Releases, Signing, Rollback drill and Agreement are the capstone's own. Files
 * that do not parse show their errors, each at its line, and the grade's one message.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { ArtifactStates } from '@/components/kinds/artifact/artifact-states';
import { CellDetails } from '@/components/kinds/artifact/pipeline/cell-details';
import { PipelineMatrix } from '@/components/kinds/artifact/pipeline/pipeline-matrix';
import { Tabs } from '@/components/ui/tabs';
import type { Cell } from '@/lib/kinds/artifact/pipeline/result';
import type { ReleaseResult } from '@/lib/kinds/artifact/release/result';
import { AgreementPanel } from './agreement-panel';
import { DrillPanel } from './drill-panel';
import { ReleasesPanel } from './releases-panel';
import { SigningPanel } from './signing-panel';

export const SIMULATED_NOTE =
  'Simulated: GitHub Actions and Grafana are not run. Real: GitHub’s workflow parser, release.yaml’s schema, SHA-256 and Ed25519 signatures (WebCrypto). Replayed: the events, through the Week 3 pipeline simulator and its tool catalogue. Modelled: GitHub’s release rules and a seeded fleet on virtual minutes.';

const TABS = [
  { id: 'events', label: 'Events' },
  { id: 'details', label: 'Run details' },
  { id: 'releases', label: 'Releases' },
  { id: 'signing', label: 'Signing' },
  { id: 'drill', label: 'Rollback drill' },
  { id: 'agreement', label: 'Agreement' },
  { id: 'checks', label: 'Checks' },
];

function verdict(result: ReleaseResult): string {
  const shipped = result.tags.flatMap((t) => t.publications.filter((p) => !p.error && !p.draft).map((p) => p.tag));
  const bad = result.drills.find((d) => d.id === 'bad-release')?.outcome;
  const drill = bad?.minutesToRestore != null ? `the bad release was rolled back in ${bad.minutesToRestore} min after reaching ${bad.badInstances} instance${bad.badInstances === 1 ? '' : 's'}` : `the bad release was not rolled back (${bad?.badInstances ?? 0} instances served it)`;
  return `${shipped.length ? `Published ${shipped.join(', ')}` : 'Nothing published'} from ${result.tags.length} tags; ${drill}.`;
}

export default function ReleaseResults(props: KindResultsProps) {
  const [tab, setTab] = useState('events');
  const [selected, setSelected] = useState<{ commit: string; event: string } | null>(null);
  return (
    <ArtifactStates<ReleaseResult>
      {...props}
      simulation="release"
      idleText="Press Run to check release.yaml and DESIGN.md against your workflows, replay pull requests, a fork, main and six tags through the pipeline simulator, sign and verify the release, and run the rollback drill."
      runningText="Replaying the events, signing and running the drill…"
      parseTitle={(errors) => `Nothing was replayed: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in release.yaml or the workflows. Your text is kept in the editor, with each problem marked at its line.`}
      parseAdvice="Workflow errors come from GitHub's own parser; release.yaml errors from its schema (every key is required; the README lists them)."
    >
      {(result, checks) => <Views result={result} checks={checks} tab={tab} setTab={setTab} selected={selected} setSelected={setSelected} />}
    </ArtifactStates>
  );
}

interface ViewsProps {
  result: ReleaseResult;
  checks: ReactNode;
  tab: string;
  setTab(id: string): void;
  selected: { commit: string; event: string } | null;
  setSelected(s: { commit: string; event: string }): void;
}

function Views({ result, checks, tab, setTab, selected, setSelected }: ViewsProps) {
  const cells = result.pipeline.cells;
  const cell = useMemo<Cell | null>(() => cells.find((c) => c.commit === selected?.commit && c.event === selected?.event) ?? null, [cells, selected]);
  const select = (c: Cell) => {
    setSelected({ commit: c.commit, event: c.event });
    setTab('details');
  };
  return (
    <div className="space-y-2" data-testid="artifact-results">
      <p className="text-xs text-muted">{SIMULATED_NOTE}</p>
      <p className="text-sm" aria-live="polite" data-testid="release-verdict">
        {verdict(result)}
      </p>
      <Tabs label="Release design results" tabs={TABS} selected={tab} onSelect={setTab}>
        <div className="pt-2">
          {tab === 'events' ? (
            <div className="space-y-2">
              <PipelineMatrix result={result.pipeline} selected={selected} onSelect={select} />
              {[...result.pipeline.notes, ...result.notes].length ? (
                <ul className="text-xs text-muted" aria-label="Simulation notes">
                  {[...result.notes, ...result.pipeline.notes].map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {tab === 'details' ? <CellDetails cell={cell} commit={result.pipeline.commits.find((c) => c.id === cell?.commit)} /> : null}
          {tab === 'releases' ? <ReleasesPanel result={result} /> : null}
          {tab === 'signing' ? <SigningPanel signing={result.signing} /> : null}
          {tab === 'drill' ? <DrillPanel result={result} /> : null}
          {tab === 'agreement' ? <AgreementPanel result={result} /> : null}
          {tab === 'checks' ? checks : null}
        </div>
      </Tabs>
    </div>
  );
}

'use client';
/**
 * Results of a `dockerfile` artifact lab: what is real and what is modelled, a one-line
 * verdict with the estimated size, then keyboard tabs for the layer picture, the image
 * config, the cache after a code change, the build context, the findings and the checks.
 * A Dockerfile that cannot be built shows its errors (each at its line) and the grade's
 * one message instead; nothing the learner typed is lost.
 */
import { useState } from 'react';
import type { KindResultsProps } from '@/components/kinds/types';
import { ChecksView } from '@/components/results/checks-view';
import { Tabs } from '@/components/ui/tabs';
import type { ArtifactRunRecord, FileError } from '@/lib/kinds/artifact/record';
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { CacheTable } from './cache-table';
import { ContextTable } from './context-table';
import { FindingsList } from './findings-list';
import { formatBytes } from './format';
import { ImageConfig } from './image-config';
import { LayerStacks } from './layer-stacks';

export const SIMULATED_NOTE =
  'Simulated: no Docker engine runs. Real: the Dockerfile grammar (dockerfile-ast) and Docker’s .dockerignore matching (@balena/dockerignore). Modelled: what each instruction does to files, users and config, and the layer cache. Sizes are approximate.';

const TABS = [
  { id: 'layers', label: 'Layers' },
  { id: 'image', label: 'Image' },
  { id: 'cache', label: 'Cache' },
  { id: 'context', label: 'Context' },
  { id: 'findings', label: 'Findings' },
  { id: 'checks', label: 'Checks' },
];

export default function DockerfileResults({ lab, record: base, report, phase, totalMs }: KindResultsProps) {
  const record = base as ArtifactRunRecord<DockerfileResult> | null;
  const [tab, setTab] = useState('layers');
  const file = lab.meta.artifact?.file ?? 'Dockerfile';
  const checks = <ChecksView report={report} running={phase !== 'idle'} tasks={lab.tasks} totalMs={phase === 'idle' ? totalMs ?? report?.durationMs : undefined} />;

  if (!record) {
    return (
      <div className="space-y-3">
        <p role={phase === 'idle' ? undefined : 'status'} className="text-sm text-muted">
          {phase === 'idle' ? 'Press Run to build a model of the image your Dockerfile makes, then rebuild it after a code change.' : 'Building the model of the image…'}
        </p>
        {report ? checks : null}
      </div>
    );
  }
  if (!record.parse.ok) {
    return (
      <div className="space-y-3">
        <BuildErrors errors={record.parse.errors} />
        {checks}
      </div>
    );
  }
  const result = record.simulation;
  if (!result) {
    return (
      <div className="space-y-3">
        <p role="alert" className="text-sm text-bad">
          {record.engineError ?? 'The simulation did not run.'} Press Run to try again.
        </p>
        {checks}
      </div>
    );
  }

  const { findings } = result.picture;
  const size = result.picture.final ? formatBytes(result.picture.final.sizeBytes) : '?';
  const tabs = TABS.map((t) => (t.id === 'findings' && findings.length ? { ...t, label: `Findings (${findings.length})`, ariaLabel: `Findings, ${findings.length}` } : t));
  return (
    <div className="space-y-2" data-testid="artifact-results">
      <p className="text-xs text-muted" data-testid="simulated-note">
        {SIMULATED_NOTE}
      </p>
      <p className="text-sm" aria-live="polite">
        {findings.length ? (
          <strong className="text-bad">
            {findings.length} {findings.length === 1 ? 'finding' : 'findings'} in the modelled image
          </strong>
        ) : (
          <strong className="text-ok">No findings in the modelled image</strong>
        )}
        <span className="text-muted">
          {' '}
          · final image ≈ {size} (approximate, base sizes as of {result.catalogueAsOf})
        </span>
      </p>
      <Tabs label="Dockerfile results" tabs={tabs} selected={tab} onSelect={setTab}>
        <div className="pt-2">
          {tab === 'layers' ? <LayersTab result={result} /> : null}
          {tab === 'image' ? <ImageConfig result={result} /> : null}
          {tab === 'cache' ? <CacheTable result={result} /> : null}
          {tab === 'context' ? <ContextTable result={result} /> : null}
          {tab === 'findings' ? <FindingsList result={result} file={file} /> : null}
          {tab === 'checks' ? checks : null}
        </div>
      </Tabs>
    </div>
  );
}

function LayersTab({ result }: { result: DockerfileResult }) {
  const notes = result.picture.notes.slice(1);
  return (
    <div className="space-y-3">
      <LayerStacks result={result} />
      <p className="text-xs text-muted">Sizes: {result.picture.sizesLabel}.</p>
      {notes.length ? (
        <ul className="text-xs text-warn" aria-label="What the model did not simulate">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The Dockerfile cannot be built: each error at file:line:column. */
function BuildErrors({ errors }: { errors: FileError[] }) {
  return (
    <div role="alert" className="rounded border border-bad/70 bg-bad/10 p-3 text-sm" data-testid="parse-errors">
      <p className="mb-1 font-bold text-bad">The Dockerfile cannot be built, so there is no image to show. Your text is kept in the editor, with each problem marked at its line.</p>
      <ul className="space-y-1">
        {errors.map((e, i) => (
          <li key={i}>
            <code className="text-white">
              {e.file}:{e.line}:{e.column}
            </code>{' '}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

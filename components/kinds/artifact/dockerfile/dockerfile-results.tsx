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
import { Tabs } from '@/components/ui/tabs';
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { ArtifactStates } from '../artifact-states';
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

export default function DockerfileResults(props: KindResultsProps) {
  const [tab, setTab] = useState('layers');
  const file = props.lab.meta.artifact?.file ?? 'Dockerfile';
  return (
    <ArtifactStates<DockerfileResult>
      {...props}
      simulation="dockerfile"
      idleText="Press Run to build a model of the image your Dockerfile makes, then rebuild it after a code change."
      runningText="Building the model of the image…"
      parseTitle={() => 'The Dockerfile cannot be built, so there is no image to show. Your text is kept in the editor, with each problem marked at its line.'}
    >
      {(result, checks) => {
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
      }}
    </ArtifactStates>
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

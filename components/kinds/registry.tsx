'use client';
/**
 * Each lab kind's React views, loaded on demand: kind id → KindViews. One line per
 * kind; see docs/decisions/0003-lab-kinds.md.
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import type { LabKindId } from '@/lib/kinds/types';
import type { KindResultsProps, KindViews } from './types';

export const KIND_VIEWS: Partial<Record<LabKindId, () => Promise<KindViews>>> = {
  handler: () => import('./handler/results').then((m) => m.default),
  artifact: () => import('./artifact').then((m) => m.views),
};

function Loading({ error }: { error?: Error | null }) {
  if (error) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        Could not load the results view: {error.message}. Reload the page to try again.
      </p>
    );
  }
  return (
    <p role="status" className="text-sm text-muted">
      Loading the results view…
    </p>
  );
}

const resultsByKind = new Map<LabKindId, ComponentType<KindResultsProps>>();

/** The results view of a kind, made once per kind so it keeps its state across renders. */
function resultsOf(kind: LabKindId): ComponentType<KindResultsProps> {
  let view = resultsByKind.get(kind);
  if (!view) {
    const load = KIND_VIEWS[kind];
    view = dynamic(
      () => (load ? load().then((v) => v.Results) : Promise.reject(new Error(`this build has no views for lab kind "${kind}"`))),
      { ssr: false, loading: ({ error }) => <Loading error={error} /> },
    );
    resultsByKind.set(kind, view);
  }
  return view;
}

/** The results area of a lab of any kind. */
export function KindResults({ kind, ...props }: KindResultsProps & { kind: LabKindId }) {
  const Results = resultsOf(kind);
  return <Results {...props} />;
}

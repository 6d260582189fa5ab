'use client';
/**
 * Each lab kind's React views, loaded on demand: kind id → KindViews. One line per
 * kind; see docs/decisions/0003-lab-kinds.md.
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import type { LabKindId } from '@/lib/kinds/types';
import type { KindResultsProps, KindViews } from './types';
import { ViewLoading } from './view-loading';

export const KIND_VIEWS: Partial<Record<LabKindId, () => Promise<KindViews>>> = {
  handler: () => import('./handler/results').then((m) => m.default),
  artifact: () => import('./artifact').then((m) => m.views),
  operate: () => import('@/components/operate/operate-results').then((m) => m.default),
};

const resultsByKind = new Map<LabKindId, ComponentType<KindResultsProps>>();

/** The results view of a kind, made once per kind so it keeps its state across renders. */
function resultsOf(kind: LabKindId): ComponentType<KindResultsProps> {
  let view = resultsByKind.get(kind);
  if (!view) {
    const load = KIND_VIEWS[kind];
    view = dynamic(
      () => (load ? load().then((v) => v.Results) : Promise.reject(new Error(`this build has no views for lab kind "${kind}"`))),
      { ssr: false, loading: ({ error }) => <ViewLoading error={error} /> },
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

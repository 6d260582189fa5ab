'use client';
/** The diff view, loaded only in the browser and only when shown (Monaco is large). */
import dynamic from 'next/dynamic';

export type { DiffSide, DiffViewProps } from './diff-view';

export const LazyDiffView = dynamic(() => import('./diff-view'), {
  ssr: false,
  loading: () => <p role="status" className="rounded border border-border bg-panel p-3 text-sm text-muted">Loading the diff editor…</p>,
});

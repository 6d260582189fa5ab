'use client';
/**
 * Views of the `artifact` lab kind, for components/kinds/registry.tsx: each
 * simulation has its own results view (one line each below), loaded on demand so a
 * lab's page carries only its own pictures.
 */
import dynamic from 'next/dynamic';
import type { ComponentType } from 'react';
import type { KindResultsProps, KindViews } from '@/components/kinds/types';
import { ViewLoading } from '@/components/kinds/view-loading';
import type { LabArtifact } from '@/lib/labs/schema';

export { artifactMarkers } from '@/lib/kinds/artifact/markers';

const SIMULATION_VIEWS: Record<LabArtifact['simulation'], () => Promise<ComponentType<KindResultsProps>>> = {
  pipeline: () => import('./pipeline/pipeline-results').then((m) => m.default),
  dockerfile: () => import('./dockerfile/dockerfile-results').then((m) => m.default),
  race: () => import('./race/race-results').then((m) => m.default),
  compose: () => import('./compose/compose-results').then((m) => m.default),
  kubernetes: () => import('./kubernetes/kubernetes-results').then((m) => m.default),
  release: () => import('@/components/capstone/release-results').then((m) => m.default),
};

const bySimulation = new Map<string, ComponentType<KindResultsProps>>();

/** The view of one simulation, made once so it keeps its state across renders. */
function viewOf(simulation: string): ComponentType<KindResultsProps> {
  let view = bySimulation.get(simulation);
  if (!view) {
    const load = SIMULATION_VIEWS[simulation as LabArtifact['simulation']];
    view = dynamic(() => (load ? load() : Promise.reject(new Error(`this build has no view for the simulation "${simulation}"`))), {
      ssr: false,
      loading: ({ error }) => <ViewLoading error={error} />,
    });
    bySimulation.set(simulation, view);
  }
  return view;
}

function ArtifactResults(props: KindResultsProps) {
  const View = viewOf(props.lab.meta.artifact?.simulation ?? 'pipeline');
  return <View {...props} />;
}

export const views: KindViews = { Results: ArtifactResults };

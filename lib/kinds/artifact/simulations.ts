/**
 * Artifact simulations by id, one line each (lab.json's `artifact.simulation` picks
 * one). Imported only by the engine, which runs in a Worker, so a simulation's parser
 * never weighs on the page; and each is its own chunk, loaded when a lab of its kind
 * first runs, so the Kubernetes models or the Compose schema do not load for a
 * pipeline lab.
 */
import type { LabArtifact } from '../../labs/schema';
import type { ArtifactSimulation } from './simulation';

export const SIMULATIONS: Record<LabArtifact['simulation'], () => Promise<ArtifactSimulation>> = {
  pipeline: () => import('./pipeline').then((m) => m.pipelineSimulation),
  dockerfile: () => import('./dockerfile').then((m) => m.dockerfileSimulation),
  race: () => import('./race').then((m) => m.raceSimulation),
  compose: () => import('./compose').then((m) => m.composeSimulation),
  kubernetes: () => import('./kubernetes').then((m) => m.kubernetesSimulation),
  release: () => import('./release').then((m) => m.releaseSimulation),
};

/**
 * Artifact simulations by id, one line each (lab.json's `artifact.simulation` picks
 * one). Imported only by the engine, which runs in a Worker, so a simulation's parser
 * never weighs on the page.
 */
import type { LabArtifact } from '../../labs/schema';
import { pipelineSimulation } from './pipeline';
import { dockerfileSimulation } from './dockerfile';
import { raceSimulation } from './race';
import { composeSimulation } from './compose';
import { kubernetesSimulation } from './kubernetes';
import type { ArtifactSimulation } from './simulation';

export const SIMULATIONS: Record<LabArtifact['simulation'], ArtifactSimulation> = {
  pipeline: pipelineSimulation,
  dockerfile: dockerfileSimulation,
  race: raceSimulation,
  compose: composeSimulation,
  kubernetes: kubernetesSimulation,
};

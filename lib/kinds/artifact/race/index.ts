/**
 * The `race` artifact simulation: the lab's Go programs run in the race model
 * (lib/simulations/race) under many seeded schedules, next to what the real Go race
 * detector printed for them (simulate.ts).
 */
import type { ArtifactSimulation } from '../simulation';
import { simulateRace } from './simulate';

export const raceSimulation: ArtifactSimulation = {
  id: 'race',
  async run({ artifact, files, options }) {
    return simulateRace(files, options, artifact.seed);
  },
};

/**
 * The `artifact` lab kind: the deliverable is a file a tool would read (here a GitHub
 * Actions workflow). Run parses it with the real grammar and replays it in the lab's
 * simulation; checks re-run the simulation and assert on what the pipeline did.
 * A Compose Run then runs the learner's Week 2 code against the simulated stack in the
 * page's sandbox (compose/page.ts); checks never do.
 */
import type { LabKind } from '../types';
import { labArtifactSchema } from '../../labs/schema';
import { runArtifact } from './client';
import { artifactMarkers } from './markers';
import type { ArtifactCheckContext, ArtifactRunRecord } from './record';

export type { ArtifactCheckContext, ArtifactRunRecord } from './record';

function artifactOf(meta: { artifact?: unknown }) {
  return labArtifactSchema.parse(meta.artifact);
}

const artifactKind: LabKind<ArtifactRunRecord, ArtifactCheckContext> = {
  id: 'artifact',
  // Its checks' work (simulations, and the Compose lab's sandbox runs of Week 2 code) runs
  // in workers: two at once halved the Compose lab's Run (README, Performance).
  checkLanes: 2,
  async run(env, lab, input, signal) {
    const artifact = artifactOf(lab.meta);
    const record = await runArtifact(artifact, input.files, signal);
    if (artifact.simulation !== 'compose' || record.simulation?.simulation !== 'compose') return record;
    const { withComposePayoff } = await import('./compose/page');
    return withComposePayoff(record, env.sandbox, signal, env.progress);
  },
  async savedWorkRead(lab) {
    if (artifactOf(lab.meta).simulation !== 'compose') return [];
    const { WEEK2_REFERENCE } = await import('./compose/generated/week2-reference');
    return [WEEK2_REFERENCE.health.labId, WEEK2_REFERENCE.query.labId];
  },
  blockingError(record) {
    const first = record.parse.errors[0];
    if (!record.parse.ok && first) {
      const more = record.parse.errors.length > 1 ? ` (and ${record.parse.errors.length - 1} more)` : '';
      return `${first.file}:${first.line}:${first.column}: ${first.message}${more}. Fix the file and run again: the checks need ${record.parse.needs ?? 'files that parse'}.`;
    }
    if (record.engineError) return record.engineError;
    return undefined;
  },
  markers: artifactMarkers,
  checkContext(_env, lab, files, signal) {
    const artifact = artifactOf(lab.meta);
    // The simulation is deterministic, so checks asking for the same options share one run.
    const runs = new Map<string, Promise<ArtifactRunRecord>>();
    return {
      file: (path) => files[path],
      simulate: (options) => {
        const key = JSON.stringify(options ?? {});
        if (!runs.has(key)) runs.set(key, runArtifact(artifact, files, signal, options));
        return runs.get(key)!;
      },
    };
  },
};

export default artifactKind;

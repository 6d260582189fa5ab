/**
 * The `artifact` lab kind: the deliverable is a file a tool would read (here a GitHub
 * Actions workflow). Run parses it with the real grammar and replays it in the lab's
 * simulation; checks assert on what the pipeline did, re-running the simulation with their
 * own options unless the Run's record already holds the answer.
 * A Compose Run then runs the learner's Week 2 code against the simulated stack in the
 * page's sandbox (compose/page.ts); checks never do.
 */
import type { LabKind } from '../types';
import { labArtifactSchema } from '../../labs/schema';
import { runArtifact } from './client';
import { recordFromRun } from './from-run';
import { artifactMarkers } from './markers';
import type { ArtifactCheckContext, ArtifactRunRecord, SimulateOptions } from './record';

export type { ArtifactCheckContext, ArtifactRunRecord } from './record';

function artifactOf(meta: { artifact?: unknown }) {
  return labArtifactSchema.parse(meta.artifact);
}

/**
 * Each Run in progress's own simulation (before the Compose payoff), by the Run's signal,
 * with the files it simulated. A session makes a Run's check context and runs the Run with
 * the same files and signal, and grades only after the Run (lib/session/session.ts): a
 * check then reads what it asks for off the Run's record when it can (from-run.ts) instead
 * of simulating the same files again. The operate kind shares its Run the same way.
 */
const runs = new WeakMap<AbortSignal, { files: Record<string, string>; record: Promise<ArtifactRunRecord> }>();

const artifactKind: LabKind<ArtifactRunRecord, ArtifactCheckContext> = {
  id: 'artifact',
  // Its checks' work (simulations, and the Compose lab's sandbox runs of Week 2 code) runs
  // in workers: two at once halved the Compose lab's Run (README, Performance).
  checkLanes: 2,
  async run(env, lab, input, signal) {
    const artifact = artifactOf(lab.meta);
    const simulated = runArtifact(artifact, input.files, signal);
    runs.set(signal, { files: input.files, record: simulated });
    const record = await simulated;
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
    const simulate = async (options: SimulateOptions | undefined) => {
      const run = runs.get(signal);
      const fromRun = run?.files === files ? recordFromRun(await run.record, options) : null;
      return fromRun ?? runArtifact(artifact, files, signal, options);
    };
    // The simulation is deterministic, so checks asking for the same options share one run.
    const simulated = new Map<string, Promise<ArtifactRunRecord>>();
    return {
      file: (path) => files[path],
      simulate: (options) => {
        const key = JSON.stringify(options ?? {});
        if (!simulated.has(key)) simulated.set(key, simulate(options));
        return simulated.get(key)!;
      },
    };
  },
};

export default artifactKind;

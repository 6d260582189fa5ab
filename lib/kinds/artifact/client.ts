/**
 * Runs the artifact engine: in a dedicated Worker in the browser (kept for the next run
 * when it answered, worker-pool.ts; terminated to cancel), in-process where there is no
 * Worker (Node tests). A race sweep goes to two workers at once, half the seeds each
 * (race/parallel.ts). Never rejects: a failure or a cancel becomes a record with `engineError`.
 */
import type { LabArtifact } from '../../labs/schema';
import { runArtifactEngine } from './engine';
import { joinRaceRecords, splitRaceOptions } from './race/parallel';
import type { ArtifactRunRecord, SimulateOptions } from './record';
import { createWorkerPool } from './worker-pool';
import { workerResponseSchema } from './worker-protocol';

function failed(artifact: LabArtifact, message: string): ArtifactRunRecord {
  return { invocation: 'artifact', durationMs: 0, file: artifact.file, parse: { ok: true, errors: [] }, simulation: null, engineError: message };
}

let nextId = 1;

// Created on first use: Node tests have no Worker, and the page never needs one before a Run.
let pool: ReturnType<typeof createWorkerPool<Worker>> | null = null;
const workers = () => (pool ??= createWorkerPool(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })));

export async function runArtifact(artifact: LabArtifact, files: Record<string, string>, signal: AbortSignal, options?: SimulateOptions): Promise<ArtifactRunRecord> {
  if (typeof Worker === 'undefined') return signal.aborted ? failed(artifact, 'The run was cancelled.') : runArtifactEngine({ artifact, files, options });
  const halves = artifact.simulation === 'race' ? splitRaceOptions(options) : null;
  if (halves) {
    const [a, b] = await Promise.all(halves.map((half) => runInWorker(artifact, files, signal, half)));
    // Files with an error, or a half that failed: the whole, in one worker, says what the Run shows.
    const joined = joinRaceRecords(a, b);
    if (joined) return joined;
  }
  return runInWorker(artifact, files, signal, options);
}

function runInWorker(artifact: LabArtifact, files: Record<string, string>, signal: AbortSignal, options?: SimulateOptions): Promise<ArtifactRunRecord> {
  if (signal.aborted) return Promise.resolve(failed(artifact, 'The run was cancelled.'));
  const worker = workers().take();
  const id = nextId++;
  return new Promise<ArtifactRunRecord>((resolve) => {
    /** `answered`: the worker replied to this run, so it may serve the next one. */
    const finish = (record: ArtifactRunRecord, answered: boolean) => {
      signal.removeEventListener('abort', onAbort);
      if (answered) workers().release(worker);
      else workers().discard(worker);
      resolve(record);
    };
    const onAbort = () => finish(failed(artifact, 'The run was cancelled.'), false);
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent) => {
      const response = workerResponseSchema.safeParse(event.data);
      if (!response.success) return finish(failed(artifact, `The engine sent a malformed result: ${response.error.issues[0]?.message ?? 'invalid'}`), false);
      // The worker answers a request it could not read with id -1: that is this run's answer too.
      if (response.data.id === -1 && !response.data.ok) return finish(failed(artifact, `The engine refused the run: ${response.data.error}`), false);
      if (response.data.id !== id) return;
      finish(response.data.ok ? response.data.record : failed(artifact, response.data.error), true);
    };
    worker.onerror = (event) => finish(failed(artifact, `The engine's worker crashed: ${event.message || 'unknown error'}`), false);
    worker.postMessage({ id, artifact, files, options });
  });
}

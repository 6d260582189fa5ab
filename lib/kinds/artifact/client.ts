/**
 * Runs the artifact engine: in a dedicated Worker in the browser (one per run, so
 * cancelling is terminating it), in-process where there is no Worker (Node tests).
 * Never rejects: a failure or a cancel becomes a record with `engineError`.
 */
import type { LabArtifact } from '../../labs/schema';
import { runArtifactEngine } from './engine';
import type { ArtifactRunRecord, SimulateOptions } from './record';
import { workerResponseSchema } from './worker-protocol';

function failed(artifact: LabArtifact, message: string): ArtifactRunRecord {
  return { invocation: 'artifact', durationMs: 0, file: artifact.file, parse: { ok: true, errors: [] }, simulation: null, engineError: message };
}

let nextId = 1;

export async function runArtifact(artifact: LabArtifact, files: Record<string, string>, signal: AbortSignal, options?: SimulateOptions): Promise<ArtifactRunRecord> {
  if (signal.aborted) return failed(artifact, 'The run was cancelled.');
  if (typeof Worker === 'undefined') return runArtifactEngine({ artifact, files, options });
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  return new Promise<ArtifactRunRecord>((resolve) => {
    const finish = (record: ArtifactRunRecord) => {
      signal.removeEventListener('abort', onAbort);
      worker.terminate();
      resolve(record);
    };
    const onAbort = () => finish(failed(artifact, 'The run was cancelled.'));
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent) => {
      const response = workerResponseSchema.safeParse(event.data);
      if (!response.success) return finish(failed(artifact, `The engine sent a malformed result: ${response.error.issues[0]?.message ?? 'invalid'}`));
      if (response.data.id !== id) return;
      finish(response.data.ok ? response.data.record : failed(artifact, response.data.error));
    };
    worker.onerror = (event) => finish(failed(artifact, `The engine's worker crashed: ${event.message || 'unknown error'}`));
    worker.postMessage({ id, artifact, files, options });
  });
}

/**
 * The artifact engine's dedicated Worker: parsing and simulating a workflow can
 * take a moment, so it runs off the page's main thread.
 */
import { runArtifactEngine } from './engine';
import { workerRequestSchema, type WorkerResponse } from './worker-protocol';

self.onmessage = async (event: MessageEvent) => {
  const request = workerRequestSchema.safeParse(event.data);
  if (!request.success) {
    self.postMessage({ id: -1, ok: false, error: `bad request: ${request.error.message}` } satisfies WorkerResponse);
    return;
  }
  const { id, artifact, files, options } = request.data;
  try {
    self.postMessage({ id, ok: true, record: await runArtifactEngine({ artifact, files, options }) } satisfies WorkerResponse);
  } catch (err) {
    self.postMessage({ id, ok: false, error: (err as Error).message } satisfies WorkerResponse);
  }
};

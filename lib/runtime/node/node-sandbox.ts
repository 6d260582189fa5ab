/**
 * The sandbox for Node (unit and conformance tests): the same worker bundle the
 * browser uses, in a worker thread. It isolates a busy loop, not hostile code: the
 * browser sandbox is the security boundary.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SandboxHost, type SandboxEndpoint, type SandboxHostOptions } from '../sandbox/host';

const SHIM = fileURLToPath(new URL('./worker-thread.cjs', import.meta.url));
export const WORKER_BUNDLE = fileURLToPath(new URL('../../../public/sandbox/worker.js', import.meta.url));

export function spawnNodeSandbox(): SandboxEndpoint {
  if (!existsSync(WORKER_BUNDLE)) {
    throw new Error(`${WORKER_BUNDLE} is missing: run "npm run prepare:assets" first (npm test does it).`);
  }
  const worker = new Worker(SHIM, { workerData: { bundlePath: WORKER_BUNDLE } });
  worker.unref();
  // Node has no MessagePort hand-over: the thread's own channel is the port.
  worker.postMessage({ type: 'connect' });
  worker.on('error', (err) => console.error('sandbox worker thread failed:', err));
  let destroyed = false;
  return {
    post: (message) => {
      if (!destroyed) worker.postMessage(message);
    },
    onMessage: (listener) => worker.on('message', listener),
    destroy: () => {
      destroyed = true;
      void worker.terminate();
    },
  };
}

/** A host whose runs each get a fresh worker thread, as the browser's get a fresh worker. */
export function createNodeSandbox(options?: SandboxHostOptions): SandboxHost {
  return new SandboxHost(spawnNodeSandbox, options);
}

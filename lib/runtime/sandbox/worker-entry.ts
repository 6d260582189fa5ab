/**
 * Entry of the sandbox worker bundle (built by scripts/build-assets.mjs into
 * public/sandbox/worker.js). The first message hands over the port to the host.
 */
import { startWorkerRuntime, type Port } from './worker-runtime';

self.addEventListener(
  'message',
  (event: MessageEvent) => {
    if (event.data?.type !== 'connect') return;
    startWorkerRuntime((event.ports[0] ?? self) as unknown as Port);
  },
  { once: true },
);

/**
 * A sandbox endpoint over our end of its MessageChannel: the page's host (browser-sandbox.ts)
 * and the lab engine's host (lib/session/engine-server.ts) talk to a sandbox the same way and
 * differ only in how its frame is removed.
 */
import type { HostMessage } from '../protocol';
import type { SandboxEndpoint } from './run-job';

/** `remove` takes the sandbox's frame away, and with it the worker, even one stuck in a loop; called once. */
export function channelEndpoint(port: MessagePort, remove: () => void): SandboxEndpoint {
  let destroyed = false;
  return {
    // A port queues what it is sent until the other end starts, so posting early is fine.
    post(message: HostMessage) {
      if (!destroyed) port.postMessage(message);
    },
    onMessage(listener) {
      port.onmessage = (event) => listener(event.data);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      port.close();
      remove();
    },
  };
}

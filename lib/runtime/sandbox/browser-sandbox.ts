/**
 * The browser sandbox: an `<iframe sandbox="allow-scripts">` (opaque origin: no
 * access to the app's DOM, storage or cookies) whose CSP forbids every network
 * connection, and inside it a Worker (so a busy loop never blocks the page) that
 * runs the learner's code. The host talks to the worker over a private
 * MessageChannel; nothing else can post into it. Each sandbox serves one run and has
 * a frame of its own, so its own opaque origin: two sandboxes share no
 * BroadcastChannel or anything else an origin scopes. See docs/decisions/0002-sandbox.md.
 */
import type { SandboxEndpoint } from './host';
import { channelEndpoint } from './channel-endpoint';

/** The sandbox document's policy. Blob workers inherit it, so it binds learner code too. */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:", // inline bootstrap, learner modules (eval), the worker blob
  'worker-src blob:',
  "connect-src 'none'", // no fetch, XHR, WebSocket, EventSource or beacon to anywhere
].join('; ');

const BOOTSTRAP = `
addEventListener('message', function (event) {
  if (event.source !== parent || !event.data || event.data.type !== 'init' || !event.ports[0]) return;
  var worker = new Worker(URL.createObjectURL(event.data.source));
  worker.postMessage({ type: 'connect' }, [event.ports[0]]);
});
parent.postMessage({ type: 'sandbox-frame-ready' }, '*');
`;

const SRCDOC = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}"></head><body><script>${BOOTSTRAP}</script></body></html>`;

let workerSource: Promise<Blob> | null = null;

/**
 * The worker bundle, fetched once from our own origin and reused for every sandbox.
 * A Blob crosses into each new frame by reference, not as a 2 MB string copy.
 */
function loadWorkerSource(url: string): Promise<Blob> {
  workerSource ??= fetch(url).then(async (response) => {
    if (!response.ok) throw new Error(`Could not load the sandbox (${url}: HTTP ${response.status}).`);
    // The body as a Blob, never as a string: decoding 2 MB of text held the page's thread
    // for about 50 ms during the first Run. Wrapping a Blob in a Blob copies nothing.
    return new Blob([await response.blob()], { type: 'text/javascript' });
  });
  workerSource.catch(() => (workerSource = null));
  return workerSource;
}

/**
 * Makes a sandbox's frame and connects its worker to `port` (the other end stays with
 * whoever runs it: this page's host, or the lab engine's worker, which then talks to the
 * sandbox without the page in between). Returns what removes the frame, and with it the
 * worker, even one stuck in a loop.
 */
export function openSandboxFrame(port: MessagePort, workerUrl = '/sandbox/worker.js'): () => void {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.setAttribute('aria-hidden', 'true');
  iframe.tabIndex = -1;
  iframe.title = 'Code sandbox';
  iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
  iframe.srcdoc = SRCDOC;

  let connected = false;
  let destroyed = false;

  const onFrameMessage = async (event: MessageEvent) => {
    // Only our own frame's first hello counts; other frames cannot get the port.
    if (event.source !== iframe.contentWindow || event.data?.type !== 'sandbox-frame-ready' || connected) return;
    connected = true;
    window.removeEventListener('message', onFrameMessage);
    try {
      const source = await loadWorkerSource(workerUrl);
      if (destroyed) return;
      iframe.contentWindow!.postMessage({ type: 'init', source }, '*', [port]);
    } catch (err) {
      console.error(err);
    }
  };
  window.addEventListener('message', onFrameMessage);
  document.body.appendChild(iframe);

  return () => {
    destroyed = true;
    window.removeEventListener('message', onFrameMessage);
    iframe.remove();
  };
}

/** A sandbox this page's host talks to (exercises, simulations, a mentor's re-run). */
export function spawnBrowserSandbox(workerUrl = '/sandbox/worker.js'): SandboxEndpoint {
  const channel = new MessageChannel();
  return channelEndpoint(channel.port1, openSandboxFrame(channel.port2, workerUrl));
}

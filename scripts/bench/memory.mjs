// Memory of a lab page over many Runs (issue 17: after 200 Runs, no growth beyond 10% of
// what it held after 10). Read through the Chrome DevTools Protocol after a forced garbage
// collection, so what is counted is what is still reachable, not garbage not yet collected:
// the page's JavaScript heap, each dedicated worker's the page started (the lab engine's and
// the editor's), and the page's DOM nodes, documents and frames (a sandbox frame left behind
// by a Run would show there).
//
// The sandboxes' own workers are not counted: they live in their frames' processes, and
// every Run takes new ones and removes its frames when it ends (lib/runtime/sandbox/host.ts);
// a frame not removed is what `frames` catches.

/**
 * Starts watching `page` and its workers; call before the page starts its workers (before
 * `goto`), so every worker is attached as it starts.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<{ measure(): Promise<MemoryReading> }>}
 *
 * @typedef {{ pageHeapBytes: number, workerHeapBytes: number, workers: number, heapBytes: number,
 *   nodes: number, documents: number, frames: number, listeners: number }} MemoryReading
 *   `heapBytes` = page + workers, used JS heap after GC (V8's `usedSize`), bytes
 */
export async function watchMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  /** Attached workers: session id -> target type. */
  const workers = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => e.targetInfo.type === 'worker' && workers.set(e.sessionId, e.targetInfo.type));
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  // Not flattened: Playwright's CDP session has no way to address a child session, so the
  // workers are reached through Target.sendMessageToTarget on this one.
  const inWorker = (sessionId, method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(reject);
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await cdp.send('Performance.enable');

  return {
    async measure() {
      let workerHeapBytes = 0;
      for (const sessionId of workers.keys()) {
        await inWorker(sessionId, 'HeapProfiler.collectGarbage');
        workerHeapBytes += (await inWorker(sessionId, 'Runtime.getHeapUsage')).usedSize;
      }
      await cdp.send('HeapProfiler.collectGarbage');
      const pageHeapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      const metric = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      return {
        pageHeapBytes,
        workerHeapBytes,
        workers: workers.size,
        heapBytes: pageHeapBytes + workerHeapBytes,
        nodes: metric.Nodes,
        documents: metric.Documents,
        frames: metric.Frames,
        listeners: metric.JSEventListeners,
      };
    },
  };
}

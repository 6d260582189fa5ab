// Floors: for each timed figure of the bench, the least the same machine needs, at the
// same moment, for the unavoidable part of that figure. The machines the bench runs on
// are shared and differ 2-3x, so a figure alone cannot be compared across runs; the
// figure divided by its floor, measured in the same run, mostly can (issue 17). Each
// floor is measured once per bench run, and only when its figure is wanted.
//
// - Run loop (Run pressed -> every check shown): a worker round trip (a tiny postMessage
//   echo to a dedicated Worker made from a Blob, in an opaque-origin frame as a sandbox's
//   worker is, so the message crosses processes as a check run's do) times the
//   sandbox runs a Run makes (counted: every `{ type: 'run' }` the page posts on a
//   MessagePort, which is how run-protocol.ts hands a run to a sandbox through
//   browser-sandbox.ts's MessageChannel). Each check run needs at least one such trip.
// - Cold open -> editor ready: Monaco alone on a blank page of the same server (built by
//   floor-pages.mjs), navigation start -> `.monaco-editor .view-lines` in the page, empty cache.
// - Big output (-> Data tab rows, -> Panel drawn): uPlot alone drawing the same
//   1,000,000 points from a ready table (built by floor-pages.mjs).
import { SHOWN_AT_INIT, shownAt } from './page-timing.mjs';
import { summarize } from './stats.mjs';

/** Round trips timed, after the warm-up ones, in batches of PINGS_PER_BATCH. */
const PINGS = 200;
const WARMUP_PINGS = 20;
/**
 * A page's `performance.now()` is coarsened to 0.1 ms without cross-origin isolation,
 * about the size of one round trip, so single pings read 0 or 0.1 ms. Batches of
 * sequential pings are timed instead; the median of their per-ping means is reported.
 */
const PINGS_PER_BATCH = 10;

/**
 * Counts in `__messages` every message with a `type` posted on a MessagePort (`sent`) and
 * every one delivered to a port's `onmessage` (`received`), by that `type`, in the realm it
 * runs in. The lab engine talks to each sandbox over such a port (channel-endpoint.ts) and
 * hands it a run as `{ type: 'run' }` (run-protocol.ts), so these are the messages between
 * the engine and its sandboxes, which do not depend on the machine, and `sent.run` is the
 * sandbox runs. A lab page's runs are posted by the lab engine's worker
 * (lib/session/engine-server.ts), an exercise page's by the page itself
 * (browser-sandbox.ts), so it is installed in both.
 */
export const RUN_COUNTER_INIT = () => {
  if (self.__messages !== undefined) return;
  const messages = (self.__messages = { sent: {}, received: {} });
  // Only messages with a string `type`, as the engine's and the sandbox's are: the page's own
  // MessageChannel traffic (React's scheduler posts null) is not between them.
  const count = (table, message) => {
    if (message && typeof message.type === 'string') table[message.type] = (table[message.type] ?? 0) + 1;
  };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message, ...rest) {
    count(messages.sent, message);
    return post.call(this, message, ...rest);
  };
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(listener) {
      const counted = typeof listener === 'function' ? function (event) { count(messages.received, event.data); return listener.call(this, event); } : listener;
      onmessage.set.call(this, counted);
    },
  });
};

/**
 * What `read` returns in `page` (one with RUN_COUNTER_INIT as an init script) and in each
 * of its own-origin workers, where RUN_COUNTER_INIT is installed on the first call.
 */
async function fromEveryRealm(page, read) {
  const results = [await page.evaluate(read)];
  for (const worker of page.workers()) {
    // Sandbox workers (blob: URLs) are left alone: a patched built-in there would make the host replace the sandbox after its run.
    if (worker.url().startsWith('blob:')) continue;
    results.push(await worker.evaluate(`(${RUN_COUNTER_INIT})(), (${read})()`).catch(() => undefined));
  }
  return results.filter((r) => r !== undefined);
}

/**
 * Messages counted so far (RUN_COUNTER_INIT) in `page` and its own-origin workers, by
 * direction and `type`: `{ sent: { run: 33, 'fetch-result': 21, … }, received: { … } }`.
 * Call once before the Runs to be counted (the first call installs the counter in the workers).
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<{ sent: Record<string, number>, received: Record<string, number> }>}
 */
export async function messagesSoFar(page) {
  const total = { sent: {}, received: {} };
  for (const realm of await fromEveryRealm(page, () => self.__messages ?? { sent: {}, received: {} })) {
    for (const way of ['sent', 'received']) for (const [type, n] of Object.entries(realm[way])) total[way][type] = (total[way][type] ?? 0) + n;
  }
  return total;
}

/**
 * Per-Run message counts from snapshots `messagesSoFar` took before and after each Run:
 * for each direction and type, the median over the Runs (a Run draws its seed, so counts
 * can differ a little between Runs), plus `total`, the median of each Run's sum.
 * @param {{ before: { sent: Record<string, number>, received: Record<string, number> }, after: { sent: Record<string, number>, received: Record<string, number> } }[]} runs
 */
export function messagesPerRun(runs) {
  const median = (xs) => summarize(xs).median ?? 0;
  const out = { sent: {}, received: {} };
  for (const way of ['sent', 'received']) {
    const types = new Set(runs.flatMap(({ after }) => Object.keys(after[way])));
    for (const type of [...types].sort()) {
      const n = median(runs.map(({ before, after }) => (after[way][type] ?? 0) - (before[way][type] ?? 0)));
      if (n > 0) out[way][type] = n;
    }
    out[way].total = median(runs.map(({ before, after }) => Object.keys(after[way]).reduce((sum, type) => sum + (after[way][type] ?? 0) - (before[way][type] ?? 0), 0)));
  }
  return out;
}

/**
 * Installs `globalThis.openEchoWorker(where, source)` in `page`: starts a dedicated Worker
 * from `source` (a script whose first message carries a MessagePort, its end of the
 * channel) and resolves with `{ port, close }`, our end and a function that removes the
 * worker. `where`: `'frame'` puts the worker where a sandbox's is: in a frame with
 * `sandbox="allow-scripts"` (an opaque origin, which Chromium gives a process of its own;
 * lib/runtime/sandbox/browser-sandbox.ts), so every message crosses processes as a check
 * run's do; `'page'` makes it the page's own, same process. Shared by the run loop's floor
 * and scripts/bench/message-cost.mjs.
 * @param {import('@playwright/test').Page} page
 */
export function installEchoWorker(page) {
  return page.evaluate(() => {
    globalThis.openEchoWorker = async (where, source) => {
      const channel = new MessageChannel();
      let close;
      if (where === 'frame') {
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-scripts');
        frame.style.display = 'none';
        frame.srcdoc = `<script>onmessage = (e) => new Worker(URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' }))).postMessage(0, [e.ports[0]]);<\/script>`;
        const loaded = new Promise((resolve) => (frame.onload = resolve));
        document.body.appendChild(frame);
        await loaded;
        frame.contentWindow.postMessage(0, '*', [channel.port2]);
        close = () => frame.remove();
      } else {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url);
        worker.postMessage(0, [channel.port2]);
        close = () => (worker.terminate(), URL.revokeObjectURL(url));
      }
      return { port: channel.port1, close };
    };
  });
}

/**
 * Median round trip of a tiny message to a dedicated Worker made from a Blob, timed in
 * `page` (the lab page, so its realm and its load). Sequential pings, one in flight,
 * timed in batches (see PINGS_PER_BATCH).
 *
 * `where`: `'frame'` (the floor) puts the worker where a sandbox's is (see
 * `installEchoWorker`): every message crosses processes as a check run's do (0.14 ms
 * against 0.06 ms, 2026-12-06). `'page'`: the worker is the page's own, same process; for comparison.
 * @param {import('@playwright/test').Page} page
 * @param {'frame' | 'page'} [where] default 'frame'
 * @returns {Promise<{ median: number, p95: number, pings: number }>} ms per round trip:
 *   median and p95 over the batches' means
 */
export async function workerRoundTrip(page, where = 'frame') {
  await installEchoWorker(page);
  const batches = await page.evaluate(
    async ([pings, warmup, perBatch, where]) => {
      const echo = 'onmessage = (e) => { const port = e.ports[0]; port.onmessage = (m) => port.postMessage(m.data); };';
      const { port, close } = await globalThis.openEchoWorker(where, echo);
      const ping = (i) =>
        new Promise((resolve) => {
          port.onmessage = resolve;
          port.postMessage({ type: 'ping', i });
        });
      for (let i = 0; i < warmup; i++) await ping(i);
      const out = [];
      for (let b = 0; b < pings / perBatch; b++) {
        const started = performance.now();
        for (let i = 0; i < perBatch; i++) await ping(i);
        out.push((performance.now() - started) / perBatch);
      }
      close();
      return out;
    },
    [PINGS, WARMUP_PINGS, PINGS_PER_BATCH, where],
  );
  const sorted = [...batches].sort((a, b) => a - b);
  const at = (q) => round3(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { median: at(0.5), p95: at(0.95), pings: PINGS };
}

/**
 * The run loop's floor: round trip x sandbox runs per Run.
 * @param {{ median: number, p95: number }} roundTrip from workerRoundTrip (the frame's)
 * @param {number} runsPerRun sandbox runs a Run made (median over the timed Runs)
 * @param {number} figureMedian the run loop's median, ms
 */
export function runLoopFloor(roundTrip, runsPerRun, figureMedian) {
  const floorMs = round3(roundTrip.median * runsPerRun);
  return { roundTripMs: roundTrip.median, roundTripP95Ms: roundTrip.p95, runsPerRun, floorMs, ratio: ratio(figureMedian, floorMs) };
}

/**
 * Monaco alone, cold: navigation start -> `.monaco-editor .view-lines` in the page, a new
 * browser context (empty cache) per sample, timed as bench.mjs's coldOpen() times the lab
 * page (by an observer in the page: page-timing.mjs, SHOWN_AT_INIT).
 * @param {import('@playwright/test').Browser} browser
 * @param {string} base the bench server's URL
 * @param {number} samples
 * @returns {Promise<ReturnType<typeof summarize>>} ms
 */
export async function monacoColdFloor(browser, base, samples) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(SHOWN_AT_INIT, { editor: ['.monaco-editor .view-lines'] });
    await page.goto(`${base}/__bench/floors/monaco.html`, { waitUntil: 'commit' });
    times.push(await shownAt(page, 'editor'));
    await context.close();
  }
  return summarize(times);
}

/**
 * uPlot alone drawing 10 series x 100,000 points from a ready table: `new uPlot(...)`
 * until two animation frames later. The first draw warms the page and is not counted.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} base
 * @param {number} samples
 * @returns {Promise<ReturnType<typeof summarize>>} ms
 */
export async function uplotFloor(browser, base, samples) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  try {
    await page.goto(`${base}/__bench/floors/uplot.html`);
    await page.waitForFunction(() => document.title === 'uplot floor ready', null, { timeout: 60_000 });
    const times = [];
    for (let i = 0; i < samples + 1; i++) {
      const ms = await page.evaluate(() => window.uplotFloor.draw());
      if (i > 0) times.push(ms);
    }
    return summarize(times);
  } finally {
    await page.close();
  }
}

/** figure ÷ floor, two decimals; null when either is missing or the floor is 0. */
export function ratio(figure, floor) {
  if (figure === null || figure === undefined || !floor) return null;
  return Math.round((figure / floor) * 100) / 100;
}

const round3 = (n) => Math.round(n * 1000) / 1000;

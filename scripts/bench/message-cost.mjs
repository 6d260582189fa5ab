// What a message costs between the lab engine and a sandbox, against the same message
// inside the page's process. The sandbox's worker lives in an opaque-origin frame, which
// Chromium runs in a process of its own, so each message between it and the lab engine's
// worker is serialized across processes. Prints, for a worker in such a frame and for a
// worker of the page's own: the round trip of one fetch-sized message answered with 4 KB
// (about a mock upstream's answer); ten such messages sent at once against one message that
// holds ten (what batching would save); and what posting costs the sender. A tool for
// deciding how the engine and the sandbox should talk, not a figure: `npm run bench` gives those.
//
//   node scripts/bench/message-cost.mjs        (serves out/, or BENCH_OUT)
import { chromium } from '@playwright/test';
import { ensureChromium } from '../find-chromium.mjs';
import { installEchoWorker } from './floors.mjs';
import { startServer } from './server.mjs';

const ROUNDS = 3;
const server = await startServer({ root: process.env.BENCH_OUT ?? 'out', port: 3215 });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await installEchoWorker(page);
  for (const where of ['frame', 'page']) {
    const rounds = await page.evaluate(
      async ([where, rounds]) => {
        // The echo answers each message with about 4 KB; a message with `items` gets one answer holding one per item.
        const echo = `const body = 'x'.repeat(3800); onmessage = (e) => { const port = e.ports[0]; port.onmessage = (m) => { const d = m.data; port.postMessage(d.items ? { items: d.items.map((i) => ({ i, body })) } : { i: d.i, body }); }; };`;
        const { port, close } = await globalThis.openEchoWorker(where, echo);
        // A sandbox's upstream request as run-protocol.ts receives it.
        const request = { type: 'fetch', runId: 'r-1', fetchId: 0, atMs: 1234, request: { method: 'GET', url: 'https://eu.prometheus.lab.test/api/v1/query_range?query=sum(rate(x%5B5m%5D))&start=1&end=2&step=15', headers: [['authorization', 'Bearer key'], ['accept', 'application/json']], body: null } };
        const one = (i) => new Promise((resolve) => ((port.onmessage = resolve), port.postMessage({ ...request, i })));
        const ten = () =>
          new Promise((resolve) => {
            let left = 10;
            port.onmessage = () => --left === 0 && resolve();
            for (let i = 0; i < 10; i++) port.postMessage({ ...request, i });
          });
        const tenInOne = () => new Promise((resolve) => ((port.onmessage = resolve), port.postMessage({ items: Array.from({ length: 10 }, (_, i) => ({ ...request, i })) })));
        const perCall = async (f, times) => {
          const started = performance.now();
          for (let i = 0; i < times; i++) await f(i);
          return (performance.now() - started) / times;
        };
        await perCall(one, 200); // warm-up
        const out = [];
        for (let r = 0; r < rounds; r++) {
          const oneMs = await perCall(one, 300);
          const tenMs = await perCall(ten, 100);
          const tenInOneMs = await perCall(tenInOne, 100);
          const started = performance.now();
          for (let i = 0; i < 1000; i++) port.postMessage({ ...request, i });
          const postUs = performance.now() - started; // ms for 1000 messages = µs per message
          out.push({ oneMs, tenMs, tenInOneMs, postUs });
          await new Promise((resolve) => setTimeout(resolve, 500)); // let the 1000 echoes drain
        }
        close();
        return out;
      },
      [where, ROUNDS],
    );
    const list = (key, digits) => rounds.map((r) => r[key].toFixed(digits)).join(' / ');
    console.log(`\nWorker ${where === 'frame' ? 'in an opaque-origin frame (another process, as a sandbox)' : "of the page's own (same process)"}, ${ROUNDS} rounds:`);
    console.log(`  one message and its 4 KB answer, round trip:   ${list('oneMs', 3)} ms`);
    console.log(`  ten messages at once, until ten answers:        ${list('tenMs', 3)} ms`);
    console.log(`  one message holding ten, until its answer:      ${list('tenInOneMs', 3)} ms`);
    console.log(`  posting, the sender's cost per message:         ${list('postUs', 1)} µs`);
  }
} finally {
  await browser.close();
  server.close();
}

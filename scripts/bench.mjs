// A first benchmark (see the Performance section of the README). Needs a build in out/
// (`npm run build`). Prints figures; asserts nothing: machines here are shared and noisy.
//   1. page weight: first-load JS (gzip) of the home page and the lab page
//   2. run loop, warm: Run pressed -> all checks shown, solution code, N runs
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 3200;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const LAB = '/labs/week-2/first-query-path/';

function firstLoadJs(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]))];
  return scripts.reduce((sum, src) => sum + gzipSync(readFileSync(`out${src}`)).length, 0);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { min: sorted[0], median: at(0.5), p95: at(0.95) };
}

if (!existsSync('out/index.html')) {
  console.error('No build in out/: run `npm run build` first.');
  process.exit(1);
}
console.log(`first-load JS, gzip: home ${(firstLoadJs('out/index.html') / 1024).toFixed(0)} KB, lab ${(firstLoadJs(`out${LAB}index.html`) / 1024).toFixed(0)} KB`);

const server = spawn('npx', ['serve', 'out', '--listen', String(PORT), '--no-clipboard'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const opened = Date.now();
  await page.goto(`http://localhost:${PORT}${LAB}`);
  const editor = page.getByRole('textbox', { name: /^Code editor: / });
  await editor.waitFor({ state: 'attached', timeout: 60_000 });
  console.log(`cold open -> editor ready: ${Date.now() - opened} ms`);
  // Load the solution into saved progress, then reload so the editor shows it.
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('tab', { name: 'Checks' }).click();
  const total = page.getByTestId('run-total-ms');
  const times = [];
  for (let i = 0; i < RUNS + 5; i++) {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
    await page.getByText(/^9 of 9 checks pass$/).waitFor();
    const ms = Number((await total.textContent()).match(/(\d+) ms/)[1]);
    if (i >= 5) times.push(ms); // the first runs start the sandbox and warm the JIT
  }
  const s = stats(times);
  console.log(`run loop, warm (Run -> 9 checks shown, ${RUNS} runs): min ${s.min} ms, median ${s.median} ms, p95 ${s.p95} ms`);
} finally {
  await browser.close();
  server.kill();
}

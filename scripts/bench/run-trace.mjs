// Where a warm Run spends the page's main thread: opens a lab of the built app (out/)
// with its solution, Runs it once to warm up, then Runs it twice under the DevTools CPU
// profiler and prints each Run's time, its long tasks, the main thread's busy time and
// the functions that took the most of it (self and inclusive). A tool for finding work
// to move, not a figure: `npm run bench` gives those.
//
//   node scripts/bench/run-trace.mjs [lab, default week-4/03-cache-and-retries] [profile out path]
//
// A lab is named by its folder under labs/ (`week-2/01-first-query-path`); a bare folder
// name is a Week 4 lab, as this script's first form (operate-trace.mjs) took it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureChromium } from '../find-chromium.mjs';
import { firstRun, LONG_TASKS_INIT, openWithWork, solvedFiles, timedRun } from './page-timing.mjs';
import { startServer } from './server.mjs';

const arg = process.argv[2] ?? 'week-4/03-cache-and-retries';
const outPath = process.argv[3];
const [week, folder] = arg.includes('/') ? arg.split('/') : ['week-4', arg];
const root = join('labs', week);
const slug = folder.replace(/^\d+-/, '');

const frameKey = (f) => `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;

const server = await startServer({ root: process.env.BENCH_OUT ?? 'out', port: 3210 }); // BENCH_OUT: another build, as the bench takes it
const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.addInitScript(LONG_TASKS_INIT);
  await openWithWork(page, `${server.url}/labs/${week}/${slug}/`, { files: solvedFiles(join(root, folder)), queries: [] }, `${week}/${slug}`);
  await firstRun(page, 90_000);
  console.log('warm-up:', await page.getByTestId('run-total-ms').textContent());
  await page.waitForTimeout(2000);
  for (let i = 0; i < 2; i++) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const t0 = await page.evaluate(() => performance.now());
    await cdp.send('Profiler.start');
    // Under the profiler a Run is slower: keep the 60 s this script has always allowed.
    const { text } = await timedRun(page, { timeoutMs: 60_000 });
    const { profile } = await cdp.send('Profiler.stop');
    const tasks = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0).map((t) => ({ start: Math.round(t.start - t0), ms: Math.round(t.duration) })), t0);
    console.log(`\nRun ${i + 1}: ${text.trim()}`);
    console.log('long tasks (start ms after Run, duration):', tasks.map((t) => `${t.start}:${t.ms}`).join(' '));
    if (outPath) writeFileSync(`${outPath}.${i}.cpuprofile`, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map();
    const incl = new Map();
    profile.samples.forEach((id, k) => {
      const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
      const node = byId.get(id);
      self.set(frameKey(node.callFrame), (self.get(frameKey(node.callFrame)) ?? 0) + dt);
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const key = frameKey(byId.get(cur).callFrame);
        if (seen.has(key)) continue;
        seen.add(key);
        incl.set(key, (incl.get(key) ?? 0) + dt);
      }
    });
    const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n');
    const selfOf = (name) => [...self].filter(([k]) => k.startsWith(`${name} `)).reduce((sum, [, ms]) => sum + ms, 0);
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`main thread: ${total.toFixed(0)} ms sampled, ${(total - selfOf('(idle)')).toFixed(0)} ms busy, of which garbage collection ${selfOf('(garbage collector)').toFixed(0)} ms and native (program) ${selfOf('(program)').toFixed(0)} ms`);
    console.log(`-- self\n${top(self, 25)}\n-- inclusive\n${top(incl, 60)}`);
    await page.waitForTimeout(2000);
  }
} finally {
  await browser.close();
  await server.close?.();
}

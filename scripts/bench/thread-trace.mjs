// Where a warm Run's time goes on every thread: the page, the lab engine's worker and
// the sandboxes' workers (each in its own process). Opens a lab of the built app (out/)
// with its solution, Runs it once to warm up, then records a Chromium trace of one more
// Run and prints, per thread, how long it was busy running tasks during the Run, its
// longest task, and the trace events that took most of that time. A tool for finding
// work to move or drop, not a figure: `npm run bench` gives those.
//
//   node scripts/bench/thread-trace.mjs [lab, default week-2/01-first-query-path] [trace out path]
//
// FIRST=1 traces the first Run after the lab opened (editor ready, nothing run yet), when
// the lab engine and the first sandboxes start, instead of a warm one.
//
// The trace written to the out path opens in Chromium's DevTools (Performance panel → load).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureChromium } from '../find-chromium.mjs';
import { editorBox, firstRun, openWithWork, solvedFiles, timedRun } from './page-timing.mjs';
import { startServer } from './server.mjs';

const [week, folder] = (process.argv[2] ?? 'week-2/01-first-query-path').split('/');
const outPath = process.argv[3];
const slug = folder.replace(/^\d+-/, '');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', '__metadata'];
// With PROFILE=1 the trace also holds every thread's sampled JavaScript profile (DevTools shows it); it slows the Run about twofold.
if (process.env.PROFILE === '1') CATEGORIES.push('disabled-by-default-v8.cpu_profiler');

const isTask = (e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask';
const labelOf = (e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name} ${e.args?.data?.url?.split('/').pop() ?? ''}:${e.args?.data?.functionName ?? ''}` : e.name);

/**
 * Busy time per thread (named by `threadName(event)`) in [from, to] µs: the sum of top-level
 * task durations, with the events inside them summed by name (`inner`), and those inside the
 * thread's longest task alone (`inLongest`).
 */
function threadBusy(events, from, to, threadName) {
  const threads = new Map();
  const of = (key) => {
    if (!threads.has(key)) threads.set(key, { busyUs: 0, tasks: 0, longestUs: 0, longestAt: 0, inner: new Map(), inLongest: new Map() });
    return threads.get(key);
  };
  const inWindow = (e) => e.ph === 'X' && e.ts >= from && e.ts <= to && e.dur;
  // Chromium traces a task twice, a `ThreadControllerImpl::RunTask` inside a `RunTask`
  // (and a nested run loop's tasks inside their caller's): only a thread's outermost
  // tasks count, or its busy time and task count come out about doubled.
  const outerEnd = new Map();
  const sorted = events.filter((e) => inWindow(e) && isTask(e)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outer = new Set();
  for (const e of sorted) {
    const key = threadName(e);
    if (e.ts < (outerEnd.get(key) ?? -Infinity)) continue;
    outer.add(e);
    outerEnd.set(key, e.ts + e.dur);
  }
  for (const e of events) {
    if (!inWindow(e)) continue;
    const t = of(threadName(e));
    if (isTask(e)) {
      if (!outer.has(e)) continue;
      t.busyUs += e.dur;
      t.tasks += 1;
      if (e.dur > t.longestUs) [t.longestUs, t.longestAt] = [e.dur, e.ts];
    } else t.inner.set(labelOf(e), (t.inner.get(labelOf(e)) ?? 0) + e.dur);
  }
  for (const e of events) {
    if (!inWindow(e) || isTask(e)) continue;
    const t = threads.get(threadName(e));
    if (e.ts >= t.longestAt && e.ts + e.dur <= t.longestAt + t.longestUs) t.inLongest.set(labelOf(e), (t.inLongest.get(labelOf(e)) ?? 0) + e.dur);
  }
  return threads;
}

/** Self time per JavaScript function of each thread's sampled profile (PROFILE=1), µs, keyed by thread. */
function profileSelfTimes(events, threadName) {
  const profiles = new Map();
  for (const e of events) if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { thread: threadName(e), nodes: new Map(), self: new Map() });
  for (const e of events) {
    const p = e.name === 'ProfileChunk' ? profiles.get(`${e.pid}:${e.id}`) : undefined;
    if (!p) continue;
    const { cpuProfile, timeDeltas = [] } = e.args.data;
    for (const n of cpuProfile?.nodes ?? []) p.nodes.set(n.id, n.callFrame);
    (cpuProfile?.samples ?? []).forEach((id, i) => {
      const f = p.nodes.get(id);
      const key = f?.url ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}` : (f?.functionName ?? '?');
      p.self.set(key, (p.self.get(key) ?? 0) + (timeDeltas[i + 1] ?? 0));
    });
  }
  return [...profiles.values()];
}

const server = await startServer({ root: process.env.BENCH_OUT ?? 'out', port: 3211 });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  // BIG=1: the bench's big output (scripts/bench/big-handler.ts.txt, a million points) instead of the lab's solution.
  const big = process.env.BIG === '1';
  const files = big ? { 'handler.ts': readFileSync('scripts/bench/big-handler.ts.txt', 'utf8') } : solvedFiles(join('labs', week, folder));
  const queries = big ? [{ refId: 'A', json: '{ "big": true }' }] : [];
  await openWithWork(page, `${server.url}/labs/${week}/${slug}/`, { files, queries }, `${week}/${slug}`);
  if (process.env.FIRST === '1') {
    await editorBox(page).waitFor({ state: 'attached', timeout: 90_000 });
    await page.getByRole('tab', { name: /^Checks/ }).click();
  } else {
    await firstRun(page, 90_000);
    for (let i = 0; i < 2; i++) {
      await page.waitForTimeout(1500);
      await timedRun(page, { timeoutMs: 60_000 });
    }
  }
  // TAB=Data (or Panel, …): the traced Run is watched on that tab, so its view's rendering is in the trace.
  if (process.env.TAB) await page.getByRole('tab', { name: new RegExp(`^${process.env.TAB}`) }).click();
  await page.waitForTimeout(1500);
  await browser.startTracing(undefined, { categories: CATEGORIES });
  // Another tab than Checks shows no Run total: the trace then covers a fixed 4 s from the click.
  const { text } = process.env.TAB ? await page.locator('button[aria-keyshortcuts]').click().then(() => page.waitForTimeout(4000)).then(() => ({ text: `(watched on the ${process.env.TAB} tab for 4 s)` })) : await timedRun(page, { timeoutMs: 60_000 });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  if (outPath) writeFileSync(outPath, JSON.stringify(trace));
  const events = trace.traceEvents;
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, `${e.args.name} (pid ${e.pid} tid ${e.tid})`]));
  const threadName = (e) => names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
  // The Run's window: from the click on Run to the end of the last event traced.
  const marks = events.filter((e) => e.ph === 'X' && e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  const from = marks.length ? marks[0].ts : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const to = Math.max(...events.filter((e) => e.ph === 'X').map((e) => e.ts + (e.dur ?? 0)));
  console.log(`Run: ${text.trim()} (trace window ${((to - from) / 1000).toFixed(0)} ms from the click)`);
  const rows = [...threadBusy(events, from, to, threadName)].filter(([, t]) => t.busyUs > 500).sort((a, b) => b[1].busyUs - a[1].busyUs);
  for (const [name, t] of rows) {
    console.log(`\n${name}: busy ${(t.busyUs / 1000).toFixed(1)} ms in ${t.tasks} tasks, longest ${(t.longestUs / 1000).toFixed(1)} ms`);
    const top = [...t.inner].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [label, us] of top) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${label}`);
    if (t.longestUs < 20_000) continue;
    console.log(`  in its longest task (${((t.longestAt - from) / 1000).toFixed(0)} ms after the click):`);
    const inLongest = [...t.inLongest].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [label, us] of inLongest) console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${label}`);
  }
  for (const p of profileSelfTimes(events, threadName)) {
    const top = [...p.self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 15);
    console.log(`\nJavaScript profile of ${p.thread}, self time (positions are in the built chunks):`);
    for (const [key, us] of top) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  }
} finally {
  await browser.close();
  await server.close?.();
}

// `npm run bench`: the speed budget, measured. Builds the app if out/ is missing or
// older than the sources, drives Chromium (scripts/find-chromium.mjs) with Playwright, prints a table and
// writes bench/results.json. It asserts nothing: the machines it runs on are shared and
// noisy, so figures are reported (min / median / p95) with the budgets they meet.
//
// Environment knobs: BENCH_RUNS (warm run loop, default 50), BENCH_NAIVE_RUNS (10),
// BENCH_COLD_RUNS (7), BENCH_BIG_RUNS (5), BENCH_SUITE_RUNS (3), BENCH_WEEK3_RUNS (20),
// BENCH_OPERATE_RUNS (10), BENCH_MEMORY_RUNS (200),
// BENCH_ONLY (comma list of figure ids: run-loop, naive, cold, weight, big, week3, operate, memory, suite),
// BENCH_OUT, CHROMIUM_PATH
// (see scripts/find-chromium.mjs: without it, the system's or Playwright's Chromium).
//
// Each timed figure is also printed as a ratio to its floor, measured in the same run
// (scripts/bench/floors.mjs says what each floor is), with a CPU calibration
// (scripts/bench/calibrate.mjs), so runs on different machines can be compared. The
// Monaco floor takes BENCH_COLD_RUNS samples and the uPlot floor BENCH_BIG_RUNS.
//
// Each figure is its own module in scripts/bench/figures/; the settings are
// scripts/bench/config.mjs and the printed report scripts/bench/report.mjs.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { ensureFreshBuild } from './bench/build.mjs';
import { calibrate } from './bench/calibrate.mjs';
import { BENCH_SITE, BIG_RUNS, COLD_RUNS, LAB, MEMORY_RUNS, NAIVE_RUNS, OPERATE_RUNS, OUT, PORT, RUNS, SUITE_RUNS, wanted, WEEK3_RUNS } from './bench/config.mjs';
import { bigOutput } from './bench/figures/big-output.mjs';
import { coldOpen } from './bench/figures/cold-open.mjs';
import { operateRuns, week3Runs } from './bench/figures/lab-runs.mjs';
import { naivePlayground } from './bench/figures/naive.mjs';
import { memoryOverRuns, runLoopWarm } from './bench/figures/run-loop.mjs';
import { checkSuite } from './bench/figures/suite.mjs';
import { buildFloorPages } from './bench/floor-pages.mjs';
import { monacoColdFloor, ratio, runLoopFloor, uplotFloor } from './bench/floors.mjs';
import { buildNaivePlayground } from './bench/naive.mjs';
import { firstLoadBytes, firstLoadScripts, lazyChunkGroups } from './bench/page-weight.mjs';
import { startServer } from './bench/server.mjs';
import { ensureChromium } from './find-chromium.mjs';
import { budgets, kb, printFloors, printMessages, printTable } from './bench/report.mjs';
import { round } from './bench/stats.mjs';

async function main() {
  let chromiumPath;
  try {
    chromiumPath = ensureChromium(); // before building: no point in a build with no browser
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  ensureFreshBuild();
  await buildNaivePlayground(BENCH_SITE);
  await buildFloorPages(BENCH_SITE);
  const server = await startServer({ root: OUT, benchRoot: BENCH_SITE, port: PORT });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const figures = {};
  /** Each figure's floor and figure ÷ floor (medians), plus the CPU calibration; see scripts/bench/floors.mjs. */
  const floors = {};
  try {
    floors.calibration = await step('CPU calibration', () => calibrate(browser));
    if (wanted('run-loop')) {
      const loop = await step('run loop, warm', () => runLoopWarm(browser, server.url));
      figures.runLoop = loop.figure;
      floors.runLoop = { ...runLoopFloor(loop.roundTrip, loop.runsPerRun, loop.figure.median), sameProcessRoundTripMs: loop.sameProcess.median };
    }
    if (wanted('naive')) {
      figures.naive = await step('naive playground', () => naivePlayground(browser, server.url));
      if (figures.runLoop) figures.naiveRatio = round(figures.naive.median / figures.runLoop.median);
    }
    if (wanted('cold') || wanted('weight')) {
      const cold = await step('cold open', () => coldOpen(browser, server.url));
      const { loaded, ...timings } = cold;
      figures.cold = timings;
      const routes = ['/', '/weeks/1/', LAB].map((route) => ({ route, gzipKB: kb(firstLoadBytes(OUT, route)) }));
      const firstLoad = new Set(firstLoadScripts(OUT, LAB) ?? []);
      figures.weight = { routes, lazy: lazyChunkGroups(OUT, loaded, firstLoad) };
    }
    if (wanted('cold')) {
      const monaco = await step('floor: Monaco alone, cold', () => monacoColdFloor(browser, server.url, COLD_RUNS));
      floors.editorReady = { monaco, ratio: ratio(figures.cold.editorReady.median, monaco.median) };
    }
    if (wanted('big')) {
      figures.big = await step('big output', () => bigOutput(browser, server.url));
      const uplot = await step('floor: uPlot alone, 1M points', () => uplotFloor(browser, server.url, BIG_RUNS));
      floors.bigOutput = { uplot, rowsRatio: ratio(figures.big.toRows.median, uplot.median), panelRatio: ratio(figures.big.toPanel.median, uplot.median) };
    }
    if (wanted('week3')) figures.week3 = await step('week 3 labs, warm', () => week3Runs(browser, server.url));
    if (wanted('operate')) figures.operate = await step('week 4 operate labs, warm', () => operateRuns(browser, server.url));
    if (wanted('memory')) figures.memory = await step(`memory over ${MEMORY_RUNS} Runs`, () => memoryOverRuns(browser, server.url));
  } finally {
    await browser.close();
    await server.close();
  }
  if (wanted('suite')) figures.suite = await step('conformance suite', () => checkSuite());

  const list = budgets(figures);
  printTable(figures, list);
  printFloors(figures, floors);
  printMessages(figures);
  mkdirSync('bench', { recursive: true });
  const chromiumVersion = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version, chromium: chromiumVersion }, runs: { RUNS, NAIVE_RUNS, COLD_RUNS, BIG_RUNS, WEEK3_RUNS, OPERATE_RUNS, MEMORY_RUNS, SUITE_RUNS }, figures, floors, budgets: list }, null, 2)}\n`,
  );
  console.log('\nWrote bench/results.json');
}

async function step(name, fn) {
  const started = Date.now();
  process.stdout.write(`• ${name}… `);
  const result = await fn();
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
}

await main();

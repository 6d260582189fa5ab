// What the bench prints: the figures, the budgets they meet (issue 17's) and each
// figure's ratio to its floor.
import { COLD_RUNS, LONGEST_TASK_BUDGET_MS, NAIVE_RUNS, RUNS, SUITE_RUNS } from './config.mjs';
import { round } from './stats.mjs';

/** One row of a Markdown table. */
const row = (cells) => `| ${cells.join(' | ')} |`;

export const kb = (bytes) => (bytes === null ? null : round(bytes / 1024));

export function budgets(f) {
  const list = [];
  const add = (figure, budget, value, met) => list.push({ figure, budget, value, met: value === null || value === undefined ? null : met });
  const longest = (what, ms) => add(`${what}: longest main-thread task`, `≤ ${LONGEST_TASK_BUDGET_MS} ms`, ms, ms <= LONGEST_TASK_BUDGET_MS);
  if (f.runLoop) {
    add('Run loop, warm: p95', '≤ 50 ms', f.runLoop.p95, f.runLoop.p95 <= 50);
    longest('Run loop, warm (max over the Runs)', f.runLoop.longestMax);
  }
  if (f.naive && f.runLoop) add('Naive playground ÷ ours, median', '≥ 20×', f.naiveRatio, f.naiveRatio >= 20);
  if (f.cold) {
    add('Cold open → code visible: median', '≤ 500 ms', f.cold.codeVisible.median, f.cold.codeVisible.median <= 500);
    add('Cold open → editor ready: median', '≤ 1500 ms', f.cold.editorReady.median, f.cold.editorReady.median <= 1500);
    longest('First Run after a cold open (max over the opens)', f.cold.firstRunLongestMax);
  }
  // Issue 17's budgets: 200 KB gz for the home and week pages, 250 KB gz for a lab page.
  if (f.weight) {
    for (const r of f.weight.routes) {
      const budget = r.route.startsWith('/labs/') ? 250 : 200;
      add(`First-load JS, ${r.route}`, `≤ ${budget} KB gz`, r.gzipKB, r.gzipKB !== null && r.gzipKB <= budget);
    }
  }
  if (f.big) {
    add('Big output → Data rows: median', '≤ 1000 ms', f.big.toRows.median, f.big.toRows.median <= 1000);
    longest('Big output (max over the Runs)', f.big.longestMax);
  }
  for (const lab of f.week3 ?? []) add(`Run of ${lab.lab}, warm: p95`, '≤ 200 ms', lab.p95, lab.p95 <= 200);
  for (const lab of f.operate ?? []) {
    add(`Run of ${lab.lab}, warm: p95`, '≤ 1500 ms', lab.p95, lab.p95 <= 1500);
    longest(`Run of ${lab.lab} (max over the Runs)`, lab.longestTask);
  }
  if (f.memory) {
    const pct = (n) => `${n > 0 ? '+' : ''}${n}%`;
    const { growth, pageGrowth, workerGrowth } = f.memory;
    add(`Memory after ${f.memory.runs} Runs vs after 10 (JS heaps: all / page / workers)`, '≤ +10% each', `${pct(growth)} / ${pct(pageGrowth)} / ${pct(workerGrowth)}`, Math.max(growth, pageGrowth, workerGrowth) <= 10);
  }
  if (f.suite) add('Conformance suite wall time: median', '≤ 60 s', f.suite.median, f.suite.median <= 60);
  return list;
}

export function printTable(figures, list) {
  const lines = [row(['Figure', 'min', 'median', 'p95', 'unit']), row(['---', '---:', '---:', '---:', '---'])];
  const add = (name, s, unit) => s && lines.push(row([name, s.min, s.median, s.p95, unit]));
  add(`Run loop, warm (Run → ${figures.runLoop?.checks ?? '?'} checks shown, ${RUNS} runs)`, figures.runLoop, 'ms');
  add('Run loop: longest main-thread task per Run (0: none over 50 ms)', figures.runLoop?.longestTask, 'ms');
  add(`Same Run, naive playground (${NAIVE_RUNS} runs)`, figures.naive, 'ms');
  add(`Cold open → code visible (${COLD_RUNS} opens)`, figures.cold?.codeVisible, 'ms');
  add(`Cold open → editor ready (${COLD_RUNS} opens)`, figures.cold?.editorReady, 'ms');
  add('Cold open → first Run result', figures.cold?.firstRun, 'ms');
  add('First Run after a cold open: longest main-thread task (0: none over 50 ms)', figures.cold?.firstRunLongestTask, 'ms');
  add('First Run after a cold open: total blocking time (Σ of each task’s time over 50 ms)', figures.cold?.firstRunBlocking, 'ms');
  add('Big output (1M points) → Data tab rows', figures.big?.toRows, 'ms');
  add('Big output → Panel drawn', figures.big?.toPanel, 'ms');
  add('Big output: longest main-thread task per run', figures.big?.longestTask, 'ms');
  // A Run of the solution that failed a check is not timed; the row says how many there were.
  const failedRuns = (lab) => (lab.incomplete ? `; **${lab.incomplete.length} Run${lab.incomplete.length === 1 ? "" : "s"} failed a check, not timed**` : '');
  for (const lab of figures.week3 ?? []) add(`Run of ${lab.lab}, warm (→ ${lab.checks} checks, ${lab.n} runs${failedRuns(lab)})`, lab, 'ms');
  for (const lab of figures.operate ?? []) add(`Run of ${lab.lab}, warm (→ ${lab.checks} checks, ${lab.n} runs; longest task ${lab.longestTask} ms${failedRuns(lab)})`, lab, 'ms');
  add(`Conformance suite, all labs (${SUITE_RUNS} runs)`, figures.suite, 's');
  console.log(`\n${lines.join('\n')}`);
  const m = figures.memory;
  if (m) {
    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
    const at = (r) => [`${mb(r.heapBytes)} MB`, `${mb(r.pageHeapBytes)} MB`, `${mb(r.workerHeapBytes)} MB (${r.workers})`, r.nodes, r.frames, r.listeners];
    console.log(`\n${row(['Memory (after GC)', 'JS heap, page + workers', 'page', 'workers (count)', 'DOM nodes', 'frames', 'listeners'])}\n${row(['---', '---:', '---:', '---:', '---:', '---:', '---:'])}`);
    console.log(row(['after 10 Runs', ...at(m.after10)]));
    console.log(row([`after ${m.runs} Runs`, ...at(m.last)]));
  }
  if (figures.weight) {
    console.log(`\n${row(['Page weight (gzip)', 'KB'])}\n${row(['---', '---:'])}`);
    for (const r of figures.weight.routes) console.log(row([`first load, ${r.route}`, r.gzipKB ?? 'not built']));
    for (const g of figures.weight.lazy) console.log(row([`lazy: ${g.name} (${g.files} files)`, kb(g.gzipBytes)]));
  }
  console.log(`\n${row(['Budget', 'target', 'measured', 'met'])}\n${row(['---', '---', '---:', '---'])}`);
  for (const b of list) console.log(row([b.figure, b.budget, b.value ?? '—', b.met === null ? 'not measured' : b.met ? 'yes' : '**no**']));
}

/**
 * Messages per Run between the lab engine and its sandboxes, by type (median over the timed
 * Runs; floors.mjs counts them). They do not depend on the machine, so a change that makes
 * a Run send fewer shows here even when this machine's noise hides it in the times.
 */
export function printMessages(figures) {
  const rows = [];
  const describe = (counts) => Object.entries(counts).filter(([type]) => type !== 'total').map(([type, n]) => `${type} ${n}`).join(', ');
  const add = (name, m) => m && m.sent.total + m.received.total > 0 && rows.push(row([name, `${m.sent.total} (${describe(m.sent)})`, `${m.received.total} (${describe(m.received)})`]));
  add('Run loop, warm', figures.runLoop?.messages);
  for (const lab of figures.week3 ?? []) add(`Run of ${lab.lab}`, lab.messages);
  for (const lab of figures.operate ?? []) add(`Run of ${lab.lab}`, lab.messages);
  if (rows.length) console.log(`\n${row(['Messages per Run on MessagePorts (median)', 'sent: to sandboxes', 'received: from sandboxes'])}\n${row(['---', '---', '---'])}\n${rows.join('\n')}`);
}

/** The floors table: each figure's median, its floor (measured in this run), and the ratio. */
export function printFloors(figures, floors) {
  const lines = [row(['Figure ÷ floor (same run)', 'median', 'floor', 'ratio']), row(['---', '---:', '---', '---:'])];
  const r = floors.runLoop;
  if (r) lines.push(row(['Run loop, warm', `${figures.runLoop.median} ms`, `${r.floorMs} ms = round trip to a worker in an opaque-origin frame ${r.roundTripMs} ms × ${r.runsPerRun} sandbox runs per Run (a same-process worker: ${r.sameProcessRoundTripMs} ms)`, `${r.ratio}×`]));
  const e = floors.editorReady;
  if (e) lines.push(row(['Cold open → editor ready', `${figures.cold.editorReady.median} ms`, `${e.monaco.median} ms = Monaco alone, cold (min ${e.monaco.min}, p95 ${e.monaco.p95})`, `${e.ratio}×`]));
  const b = floors.bigOutput;
  if (b) {
    const floor = `${b.uplot.median} ms = uPlot alone drawing the 1M points (min ${b.uplot.min}, p95 ${b.uplot.p95})`;
    lines.push(row(['Big output → Data tab rows', `${figures.big.toRows.median} ms`, floor, `${b.rowsRatio}×`]));
    lines.push(row(['Big output → Panel drawn', `${figures.big.toPanel.median} ms`, floor, `${b.panelRatio}×`]));
  }
  const c = floors.calibration;
  if (c) lines.push(row(['CPU calibration (fixed sort + hash; compare across machines)', '—', `Node ${c.nodeMs} ms, page ${c.pageMs} ms (median of ${c.repeats})`, '—']));
  console.log(`\n${lines.join('\n')}`);
}

/**
 * Attack suite, runaway code: loops, recursion, memory and answers too big to show.
 * Each is stopped (time limit, then the sandbox is killed) or refused with a message,
 * the page keeps answering while it happens, and the next run works.
 *
 * The longest main-thread task seen while these cases run is recorded, not asserted
 * (machines are noisy): it is printed, attached as an annotation and written to
 * test-results/attacks-longtask.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNextRunWorks, expectRunError, handlerWith, runHandler } from './attack-payloads';
import { labFile, openLab, replaceFile } from './helpers';

test.describe.configure({ mode: 'serial' });

const TIMEOUT = 'Stopped: time limit reached';
const THREW = 'The handler threw an error';
const OUTPUT = 'The handler returned something Grafana cannot read';
const frameOf = (values: string) => `return { responses: { A: { frames: [{ name: 'big', fields: [{ name: 'v', values: ${values} }] }] } } };`;

const CASES: { name: string; body: string; title: string; message: RegExp }[] = [
  { name: 'while (true) {}', body: 'while (true) {}', title: TIMEOUT, message: /did not finish within 1500 ms and was stopped/ },
  { name: 'for (;;);', body: 'for (;;);', title: TIMEOUT, message: /did not finish within 1500 ms/ },
  { name: 'an async loop', body: 'while (true) { await Promise.resolve(); }', title: TIMEOUT, message: /did not finish within 1500 ms/ },
  {
    name: 'setInterval spam that never returns',
    body: "for (let i = 0; i < 1000; i++) setInterval(() => { for (let j = 0; j < 1e5; j++); console.log('tick'); }, 0);\nawait new Promise(() => {});",
    title: TIMEOUT,
    message: /did not finish within 1500 ms/,
  },
  { name: 'deep recursion', body: 'const down = (n: number): number => down(n + 1) + 1;\ndown(0);', title: THREW, message: /RangeError: Maximum call stack size exceeded/ },
  { name: 'catastrophic-backtracking regex', body: "/^(a+)+$/.test('a'.repeat(40) + '!');", title: TIMEOUT, message: /did not finish within 1500 ms/ },
  { name: "'a'.repeat(2**29)", body: "const s = 'a'.repeat(2 ** 29); console.log(s.length);", title: THREW, message: /RangeError: Invalid string length/ },
  { name: 'an array that grows until memory runs out', body: 'const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(1e6).fill(hoard.length));', title: TIMEOUT, message: /did not finish within 1500 ms/ },
  { name: 'a never-resolving promise', body: 'await new Promise(() => {});', title: TIMEOUT, message: /did not finish within 1500 ms/ },
  { name: 'a 100 MB result', body: frameOf("['x'.repeat(100 * 1024 * 1024)]"), title: OUTPUT, message: /larger than 32 MB/ },
  { name: 'a result with 5 million values', body: frameOf('new Array(5e6).fill(null)'), title: OUTPUT, message: /more than 4,000,000 values/ },
  // Building 50 million values (and Grafana's copy of them) takes longer than the time limit.
  { name: 'a result with 50 million values', body: frameOf('new Array(5e7).fill(1)'), title: TIMEOUT, message: /did not finish within 1500 ms/ },
  { name: 'a circular object returned', body: `const o: any = { name: 'loop' }; o.self = o;\n${frameOf('[o]')}`, title: OUTPUT, message: /circular reference/ },
  { name: 'a very deep object returned', body: `let d: any = 0; for (let i = 0; i < 100000; i++) d = { d };\n${frameOf('[d]')}`, title: OUTPUT, message: /nested more than 64 levels deep/ },
  { name: 'a circular response object', body: "const r: any = { responses: {} }; r.responses.A = { frames: [], error: { category: 'internal', message: 'x' }, again: r };\nreturn r;", title: 'Last run: completed', message: /./ },
  { name: 'a function in the answer', body: frameOf('[() => 1]'), title: OUTPUT, message: /cannot be sent to the page/ },
  { name: 'a 20,000-character field name', body: "return { responses: { A: { frames: [{ fields: [{ name: 'n'.repeat(20000), values: [1] }] }] } } };", title: OUTPUT, message: /fields\.0\.name/ },
  { name: 'a thrown value whose properties throw', body: "throw new Proxy({}, { get() { throw new Error('gotcha'); }, getPrototypeOf() { throw new Error('gotcha'); }, has() { throw new Error('gotcha'); } });", title: THREW, message: /cannot be read/ },
  { name: 'a flood of 20,000 large log lines', body: "for (let i = 0; i < 20000; i++) console.log('y'.repeat(20000));", title: 'Last run: completed', message: /./ },
];

let page: Page;
const figures: { name: string; outcome: string; longestTaskMs: number; ms: number }[] = [];
let baseline: { longestTaskMs: number; ms: number } | undefined;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await openLab(page);
  await replaceFile(page, 'query.ts', labFile('solution', 'query.ts'));
  // One ordinary run first, so the first case's figure does not include loading the run engine.
  await runHandler(page, labFile('solution', 'handler.ts'));
});

test.afterAll(async () => {
  await page.close();
  const longest = Math.max(0, ...figures.map((f) => f.longestTaskMs));
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/attacks-longtask.json', JSON.stringify({ longestMainThreadTaskMs: longest, baselineNormalRun: baseline, cases: figures }, null, 2));
  console.log(`attacks-runaway: longest main-thread task while runaway cases ran: ${longest} ms (a normal run: ${baseline?.longestTaskMs ?? '?'} ms)`);
  for (const f of figures) console.log(`  ${f.name}: ${f.outcome} (longest task ${f.longestTaskMs} ms, case took ${f.ms} ms)`);
});

const now = () => page.evaluate(() => performance.now());
const longestSince = (since: number) =>
  page.evaluate((since) => {
    const tasks = (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks;
    return Math.round(Math.max(0, ...tasks.filter((t) => t.start + t.duration >= since).map((t) => t.duration)));
  }, since);

for (const c of CASES) {
  test(`${c.name}: ${c.title.startsWith('Last run') ? 'completes within the limits' : 'stopped or refused with a message'}, the page stays responsive`, async () => {
    const since = await now();
    const started = Date.now();
    await replaceFile(page, 'handler.ts', handlerWith(c.body));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // While it runs, the page answers: tabs switch and the editor takes focus.
    await page.getByRole('tab', { name: /^Logs/ }).click();
    await expect(page.getByRole('tab', { name: /^Logs/ })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: 'Panel' }).click();
    await expect(page.getByRole('tab', { name: 'Panel' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 60_000 });
    let shown: string;
    if (c.title.startsWith('Last run')) {
      await expect(page.getByText(/Last run: completed/)).toBeVisible();
      shown = 'completed';
    } else {
      shown = await expectRunError(page, c.title, c.message);
    }
    const longest = await longestSince(since);
    const ms = Date.now() - started;
    figures.push({ name: c.name, outcome: shown.slice(0, 300), longestTaskMs: longest, ms });
    test.info().annotations.push({ type: 'outcome', description: `${shown.slice(0, 300)} · longest main-thread task ${longest} ms` });
  });
}

test('log flood: at most 500 entries are kept, and the log says so', async () => {
  await runHandler(page, handlerWith("for (let i = 0; i < 5000; i++) console.log('line ' + i);"));
  await page.getByRole('tab', { name: 'Logs (501)' }).click();
  await expect(page.getByText(/Log limit reached \(500 entries/)).toBeVisible();
  await runHandler(page, handlerWith("for (let i = 0; i < 5000; i++) console.log('z'.repeat(9000));"));
  await page.getByRole('tab', { name: /^Logs \(2\d\)$/ }).click(); // 200,000 characters: about 22 lines of 9,000
  await expect(page.getByText(/Log limit reached/)).toBeVisible();
});

test('intervals left running by a finished run stop with it and do not log into the next run', async () => {
  await runHandler(page, handlerWith("for (let i = 0; i < 200; i++) setInterval(() => console.log('left behind'), 1);"));
  await runHandler(page, handlerWith('await new Promise((r) => setTimeout(r, 300));'));
  await expect(page.getByRole('tab', { name: 'Logs (0)' })).toBeVisible();
});

test('after every runaway case, a normal run still works', async () => {
  const since = await now();
  const started = Date.now();
  await expectNextRunWorks(page);
  // For comparison: the same figure for an ordinary run of the solution and its checks.
  const longest = await longestSince(since);
  baseline = { longestTaskMs: longest, ms: Date.now() - started };
  test.info().annotations.push({ type: 'baseline', description: `normal run + checks: longest main-thread task ${longest} ms` });
});

// A lab opened with an empty cache (figures 3 and 4b): code visible, editor ready, the first
// Run's result, the longest task during it and their total blocking time, and the JS the page fetched.
import { COLD_RUNS, LAB } from '../config.mjs';
import { EDITOR_MARKS, LONG_TASKS_INIT, longTasksIn, runButton, SHOWN_AT_INIT, shownAt, totalBlockingTime } from '../page-timing.mjs';
import { round, summarize } from '../stats.mjs';

/**
 * When the Run is over (Run enabled again), the results tab shows no loading note, and the
 * Panel has drawn its time series (a canvas in the results; the bench's lab draws one): the
 * page's clock, ms. Polled every 100 ms; it bounds a long-task window, it times nothing.
 * The canvas matters since the Panel's first width is set in a transition
 * (components/frames/grafana-theme.tsx): without it the window could close before the
 * Panel's drawing, and that work would go unmeasured.
 */
async function resultsDrawn(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('button[aria-keyshortcuts^="Control+Enter"]')?.disabled === false &&
      !document.querySelector('section[aria-label="Results"] [role="status"].animate-pulse') &&
      document.querySelector('section[aria-label="Results"] canvas') !== null,
    null,
    { polling: 100, timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

/** 3 + 4b. A lab opened with an empty cache: editor ready, first Run result; and the JS it fetched. */
export async function coldOpen(browser, base) {
  const codeVisible = [];
  const editor = [];
  const firstRun = [];
  const firstRunTask = [];
  const firstRunBlocking = [];
  let loaded = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } }); // empty cache every time
    const page = await context.newPage();
    const scripts = new Set();
    // Workers' scripts are not always typed 'script'; every .js the page fetched counts.
    page.on('request', (r) => new URL(r.url()).pathname.endsWith('.js') && scripts.add(new URL(r.url()).pathname));
    await page.addInitScript(SHOWN_AT_INIT, EDITOR_MARKS);
    await page.addInitScript(LONG_TASKS_INIT);
    await page.goto(`${base}${LAB}`, { waitUntil: 'commit' });
    // The code as text in the editor's frame (the page's HTML carries it), before any script.
    codeVisible.push(await shownAt(page, 'code'));
    editor.push(await shownAt(page, 'editor'));
    const clickedAt = await page.evaluate(() => performance.now());
    await runButton(page).click();
    firstRun.push(await shownAt(page, 'run'));
    // The first Run after opening, on the tab a learner sees (Panel), until its checks are
    // done and the Panel is drawn: the lab engine and its first sandboxes start during it,
    // and drawing the first record loads @grafana/ui unless the page preloaded it already.
    // (Until 2026-12-07 the window ended when the record's header showed, before either.)
    const drawnAt = await resultsDrawn(page);
    const tasks = await longTasksIn(page, clickedAt, drawnAt);
    firstRunTask.push(Math.max(0, ...tasks));
    firstRunBlocking.push(totalBlockingTime(tasks));
    await page.waitForTimeout(1500); // the lazy parts the learner meets next, for the weight figure
    loaded = [...scripts];
    await context.close();
  }
  return { codeVisible: summarize(codeVisible), editorReady: summarize(editor), firstRun: summarize(firstRun), firstRunLongestTask: summarize(firstRunTask), firstRunLongestMax: round(Math.max(...firstRunTask)), firstRunBlocking: summarize(firstRunBlocking), loaded };
}

// A million points in ten series (figure 5), on a warm page.
import { readFileSync } from 'node:fs';
import { BIG_RUNS, LAB, LAB_ID, READ_PAUSE_MS } from '../config.mjs';
import { editorBox, firstRun, LONG_TASKS_INIT, longestTaskIn, runUntilShown, seedProgress } from '../page-timing.mjs';
import { round, summarize } from '../stats.mjs';

/** 5. 1,000,000 points in 10 series: time to rows in the Data tab, to the drawn Panel, longest task. */
export async function bigOutput(browser, base) {
  const page = await browser.newPage();
  await page.addInitScript(LONG_TASKS_INIT);
  await page.goto(`${base}${LAB}`);
  const handler = readFileSync('scripts/bench/big-handler.ts.txt', 'utf8');
  // The query asks for nothing big until the warm-up Run is over (see `measure`).
  await seedProgress(page, { files: { 'handler.ts': handler }, queries: [{ refId: 'A', json: '{ "big": false }' }] }, LAB_ID);

  const setQuery = async (json) => {
    const queryText = page.getByLabel('Query A: query model (DataQuery.json)');
    if (!(await queryText.isVisible())) await page.getByRole('button', { name: 'Edit as JSON' }).click();
    await queryText.fill(json);
  };
  const measure = async (tab, shown) => {
    await page.reload();
    await editorBox(page).waitFor({ state: 'attached', timeout: 60_000 });
    // One untimed Run of a query that asks for nothing, so the timed one finds the lab
    // engine and its sandboxes started and no rows left from before: a fixed pause (1 s
    // until 2026-12-06) left a busy machine's start-up in the figure (6.1 s against about
    // 1 s warm, on a machine whose CPU calibration was twice a quiet one's).
    await setQuery('{ "big": false }'); // saved with the work, so a reload brings back the last one
    await firstRun(page, 120_000);
    await setQuery('{ "big": true }');
    await page.waitForTimeout(READ_PAUSE_MS); // as between warm Runs: the pool replaces the Run's sandbox meanwhile
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    const t0 = await page.evaluate(() => performance.now());
    const ms = await runUntilShown(page, shown);
    await page.waitForTimeout(500);
    const longest = await longestTaskIn(page, t0);
    return { ms, longest };
  };

  const rows = [];
  const panel = [];
  const tasks = [];
  let honoursMaxDataPoints = false;
  for (let i = 0; i < BIG_RUNS; i++) {
    // The second row: the first is the table's header.
    const r = await measure('Data', { selector: '[aria-label$=" rows"] [role="row"]', count: 2 });
    rows.push(r.ms);
    tasks.push(r.longest);
    const p = await measure('Panel', { selector: 'section[aria-label="Results"] canvas', frames: 2 });
    panel.push(p.ms);
    tasks.push(p.longest);
    honoursMaxDataPoints = await page.getByText(/drawn as \d+ \(maxDataPoints\)/).first().isVisible().catch(() => false);
  }
  await page.close();
  return { toRows: summarize(rows), toPanel: summarize(panel), longestTask: summarize(tasks), longestMax: round(Math.max(...tasks)), honoursMaxDataPoints };
}

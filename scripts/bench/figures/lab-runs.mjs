// Warm Runs of the Week 3 and Week 4 labs (figures 6 and 6b), each with its own solution.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATE_RUNS, READ_PAUSE_MS, WARMUP, WEEK3_RUNS } from '../config.mjs';
import { messagesPerRun, messagesSoFar, RUN_COUNTER_INIT } from '../floors.mjs';
import { firstRun, LONG_TASKS_INIT, longestTaskIn, openWithWork, runButton, solvedFiles, timedRun } from '../page-timing.mjs';
import { round, summarize } from '../stats.mjs';

/**
 * Warm Runs of each lab of `week` whose lab.json `kind` is one of `kinds`, with the lab's
 * own solution: Run pressed -> every check shown, and the longest main-thread task
 * during each timed Run. Throws if the solution does not pass every check (the figure
 * would not be a full Run).
 */
async function labRunsWarm(browser, base, { week, kinds, runs }) {
  const root = `labs/${week}`;
  const out = [];
  for (const folder of readdirSync(root).sort()) {
    const manifest = JSON.parse(readFileSync(join(root, folder, 'lab.json'), 'utf8'));
    if (!kinds.includes(manifest.kind ?? 'handler')) continue;
    const slug = folder.replace(/^\d+-/, '');
    const page = await browser.newPage();
    await page.addInitScript(LONG_TASKS_INIT);
    await page.addInitScript(RUN_COUNTER_INIT);
    await openWithWork(page, `${base}/labs/${week}/${slug}/`, { files: solvedFiles(join(root, folder)) }, `${week}/${slug}`);
    await runButton(page).waitFor({ timeout: 60_000 });
    const times = [];
    const tasks = [];
    /** Runs of the solution that did not pass every check (not timed). */
    const incomplete = [];
    const messages = [];
    let checks = 0;
    for (let i = 0; i < runs + WARMUP; i++) {
      if (i === 0) {
        await firstRun(page, 60_000);
        continue;
      }
      const messagesBefore = await messagesSoFar(page);
      const run = await timedRun(page);
      if (run.passed !== run.total) {
        // A correct solution that fails a check is a bug to report, not a figure: the Run is
        // left out of the timings, and what failed is printed and kept in the results.
        const items = await page.getByRole('listitem').allInnerTexts();
        const what = items.filter((t) => /^\s*[✗!]/.test(t)).map((t) => t.replace(/\s+/g, ' ').slice(0, 400));
        incomplete.push(`${run.passed} of ${run.total}: ${what.join(' | ') || run.text}`);
        console.error(`\n  ${week}/${slug}: the solution passed ${run.passed} of ${run.total} checks: ${what.join(' | ')}`);
        await page.waitForTimeout(READ_PAUSE_MS);
        continue;
      }
      checks = run.total;
      if (i >= WARMUP) {
        times.push(run.ms);
        tasks.push(await longestTaskIn(page, run.startedAt, run.endedAt));
        messages.push({ before: messagesBefore, after: await messagesSoFar(page) });
      }
      await page.waitForTimeout(READ_PAUSE_MS);
    }
    await page.close();
    out.push({ lab: `${week}/${slug}`, checks, ...summarize(times), longestTask: round(Math.max(0, ...tasks)), messages: messagesPerRun(messages), ...(incomplete.length ? { incomplete } : {}) });
  }
  return out;
}

/** 6. Each Week 3 lab (artifact kinds: parse + simulate in a Worker, then the checks), warm. */
export const week3Runs = (browser, base) => labRunsWarm(browser, base, { week: 'week-3', kinds: ['artifact'], runs: WEEK3_RUNS });

/**
 * 6b. Each Week 4 `operate` lab, warm: one Run serves the whole load profile in the
 * sandbox (a few hundred QueryData requests over ten virtual minutes, scrapes every 15
 * virtual seconds) plus the checks' own plans; Run pressed -> every check shown.
 */
export const operateRuns = (browser, base) => labRunsWarm(browser, base, { week: 'week-4', kinds: ['operate'], runs: OPERATE_RUNS });

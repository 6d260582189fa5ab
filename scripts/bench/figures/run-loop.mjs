// The warm run loop (figure 1) and memory over many Runs (figure 8), both on the first
// Week 2 lab with its solution saved.
import { LAB, LAB_DIR, LAB_ID, MEMORY_RUNS, READ_PAUSE_MS, RUNS, WARMUP } from '../config.mjs';
import { messagesPerRun, messagesSoFar, RUN_COUNTER_INIT, workerRoundTrip } from '../floors.mjs';
import { watchMemory } from '../memory.mjs';
import { editorBox, LONG_TASKS_INIT, longestTaskIn, openWithWork, solvedFiles, timedRun } from '../page-timing.mjs';
import { round, summarize } from '../stats.mjs';

/** Opens the first Week 2 lab in `page` with its solution saved, the Checks tab shown. */
async function openSolvedLab(page, base) {
  // solution/ holds only the files it changes; the rest are the starter's.
  await openWithWork(page, `${base}${LAB}`, { files: solvedFiles(LAB_DIR) }, LAB_ID);
  await editorBox(page).waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByRole('tab', { name: /^Checks/ }).click();
}

/** A Run of the lab's solution, timed; throws if a check failed (the figure would not be a full Run). */
async function solvedRun(page) {
  const run = await timedRun(page);
  if (run.passed !== run.total) throw new Error(`The solution passed ${run.passed} of ${run.total} checks; the figure would not be a full Run.`);
  return run;
}

/**
 * 1. Run pressed -> every check shown, the lab's solution, warm sandbox, and the page's
 * longest task during each Run. Also counts the sandbox runs each Run makes and, on the
 * same page afterwards, a round trip to a worker placed as a sandbox's is (in an
 * opaque-origin frame): the figure's floor (scripts/bench/floors.mjs); and, for
 * comparison, one to a worker of the page's own.
 */
export async function runLoopWarm(browser, base) {
  const page = await browser.newPage();
  await page.addInitScript(RUN_COUNTER_INIT);
  await page.addInitScript(LONG_TASKS_INIT);
  await openSolvedLab(page, base);
  const times = [];
  const tasks = [];
  const messages = [];
  let checks = 0;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const messagesBefore = await messagesSoFar(page);
    const run = await solvedRun(page);
    checks = run.total;
    if (i >= WARMUP) {
      times.push(run.ms); // the first runs warm the sandbox and the JIT
      tasks.push(await longestTaskIn(page, run.startedAt, run.endedAt));
      messages.push({ before: messagesBefore, after: await messagesSoFar(page) });
    }
    // A learner reads the results before pressing Run again; meanwhile the pool starts the
    // sandbox the next Run takes (each Run gets sandboxes no earlier Run used). Not timed.
    await page.waitForTimeout(READ_PAUSE_MS);
  }
  const roundTrip = await workerRoundTrip(page, 'frame');
  const sameProcess = await workerRoundTrip(page, 'page');
  await page.close();
  const perRun = messagesPerRun(messages);
  // Each sandbox run is handed over as one `run` message.
  return { figure: { ...summarize(times), checks, longestTask: summarize(tasks), longestMax: round(Math.max(...tasks)), messages: perRun }, runsPerRun: perRun.sent.run ?? 0, roundTrip, sameProcess };
}

/**
 * 8. Memory over many Runs (scripts/bench/memory.mjs): the first Week 2 lab's solution Run
 * MEMORY_RUNS times, read after 10 and after the last, each after a forced garbage
 * collection. The pause between Runs is shorter than a reader's (300 ms: a Run pressed
 * before the pool refilled starts the sandbox it needs itself), so 200 Runs take minutes.
 */
export async function memoryOverRuns(browser, base) {
  const page = await browser.newPage();
  const memory = await watchMemory(page);
  await openSolvedLab(page, base);
  let after10;
  for (let i = 1; i <= MEMORY_RUNS; i++) {
    await solvedRun(page);
    await page.waitForTimeout(300);
    if (i === 10) after10 = await memory.measure();
  }
  const last = await memory.measure();
  await page.close();
  // Growth of each side on its own as well: the editor's TypeScript worker alone holds most
  // of the workers' heap, and would hide a page that grew.
  const growth = (key) => round((last[key] / after10[key] - 1) * 100);
  return { runs: MEMORY_RUNS, after10, last, growth: growth('heapBytes'), pageGrowth: growth('pageHeapBytes'), workerGrowth: growth('workerHeapBytes') };
}

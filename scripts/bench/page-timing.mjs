// Helpers the bench scripts share to drive a lab page: its files as the learner would have
// them (saved in the page's storage), the page's long tasks, and a Run timed by the app's own figure. Used by scripts/bench.mjs and
// scripts/bench/run-trace.mjs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file under `dir`, path relative to it (dot-folders like .github included).
 * @returns {Record<string, string>} path -> UTF-8 text; {} when `dir` does not exist
 */
export function readTreeSync(dir, prefix = '') {
  if (!existsSync(dir)) return {};
  const out = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, readTreeSync(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return out;
}

/**
 * A lab's files with its solution shown: the starter's, with the solution's over them
 * (solution/ holds only what the solution changes).
 * @param {string} labDir e.g. `labs/week-2/01-first-query-path`
 * @returns {Record<string, string>} path -> UTF-8 text
 */
export function solvedFiles(labDir) {
  return { ...readTreeSync(join(labDir, 'starter')), ...readTreeSync(join(labDir, 'solution')) };
}

/** The lab page's code editor (the first, where a lab shows several). */
export const editorBox = (page) => page.getByRole('textbox', { name: /^Code editor: / }).first();
/** The lab page's Run button. */
export const runButton = (page) => page.getByRole('button', { name: 'Run', exact: true });

/** The progress store's key in localStorage (lib/progress). */
const PROGRESS_KEY = 'datasource-lab:progress';

/**
 * Saves files and queries for a lab in the page's storage, as if the learner had typed
 * them; the page reads them on its next load.
 * @param {import('@playwright/test').Page} page
 * @param {{ files: Record<string, string>, queries?: unknown[] }} work `queries` left out: the lab's default request
 * @param {string} labId e.g. `week-2/first-query-path`
 */
export async function seedProgress(page, { files, queries }, labId) {
  await page.evaluate(
    ([key, labId, files, queries]) => {
      const state = { version: 1, labs: { [labId]: { files, answers: {}, queries, updatedAt: new Date().toISOString() } } };
      localStorage.setItem(key, JSON.stringify({ state, version: 1 }));
    },
    [PROGRESS_KEY, labId, files, queries],
  );
}

/**
 * Opens a lab page with `work` saved for it, as a learner coming back to it would find it:
 * the page is loaded once to reach its storage, the work saved, and the page loaded again.
 * @param {import('@playwright/test').Page} page
 * @param {string} url the lab page
 * @param {{ files: Record<string, string>, queries?: unknown[] }} work as `seedProgress` takes it
 * @param {string} labId e.g. `week-2/first-query-path`
 */
export async function openWithWork(page, url, work, labId) {
  await page.goto(url);
  await seedProgress(page, work, labId);
  await page.reload();
}

/**
 * Presses Run with Playwright and waits until the Checks tab shows the Run's total: for
 * an untimed first Run (the Checks tab of an artifact or operate lab appears only once a
 * record exists, so it is clicked after Run). `timedRun` times the Runs after it.
 * @param {import('@playwright/test').Page} page
 * @param {number} timeoutMs for each step
 */
export async function firstRun(page, timeoutMs) {
  await runButton(page).click({ timeout: timeoutMs });
  await page.getByRole('tab', { name: /^Checks/ }).click({ timeout: timeoutMs });
  await page.getByTestId('run-total-ms').waitFor({ timeout: timeoutMs });
}

/** For `page.addInitScript`: collects the page's long tasks (start, duration in ms) in `window.__longTasks`. */
export const LONG_TASKS_INIT = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
};

/**
 * The durations of the page's long tasks (over 50 ms: the Long Tasks API reports no others)
 * that ran at some point in [fromMs, toMs] (the page's clock; a task that began before
 * `fromMs` counts: the click that starts a Run runs inside the task that clicked), as
 * LONG_TASKS_INIT collected them.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<number[]>} ms, in the order they ran
 */
export function longTasksIn(page, fromMs, toMs = Infinity) {
  return page.evaluate(
    ([from, to]) => window.__longTasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration),
    [fromMs, toMs === Infinity ? Number.MAX_VALUE : toMs],
  );
}

/**
 * The page's longest main-thread task in [fromMs, toMs] (see longTasksIn); 0 means none was over 50 ms.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<number>} ms
 */
export async function longestTaskIn(page, fromMs, toMs = Infinity) {
  return Math.max(0, ...(await longTasksIn(page, fromMs, toMs)));
}

/**
 * Total blocking time of a list of long tasks, as Lighthouse defines it: the sum of each
 * task's time beyond 50 ms (what input waited for, at worst). 0 when none was over 50 ms.
 * @param {number[]} durations ms
 * @returns {number} ms
 */
export function totalBlockingTime(durations) {
  return durations.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0);
}

/**
 * Presses Run inside the page and resolves once the app's own "Run and checks took N ms"
 * reappears. Watched with a MutationObserver rather than Playwright's polling:
 * polling runs on the page's main thread and was measured slowing the very runs it timed.
 * Rejects when the page has no Run button, or when no result appears within `timeoutMs`.
 * @param {import('@playwright/test').Page} page
 * @param {{ timeoutMs?: number }} [options] default 30 000 ms
 * @returns {Promise<{ ms: number, passed: number, total: number, text: string, startedAt: number, endedAt: number }>}
 *   `ms` is the app's figure in ms; `passed` / `total` the "N of M checks pass" counts (-1 / -2
 *   when absent); `text` the whole line the figure sits in; `startedAt` / `endedAt` the page's
 *   clock at the click and when the figure appeared (for `longestTaskIn`)
 */
export function timedRun(page, { timeoutMs = 30_000 } = {}) {
  return page.evaluate(
    (timeoutMs) =>
      new Promise((resolve, reject) => {
        const find = () => document.querySelector('[data-testid="run-total-ms"]');
        let gone = !find();
        let startedAt = 0;
        const observer = new MutationObserver(() => {
          const el = find();
          if (!el) gone = true;
          else if (gone) {
            observer.disconnect();
            const text = el.parentElement?.textContent ?? '';
            const passing = text.match(/(\d+) of (\d+) checks pass/);
            resolve({ ms: Number(el.textContent.match(/(\d+) ms/)[1]), passed: Number(passing?.[1] ?? -1), total: Number(passing?.[2] ?? -2), text, startedAt, endedAt: performance.now() });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        // The Run button is the one with Run's keyboard shortcut (components/session/run-button.tsx);
        // its text also holds its busy label, hidden, which keeps its width.
        const button = document.querySelector('button[aria-keyshortcuts]');
        if (!button || button.disabled) return reject(new Error('No Run button ready on the page.'));
        startedAt = performance.now();
        button.click();
        setTimeout(() => (observer.disconnect(), reject(new Error(`The run did not finish in ${timeoutMs / 1000} s.`))), timeoutMs);
      }),
    timeoutMs,
  );
}

/**
 * Presses Run inside the page and resolves when at least `count` elements match
 * `selector`, seen by a MutationObserver in the page (as `timedRun` does: Playwright's
 * polling was measured seeing the big output's rows ~350 ms after they were in the DOM,
 * while the page's thread was busy drawing them). With `frames`, also waits that many
 * animation frames after, so what was added has been painted.
 * Rejects when the page has no Run button, or nothing matches within `timeoutMs`.
 * @param {import('@playwright/test').Page} page
 * @param {{ selector: string, count?: number, frames?: number, timeoutMs?: number }} options count default 1, timeoutMs 60 000
 * @returns {Promise<number>} ms from the click to the match (and frames), on the page's clock
 */
export function runUntilShown(page, { selector, count = 1, frames = 0, timeoutMs = 60_000 }) {
  return page.evaluate(
    ({ selector, count, frames, timeoutMs }) =>
      new Promise((resolve, reject) => {
        let t0 = 0;
        const shown = () => document.querySelectorAll(selector).length >= count;
        const done = async () => {
          for (let i = 0; i < frames; i++) await new Promise((r) => requestAnimationFrame(r));
          resolve(performance.now() - t0);
        };
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          void done();
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const button = document.querySelector('button[aria-keyshortcuts]');
        if (!button || button.disabled) return reject(new Error('No Run button ready on the page.'));
        t0 = performance.now();
        button.click();
        setTimeout(() => (observer.disconnect(), reject(new Error(`Nothing matched ${selector} within ${timeoutMs / 1000} s.`))), timeoutMs);
      }),
    { selector, count, frames, timeoutMs },
  );
}

/**
 * For `page.addInitScript(SHOWN_AT_INIT, marks)`: records in `window.__shownAt[name]` the
 * page's clock (ms since navigation start) when, for the first time, every selector of
 * `marks[name]` matches (a CSS selector, or an XPath after `xpath=`). A MutationObserver in the page sees it when it happens; reading it
 * with Playwright's polling instead was measured lagging by hundreds of ms on a busy page.
 * @param {Record<string, string[]>} marks
 */
export const SHOWN_AT_INIT = (marks) => {
  window.__shownAt = {};
  const found = (s) =>
    s.startsWith('xpath=') ? !!document.evaluate(s.slice(6), document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue : !!document.querySelector(s);
  const check = () => {
    for (const [name, selectors] of Object.entries(marks)) {
      if (!(name in window.__shownAt) && selectors.every(found)) window.__shownAt[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
};

/**
 * Waits for a mark of SHOWN_AT_INIT and returns when it was reached.
 * @param {import('@playwright/test').Page} page
 * @param {string} name
 * @returns {Promise<number>} ms since the page's navigation start
 */
export async function shownAt(page, name, timeoutMs = 60_000) {
  try {
    const handle = await page.waitForFunction((name) => window.__shownAt?.[name], name, { timeout: timeoutMs });
    return await handle.jsonValue();
  } catch (err) {
    const seen = await page.evaluate(() => JSON.stringify(window.__shownAt ?? null)).catch(() => 'unknown');
    throw new Error(`The page did not reach "${name}" in ${timeoutMs / 1000} s (marks reached: ${seen}): ${err.message}`);
  }
}

/** SHOWN_AT_INIT marks of a lab page's cold open: the code as text, the editor ready, the first Run's result ("Last run: …" above the result tabs). */
export const EDITOR_MARKS = {
  code: ['.code-preview .code-preview-code, .monaco-editor .view-lines'],
  editor: ['.monaco-editor .view-lines', '[role="textbox"][aria-label^="Code editor: "]'],
  run: ['xpath=//*[starts-with(normalize-space(text()), "Last run: ")]'],
};

// Helpers the bench scripts share to drive a lab page: its files as the learner would have
// them, and a Run timed by the app's own figure. Used by scripts/bench.mjs and
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
 * Presses Run inside the page and resolves once the app's own "Run and checks took N ms"
 * reappears. Watched with a MutationObserver rather than Playwright's polling:
 * polling runs on the page's main thread and was measured slowing the very runs it timed.
 * Rejects when the page has no Run button, or when no result appears within `timeoutMs`.
 * @param {import('@playwright/test').Page} page
 * @param {{ timeoutMs?: number }} [options] default 30 000 ms
 * @returns {Promise<{ ms: number, passed: number, total: number, text: string }>} `ms` is the
 *   app's figure in ms; `passed` / `total` the "N of M checks pass" counts (-1 / -2 when absent);
 *   `text` the whole line the figure sits in
 */
export function timedRun(page, { timeoutMs = 30_000 } = {}) {
  return page.evaluate(
    (timeoutMs) =>
      new Promise((resolve, reject) => {
        const find = () => document.querySelector('[data-testid="run-total-ms"]');
        let gone = !find();
        const observer = new MutationObserver(() => {
          const el = find();
          if (!el) gone = true;
          else if (gone) {
            observer.disconnect();
            const text = el.parentElement?.textContent ?? '';
            const passing = text.match(/(\d+) of (\d+) checks pass/);
            resolve({ ms: Number(el.textContent.match(/(\d+) ms/)[1]), passed: Number(passing?.[1] ?? -1), total: Number(passing?.[2] ?? -2), text });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Run');
        if (!button) return reject(new Error('No Run button on the page.'));
        button.click();
        setTimeout(() => (observer.disconnect(), reject(new Error(`The run did not finish in ${timeoutMs / 1000} s.`))), timeoutMs);
      }),
    timeoutMs,
  );
}

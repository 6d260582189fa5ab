import { existsSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const LAB_URL = '/labs/week-2/first-query-path/';
export const LAB_DIR = 'labs/week-2/01-first-query-path';

/** A file of the first lab; solution/ holds only what the solution changes, so unchanged files come from starter/. */
export function labFile(kind: 'starter' | 'solution', path: string): string {
  const solved = `${LAB_DIR}/solution/${path}`;
  return readFileSync(kind === 'solution' && existsSync(solved) ? solved : `${LAB_DIR}/starter/${path}`, 'utf8');
}

/** Opens the lab with empty storage and waits until the editor takes input. */
export async function openLab(page: Page) {
  await page.goto(LAB_URL);
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
}

/** Like openLab, for any lab page, e.g. '/labs/week-1/query-lifecycle/'. */
export async function openLabAt(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
}

/**
 * Replaces a file's text the way a learner would: focus the editor, select all, paste.
 * (Typing multi-line code key by key would get Monaco's auto-indent and auto-closing
 * brackets on top, as it does for a person.)
 */
export async function replaceFile(page: Page, path: string, text: string) {
  await page.getByRole('tab', { name: path, exact: false }).first().click();
  const editor = page.getByRole('textbox', { name: `Code editor: ${path}` });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await editor.evaluate((textarea, content) => {
    const data = new DataTransfer();
    data.setData('text/plain', content);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Presses Run and waits until the run and its checks are done. */
export async function runAndWaitForChecks(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 90_000 });
}

/**
 * The Checks tab's summary, "N of M checks pass", as numbers. Specs assert on the
 * relation (all pass, some fail), not on a count, so adding a check to a lab does not
 * break its browser test; the unit conformance test owns the exact counts.
 */
export async function checksSummary(page: Page): Promise<{ passed: number; total: number }> {
  const summary = page.getByText(/^\d+ of \d+ checks pass$/).first();
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const [, passed, total] = (await summary.innerText()).match(/^(\d+) of (\d+)/)!;
  return { passed: Number(passed), total: Number(total) };
}

/** Waits until every check of the last Run passes ("M of M checks pass"). */
export async function expectAllChecksPass(page: Page, timeout = 30_000) {
  await expect(page.getByText(/^(\d+) of \1 checks pass$/).first()).toBeVisible({ timeout });
}

/** Asserts the last Run failed at least one check, and returns the summary. */
export async function expectSomeChecksFail(page: Page) {
  const summary = await checksSummary(page);
  expect(summary.passed, `${summary.passed} of ${summary.total} checks pass`).toBeLessThan(summary.total);
  return summary;
}

/**
 * An `operate` lab (Week 4, Capstone A) with its solution shown, Run pressed from the
 * keyboard (the button takes focus, Enter presses it), and the load profile served.
 * Resolves with the results area.
 */
export async function serveOperateSolution(page: Page, url: string) {
  await openLabAt(page, url);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(run).toBeEnabled({ timeout: 120_000 });
  const results = page.getByTestId('operate-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results).toContainText(/\d+ requests \(\d+ queries\) served/);
  return results;
}

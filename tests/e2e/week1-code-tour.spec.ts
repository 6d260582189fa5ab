import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectAllChecksPass, replaceFile, runAndWaitForChecks } from './helpers';

const TOUR_URL = '/labs/week-1/code-tour/';

async function openTour(page: Page) {
  await page.goto(TOUR_URL);
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
}

/** A line question's card, found by words of its prompt. */
function question(page: Page, prompt: RegExp) {
  return page.getByRole('region', { name: prompt });
}

/** Moves the cursor of the focused editor to `line` with arrow keys, as a keyboard user would. */
async function cursorToLine(page: Page, line: number) {
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
}

test('line questions: pick from the keyboard and by clicking a line number; verdicts and highlights show, and survive a reload', async ({ page }) => {
  await openTour(page);

  // Keyboard: start picking, the editor takes focus on handler.ts, move to the fetch call, press Enter.
  const upstream = question(page, /calls the upstream metrics API/);
  await upstream.getByRole('button', { name: 'Pick a line in handler.ts' }).focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: /^Code editor: handler\.ts \(read-only\), picking a line/ });
  await expect(editor).toBeFocused();
  await cursorToLine(page, 40);
  await expect(page.getByRole('button', { name: 'Use line 40 (cursor)' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(upstream.getByRole('status')).toContainText('✓ Right. You picked line 40; the answer is lines 39–42.');
  await expect(page.getByText('Right: you picked line 40 of handler.ts.')).toBeVisible();
  await expect(page.locator('.lab-line-answer').first()).toBeVisible();
  // Picking is over: Enter is no longer captured, and the editor is no longer in picking mode.
  await expect(page.getByRole('textbox', { name: 'Code editor: handler.ts (read-only)', exact: true })).toBeAttached();

  // The "Use line N (cursor)" button, and a wrong answer: it says so and shows where the answer is.
  const parsed = question(page, /In query\.ts, pick the line where that text is parsed/);
  await parsed.getByRole('button', { name: 'Pick a line in query.ts' }).click();
  await expect(page.getByRole('textbox', { name: /^Code editor: query\.ts/ })).toBeFocused();
  await cursorToLine(page, 36);
  await page.getByRole('button', { name: 'Use line 36 (cursor)' }).click();
  await expect(parsed.getByRole('status')).toContainText('✗ Not quite. You picked line 36; the answer is line 32.');
  await expect(page.locator('.lab-line-wrong')).toHaveCount(1);

  // Mouse: pick a line in the Go file by clicking its line number.
  const frame = question(page, /In handler\.go, pick the line where a data frame is built/);
  await frame.getByRole('button', { name: 'Pick a line in handler.go' }).click();
  await expect(page.getByRole('textbox', { name: /^Code editor: handler\.go/ })).toBeFocused();
  await cursorToLine(page, 163); // scrolls line 163 into view; moving the cursor does not pick
  await expect(frame.getByRole('status')).toHaveCount(0);
  // Picking mode (questions, bar, file tabs, editor) has no serious accessibility problems.
  const violations = (await new AxeBuilder({ page }).include('section[aria-labelledby="questions-heading"]').include('#code-tour-bar').include('main div:has(> [role="tablist"][aria-label="Lab files"])').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.locator('.margin-view-overlays .line-numbers', { hasText: /^163$/ }).click();
  await expect(frame.getByRole('status')).toContainText('✓ Right. You picked line 163');

  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
  await expect(question(page, /calls the upstream metrics API/).getByRole('status')).toContainText('✓ Right. You picked line 40');
  await expect(question(page, /In query\.ts, pick the line/).getByRole('status')).toContainText('✗ Not quite. You picked line 36');
  await expect(question(page, /a data frame is built/).getByRole('status')).toContainText('✓ Right. You picked line 163');
  // "Show the answer" opens the file with the accepted lines highlighted.
  await question(page, /a data frame is built/).getByRole('button', { name: 'Show the answer in handler.go' }).click();
  await expect(page.getByRole('tab', { name: /handler\.go/, selected: true })).toBeVisible();
  await expect(page.locator('.lab-line-answer').first()).toBeVisible();
});

test('the tour files open read-only without error underlines, and fixing errors.ts turns the checks green', async ({ page }) => {
  await openTour(page);
  for (const file of ['handler.ts', 'query.ts', 'query-editor.tsx']) {
    await page.getByRole('tab', { name: new RegExp(`^${file.replace('.', '\\.')}`) }).click();
    await expect(page.getByRole('textbox', { name: `Code editor: ${file} (read-only)` })).toBeAttached();
    // Give the TypeScript worker time to report, then expect nothing underlined.
    await page.waitForTimeout(3000);
    await expect(page.locator('.squiggly-error')).toHaveCount(0);
  }
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expect(page.getByText("category 'rate_limit' for HTTP 429")).toBeVisible();

  await replaceFile(page, 'errors.ts', readFileSync('labs/week-1/04-code-tour/solution/errors.ts', 'utf8'));
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
});

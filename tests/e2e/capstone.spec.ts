/**
 * The capstone in the browser: the plan ends with it after Week 4, offering capstones
 * A and B; B opens from the keyboard, its solution runs and passes
 * every check, and the pictures (the replayed events and the fleet during the rollback
 * drill) are shown and reachable with the keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAllChecksPass } from './helpers';

test.setTimeout(150_000);

/** Presses Tab until `target` has focus (a bounded number of times), as a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the plan ends with the capstone; B opens, runs its solution, passes every check and shows its pictures, by keyboard', async ({ page }) => {
  await page.goto('/');
  const steps = page.getByRole('region', { name: 'The four-week plan' }).getByRole('list').first().locator(':scope > li');
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(3).getByRole('heading', { name: /Week 4/ })).toBeVisible();
  const capstone = steps.last().getByRole('article', { name: /Capstone/ });
  await expect(capstone).toBeVisible();
  // A is built too (tests/e2e/capstone-a.spec.ts opens it): a link, and nothing "coming".
  await expect(capstone.getByText('Coming: not built yet')).toHaveCount(0);
  await expect(capstone.getByRole('link', { name: /A\. From toy data source to operable data source/ })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuetext', /capstone not done yet/);

  const open = capstone.getByRole('link', { name: /B\. A CI\/CD design that prevents bad releases/ });
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/labs\/capstone\/release-design\/$/);
  await expect(page.getByRole('link', { name: /Capstone B/i })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
  // The design document previews under the editor.
  await expect(page.getByRole('region', { name: 'Preview of DESIGN.md' })).toBeVisible();

  // Show the solution and Run it, from the keyboard.
  await page.getByRole('button', { name: 'Show solution' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Show the solution?' });
  await dialog.getByRole('button', { name: 'Show solution' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Preview of DESIGN.md' })).toContainText('Rollout and rollback');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(run).toBeEnabled({ timeout: 90_000 });
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('release-verdict')).toContainText('rolled back');

  // The replayed events: the Week 3 matrix; a cell opens its runs with Enter.
  await expect(page.getByRole('table', { name: 'Simulated pipeline: commits by events' })).toBeVisible();
  const stable = page.getByTestId('cell-stable-tag-push_tag');
  await expect(stable).toHaveAttribute('data-status', 'released');
  await stable.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-details')).toContainText('published v1.4.0');

  // Tabs move with the arrow keys: End is Checks, every one passes.
  const tabs = page.getByRole('tablist', { name: 'Release design results' });
  await tabs.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Checks' })).toHaveAttribute('aria-selected', 'true');
  await expectAllChecksPass(page);

  // The fleet during the rollback drill.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Rollback drill' })).toBeFocused();
  const fleet = page.getByTestId('fleet-timeline');
  await expect(fleet.getByRole('img', { name: /Rollback drill .*20 instances over 180 minutes/ })).toBeVisible();
  await expect(page.getByTestId('drill-outcome')).toContainText('1 of 20 instances served the bug');
  await expect(page.getByTestId('drill-model')).toContainText('Simulated: 20 Grafana instances');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});

/**
 * Capstone A in the browser: the plan's capstone step links it; it opens from the
 * keyboard; the starter is the Week 2 data source and fails; Show solution, Run from
 * the keyboard, and the load is served: the Operations tab draws the learner's own
 * dashboard.json through Grafana panels and each alert's timeline against the
 * incidents; the result tabs move with the arrow keys; every check of every stage passes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAllChecksPass, expectSomeChecksFail } from './helpers';

const URL = /\/labs\/capstone\/operable-datasource\/$/;

test.setTimeout(240_000);

/** Presses Tab until `target` has focus (a bounded number of times), as a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('A opens from the plan; its starter fails; its solution serves the load, draws the dashboard and alerts, and passes every stage', async ({ page }) => {
  await page.goto('/');
  const capstone = page.getByRole('region', { name: 'The four-week plan' }).getByRole('article', { name: /Capstone/ });
  const open = capstone.getByRole('link', { name: /A\. From toy data source to operable data source/ });
  await expect(open).toBeVisible();
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(URL);
  await expect(page.getByRole('link', { name: /Capstone A/i })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
  // The stages are the README's numbered tasks.
  await expect(page.getByText('Stage 1: a timeout per query type.').first()).toBeVisible();

  // The starter (the Week 2 data source) runs and fails.
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(run).toBeEnabled({ timeout: 150_000 });
  const results = page.getByTestId('operate-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await results.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expectSomeChecksFail(page);

  // Show the solution and Run it, from the keyboard.
  await page.getByRole('button', { name: 'Show solution' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Show the solution?' });
  await dialog.getByRole('button', { name: 'Show solution' }).focus();
  await page.keyboard.press('Enter');
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(run).toBeEnabled({ timeout: 150_000 });
  await expect(results).toContainText(/\d+ requests \(\d+ queries\) served/, { timeout: 30_000 });

  // Operations: the learner's dashboard.json through Grafana panels, then the alerts' timelines.
  const tabs = results.getByRole('tablist');
  await results.getByRole('tab', { name: 'Load', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(results.getByRole('tab', { name: 'Operations', exact: true })).toHaveAttribute('aria-selected', 'true');
  const ops = page.getByTestId('operations-view');
  await expect(ops.getByRole('figure', { name: /^Errors per second, by class: \d+ series/ })).toBeVisible();
  await expect(ops.locator('canvas').first()).toBeAttached();
  await expect(ops.getByRole('table', { name: /Alerts over the run/ })).toContainText('DataSourceQueriesTimingOut');
  await expect(ops.getByRole('table', { name: /Alerts over the run/ })).toContainText('firing');
  await expect(tabs).toBeVisible();

  // Grafana's own legend labels (@grafana/ui VizLegend) carry aria-label "All series selected"
  // beside the series name they show: its markup, not ours, so it is left out of the scan.
  const axe = await new AxeBuilder({ page }).include('[data-testid="operations-view"]').exclude('[class*="LegendLabel"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await results.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expectAllChecksPass(page, 90_000);
  await expect(page.getByText(/Stage 4 · Replayed over a calm baseline, no alert fires/)).toBeVisible();
});

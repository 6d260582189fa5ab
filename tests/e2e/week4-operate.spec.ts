/**
 * Week 4, lab 3 in the browser (the `operate` kind): Show solution, Run from the
 * keyboard, and the load profile is served: the Load tab draws upstream calls over
 * virtual time in a Grafana panel, with and without the guardrails, and lists the
 * incidents; the result tabs are reachable with the arrow keys; the Metrics tab shows
 * what the learner's registry exposed; every check passes.
 */
import { expect, test } from '@playwright/test';
import { expectAllChecksPass, serveOperateSolution } from './helpers';

const URL = '/labs/week-4/cache-and-retries/';

test.setTimeout(180_000);

test('Show solution, Run: the load picture, the incidents, the metrics, and every check passing', async ({ page }) => {
  const results = await serveOperateSolution(page, URL);

  // The picture: a Grafana TimeSeries panel, described in words for a screen reader.
  const picture = page.getByTestId('load-picture');
  await expect(picture).toHaveAccessibleName(/^Upstream calls per second over .* one call per query would have sent/);
  await expect(picture.locator('canvas').first()).toBeAttached();
  await expect(picture).toContainText('One call per query: no cache, no retries');
  await expect(picture.getByRole('table')).toContainText('429 with Retry-After');
  await expect(picture.getByRole('table')).toContainText('upstream 5xx');

  // Keyboard: from the selected tab, the arrow keys move between the result tabs.
  await results.getByRole('tab', { name: 'Load', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(results.getByRole('tab', { name: 'Dashboards', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(results.getByRole('table')).toContainText('capacity-review');
  await page.keyboard.press('ArrowRight');
  await expect(results.getByRole('tab', { name: 'Upstream', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(results.getByRole('table')).toContainText('503');
  await page.keyboard.press('ArrowRight');
  await expect(results.getByRole('tab', { name: 'Metrics', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(results.getByRole('table', { name: 'Your metrics at the last scrape' })).toContainText('datasource_upstream_requests_total');

  await results.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expectAllChecksPass(page, 60_000);
});

/**
 * Week 4, lab 1 in the browser (the `operate` kind): Show solution, Run from the
 * keyboard, and the load profile is served; the RED tab draws the learner's own metrics
 * as Grafana TimeSeries panels, each fed by PromQL over the scrapes and showing its
 * query, with the learner's counters beside the host's record under them; the Metrics tab lists the series the registry exposed; every check passes.
 */
import { expect, test } from '@playwright/test';
import { expectAllChecksPass, serveOperateSolution } from './helpers';

const URL = '/labs/week-4/red-metrics/';

test.setTimeout(180_000);

test('Show solution, Run: the RED dashboard of your own metrics, its queries, and every check passing', async ({ page }) => {
  const results = await serveOperateSolution(page, URL);

  // Keyboard: from Load, the right arrow reaches the RED tab.
  await results.getByRole('tab', { name: 'Load', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  const redTab = results.getByRole('tab', { name: 'RED', exact: true });
  await expect(redTab).toHaveAttribute('aria-selected', 'true');

  const dashboard = page.getByTestId('red-dashboard');
  await expect(dashboard).toBeVisible();
  // Each panel is a real Grafana panel drawn from a PromQL query, and shows that query.
  for (const id of ['rate', 'queries', 'errors', 'latency', 'upstream', 'cache']) {
    const panel = page.getByTestId(`red-panel-${id}`);
    await expect(panel.locator('canvas').first()).toBeAttached();
    await expect(panel).toHaveAccessibleName(/\d+ series/);
  }
  await expect(page.getByTestId('red-panel-rate')).toContainText('sum by (endpoint) (rate(datasource_requests_total[1m]))');
  await expect(page.getByTestId('red-panel-errors')).toContainText('increase(datasource_query_errors_total[1m])');
  await expect(page.getByTestId('red-panel-latency')).toContainText('histogram_quantile(0.99, sum by (le) (rate(datasource_request_duration_seconds_bucket[1m])))');
  await expect(page.getByTestId('red-panel-errors')).toHaveAccessibleName(/upstream/);
  // Under the panels, the learner's counters beside the host's own counts: none missing with the solution.
  const comparison = dashboard.getByRole('table', { name: /Your metrics against the host’s record/ });
  await expect(comparison).toContainText('queries, query_type="instant"');
  await expect(comparison).not.toContainText('missing');

  await results.getByRole('tab', { name: 'Metrics', exact: true }).click();
  await expect(results.getByRole('table', { name: 'Your metrics at the last scrape' })).toContainText('datasource_request_duration_seconds');

  await results.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expectAllChecksPass(page, 90_000);
});

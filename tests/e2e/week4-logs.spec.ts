/**
 * Week 4, lab 2 in the browser ("Logs that an operator can follow", the `operate` kind):
 * Show solution, Run from the keyboard, and the load profile is served. The Log stream
 * tab lists the requests with the correlation id their lines carried; picking one shows
 * its lines and its upstream calls with their traceparent; typing the id filters the
 * stream down to that request. Every check passes.
 */
import { expect, test } from '@playwright/test';
import { expectAllChecksPass, serveOperateSolution } from './helpers';

const URL = '/labs/week-4/logs-you-can-follow/';

test.setTimeout(180_000);

test('Show solution, Run: the log stream by correlation id next to its request, and every check passing', async ({ page }) => {
  const results = await serveOperateSolution(page, URL);

  await results.getByRole('tab', { name: 'Log stream', exact: true }).click();
  const stream = page.getByTestId('log-stream');
  await expect(stream).toContainText(/\d+ correlation ids? in \d+ lines?/);

  // Pick a request that failed: its error line and its calls, each with a well-formed traceparent.
  const requests = stream.getByRole('table', { name: 'Requests Grafana sent, with the correlation id their lines carried' });
  const failed = requests.getByRole('row').filter({ hasText: 'failed' }).first();
  await failed.getByRole('button').click();
  await expect(failed.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  const detail = stream.getByRole('region', { name: /^Request \d+$/ });
  await expect(detail.getByRole('table', { name: /^Log lines/ })).toContainText('query failed');
  const traceId = (await detail.locator('code').first().textContent())?.trim() ?? '';
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  await expect(detail.getByRole('table', { name: /^Upstream calls/ })).toContainText(`00-${traceId}-`);

  // Filter the stream by the first digits of that id: only its request is left.
  await stream.getByLabel('Correlation id').fill(traceId.slice(0, 12));
  await expect(stream.getByRole('status')).toHaveText('1 id matches, in 1 request');
  await expect(requests.getByRole('row')).toHaveCount(2);
  await expect(requests).toContainText(`${traceId.slice(0, 8)}…`);

  await results.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expectAllChecksPass(page, 60_000);
});

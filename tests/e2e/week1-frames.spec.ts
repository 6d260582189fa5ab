import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectAllChecksPass, expectSomeChecksFail, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const LAB = '/labs/week-1/frames-from-upstream/';
const DIR = 'labs/week-1/03-frames-from-upstream';
const solution = (path: string) => readFileSync(`${DIR}/solution/${path}`, 'utf8');

/** The data-plane check shown under one frame in the Data tab. */
const contractOf = (page: Page, key: string) => page.getByRole('group', { name: `Data-plane check of frame ${key}` });

async function setQuery(page: Page, json: object) {
  await page.getByRole('textbox', { name: 'Query A: query model (DataQuery.json)' }).fill(JSON.stringify(json));
}

test('the starter’s frames: the Data tab names the type they resemble and what breaks the contract, in plain words', async ({ page }) => {
  await openLabAt(page, LAB);
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Data' }).click();

  const check = contractOf(page, 'A-0');
  await expect(check).toContainText('Data-plane check: timeseries-multi · read from the frame’s shape: meta.type is not set');
  const problems = check.getByRole('list', { name: 'Data-plane problems of frame A-0' });
  await expect(problems.getByRole('listitem').filter({ hasText: /^⚠Error: field 'value' has type number but holds text at row 0 \("[\d.]+"\)/ })).toHaveCount(1);
  await expect(problems.getByRole('listitem').filter({ hasText: /looks like it holds seconds/ })).toHaveCount(1);
  await expect(problems.getByRole('listitem').filter({ hasText: /^⚠Warning: meta.type is not set/ })).toHaveCount(1);

  // The list is readable by assistive technology, severity included.
  const axe = await new AxeBuilder({ page }).include('[role="tabpanel"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('a handler that forgets to sort: the out-of-order scenario shows the unsorted rows; the solution follows the contract', async ({ page }) => {
  await openLabAt(page, LAB);
  const unsorted = solution('frames.ts').replace('.sort((a, b) => a[0] - b[0]);', ';');
  expect(unsorted).not.toBe(solution('frames.ts'));
  await replaceFile(page, 'frames.ts', unsorted);
  await page.getByLabel('Upstream scenario').selectOption({ label: 'Out-of-order samples' });
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Data' }).click();
  // The upstream shuffles every second series: web-2's frame is A-1.
  await expect(contractOf(page, 'A-1')).toContainText(/Error: time field 'Time' is not sorted: row \d+ \(\d{4}-\d\d-\d\d [\d:]+Z\) is earlier than row \d+/);
  await expect(contractOf(page, 'A-0')).toContainText('follows the contract');
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectSomeChecksFail(page);

  await replaceFile(page, 'frames.ts', solution('frames.ts'));
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
  await page.getByRole('tab', { name: 'Data' }).click();
  for (const key of ['A-0', 'A-1', 'A-2']) {
    await expect(contractOf(page, key)).toHaveText('Data-plane check: timeseries-multi · declared in meta.type · follows the contract');
  }

  // The same data as one long frame, then as one wide frame.
  await setQuery(page, { metric: 'http_requests_per_second', format: 'long' });
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(contractOf(page, 'A-0')).toHaveText('Data-plane check: timeseries-long · declared in meta.type · follows the contract');
  await expect(page.getByRole('table', { name: 'Frame A-0 fields' })).toContainText('route');

  await setQuery(page, { metric: 'http_requests_per_second', format: 'wide' });
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(contractOf(page, 'A-0')).toHaveText('Data-plane check: timeseries-wide · declared in meta.type · follows the contract');
  await expect(page.getByRole('table', { name: 'Frame A-0 fields' })).toContainText('Requests web-3 /api/users');
});

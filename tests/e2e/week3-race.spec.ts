/**
 * Week 3, lab 2 in the browser: Run shows the counter's race report with both accesses,
 * the model's output labelled simulated next to the real go -race output labelled
 * recorded; a schedule can be picked; fixing both programs (typed into the editor, or
 * through Show solution) passes every check; a syntax error is an error at its line.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const URL = '/labs/week-3/race-detector/';
const DIR = 'labs/week-3/02-race-detector';

test.setTimeout(120_000);

test('the starter: a race report with both stacks, next to the recorded real run; a schedule can be picked', async ({ page }) => {
  await openLabAt(page, URL);
  await runAndWaitForChecks(page);
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('simulated-note')).toContainText('Simulated: Go does not run in the browser');

  const report = page.getByTestId('race-report');
  await expect(report.getByRole('heading', { name: /WARNING: DATA RACE on counter/ })).toBeVisible();
  await expect(report.getByText(/^A: (read|write)$/)).toBeVisible();
  await expect(report.getByText(/^B: previous (read|write)$/)).toBeVisible();

  await expect(page.getByTestId('simulated-output').getByRole('heading')).toContainText('Simulated by the model');
  const recorded = page.getByTestId('recorded-output');
  await expect(recorded.getByRole('heading')).toContainText('Recorded from a real run · go1.19.8 linux/amd64');
  await expect(recorded.getByLabel(/^Recorded terminal/)).toContainText('WARNING: DATA RACE');
  await expect(page.getByRole('img', { name: /Timeline of the goroutines/ })).toBeVisible();

  await page.getByRole('button', { name: /^seed 2: data race reported$/ }).click();
  await expect(page.getByText(/^Showing seed 2 \(picked\)\.$/)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('tab', { name: 'Programs', exact: true }).click();
  await expect(page.getByTestId('overview-lock-order.go')).toContainText('hung until killed');

  await page.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expect(page.getByText('5 of 8 checks pass')).toBeVisible({ timeout: 30_000 });
});

test('fixing both programs in the editor passes every check', async ({ page }) => {
  await openLabAt(page, URL);
  await replaceFile(page, 'counter.go', readFileSync(`${DIR}/solution/counter.go`, 'utf8'));
  await replaceFile(page, 'map-range.go', readFileSync(`${DIR}/alternative/map-range.go`, 'utf8'));
  await runAndWaitForChecks(page);
  await expect(page.getByText(/^The detector reported a data race in 1 of 8 programs/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expect(page.getByText('8 of 8 checks pass')).toBeVisible({ timeout: 30_000 });
});

test('Show solution, then Run: every check passes', async ({ page }) => {
  await openLabAt(page, URL);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: /solution/ }).getByRole('button', { name: 'Show solution' }).click();
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks', exact: true }).click();
  await expect(page.getByText('8 of 8 checks pass')).toBeVisible({ timeout: 30_000 });
});

test('a syntax error is an error at its line; nothing crashes and the text is kept', async ({ page }) => {
  await openLabAt(page, URL);
  const broken = readFileSync(`${DIR}/starter/counter.go`, 'utf8').replace('counter++', 'counter++ +');
  await replaceFile(page, 'counter.go', broken);
  await runAndWaitForChecks(page);
  const errors = page.getByTestId('parse-errors');
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors).toContainText(/counter\.go:17:\d+/);
  await expect(page.getByRole('textbox', { name: 'Code editor: counter.go' })).toBeAttached();
  await expect(page.locator('.view-lines')).toContainText('counter++ +');
});

/**
 * Week 3, lab 1 in the browser: the naive starter releases defects and fails checks,
 * the solution passes every check, and a workflow with bad indentation gives an error
 * naming its line without crashing or losing the text.
 *
 * Needs the artifact kind wired into lib/kinds/registry.ts and components/kinds/registry.tsx.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAllChecksPass, expectSomeChecksFail, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const URL = '/labs/week-3/pipeline-quality-gate/';
const DIR = 'labs/week-3/01-pipeline-quality-gate';
const WORKFLOW = '.github/workflows/ci.yml';

test.setTimeout(120_000);

test('the starter releases a defect and fails checks', async ({ page }) => {
  await openLabAt(page, URL);
  await runAndWaitForChecks(page);
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results.getByText(/defective commit × event cells released/)).toBeVisible();
  // The data race passes plain `go test` and is released on its tag.
  const raceTag = page.getByTestId('cell-data-race-push_tag');
  await expect(raceTag).toHaveAttribute('data-status', 'released');
  await raceTag.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-details')).toContainText('released');
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectSomeChecksFail(page);
});

test('the solution passes every check', async ({ page }) => {
  await openLabAt(page, URL);
  await replaceFile(page, WORKFLOW, readFileSync(`${DIR}/solution/${WORKFLOW}`, 'utf8'));
  await runAndWaitForChecks(page);
  await expect(page.getByText('No defective commit was released.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
});

test('bad indentation is an error at its line; nothing crashes and the text is kept', async ({ page }) => {
  await openLabAt(page, URL);
  const broken = readFileSync(`${DIR}/solution/${WORKFLOW}`, 'utf8').replace('    runs-on: ubuntu-latest\n    steps:', '    runs-on: ubuntu-latest\n   steps:');
  await replaceFile(page, WORKFLOW, broken);
  await runAndWaitForChecks(page);
  const errors = page.getByTestId('parse-errors');
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors).toContainText(/ci\.yml:\d+:\d+/);
  await expect(page.getByRole('textbox', { name: `Code editor: ${WORKFLOW}` })).toBeAttached();
  await expect(page.locator('.view-lines')).toContainText('steps:');
});

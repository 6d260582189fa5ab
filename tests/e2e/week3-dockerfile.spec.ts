/**
 * Week 3, lab 3 in the browser: Run on the starter shows the layer picture and findings
 * at their lines and fails checks; the solution, loaded with "Show solution", passes
 * every check and reuses the module layer after a code change; an unknown instruction is
 * an error at its line, marked in the editor, and nothing crashes or is lost.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const URL = '/labs/week-3/multi-stage-dockerfile/';
const DIR = 'labs/week-3/03-multi-stage-dockerfile';
const CHECKS = 9;

test.setTimeout(120_000);

test('the starter: a picture of its layers, findings at their lines, failing checks', async ({ page }) => {
  await openLabAt(page, URL);
  await runAndWaitForChecks(page);
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('simulated-note')).toContainText('no Docker engine runs');
  await expect(results.getByText(/\d+ findings in the modelled image/)).toBeVisible();

  // The single stage is the final image; its COPY . . layer holds the repository's secrets.
  const final = page.getByTestId('final-stage');
  await expect(final).toBeVisible();
  const copyAll = final.getByTestId('layer-4');
  await expect(copyAll).toContainText('COPY . .');
  await expect(copyAll).toContainText('secret /app/.env is in this layer');
  await copyAll.getByText('COPY . .').first().click();
  await expect(copyAll.getByRole('table', { name: 'Biggest files of the layer from line 4' })).toBeVisible();

  await page.getByRole('tab', { name: /^Findings/ }).click();
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('Dockerfile:2 base image not pinned');
  await expect(findings).toContainText('runs as root');

  await page.getByRole('tab', { name: 'Checks' }).click();
  await expect(page.getByText(new RegExp(`^\\d+ of ${CHECKS} checks pass$`))).toBeVisible();
  await expect(page.getByText(`${CHECKS} of ${CHECKS} checks pass`)).toHaveCount(0);
});

test('Show solution, Run: every check passes and a code change reuses the module layer', async ({ page }) => {
  await openLabAt(page, URL);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  await expect(page.locator('.view-lines')).toContainText('AS build');
  await runAndWaitForChecks(page);
  await expect(page.getByText('No findings in the modelled image')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('final-stage')).toContainText('Final image');

  // Keyboard: from the selected tab, the arrow keys move between result tabs.
  await page.getByRole('tab', { name: 'Layers' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('image-config')).toContainText('uid 10001');
  await expect(page.getByTestId('image-config')).toContainText('approximate');
  await page.keyboard.press('ArrowRight');
  const cache = page.getByTestId('cache-table');
  await expect(cache).toContainText('pkg/plugin/query.go');
  await expect(cache.getByRole('row', { name: /RUN go mod download/ })).toContainText('CACHED');

  await page.getByRole('tab', { name: 'Checks' }).click();
  await expect(page.getByText(`${CHECKS} of ${CHECKS} checks pass`)).toBeVisible({ timeout: 30_000 });
});

test('an unknown instruction is an error at its line in the editor and the results; the text is kept', async ({ page }) => {
  await openLabAt(page, URL);
  const starter = readFileSync(`${DIR}/starter/Dockerfile`, 'utf8');
  await replaceFile(page, 'Dockerfile', starter.replace('WORKDIR /app', 'WORKDIRR /app'));
  await runAndWaitForChecks(page);
  const errors = page.getByTestId('parse-errors');
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors).toContainText('Dockerfile:3:1');
  await expect(errors).toContainText('did you mean WORKDIR');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByRole('textbox', { name: 'Code editor: Dockerfile' })).toBeAttached();
  await expect(page.locator('.view-lines')).toContainText('WORKDIRR /app');
  // No image, so no result tabs: the grade's one message stands under the errors.
  await expect(page.getByText('The checks could not run')).toBeVisible();
});

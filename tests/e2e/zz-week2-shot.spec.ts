import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { openLabAt, replaceFile, runAndWaitForChecks } from './helpers';
test('shot', async ({ page }) => {
  await openLabAt(page, '/labs/week-2/health-check/');
  await page.getByRole('combobox', { name: /Upstream scenario/ }).selectOption({ label: 'Key rejected' });
  await replaceFile(page, 'health.ts', readFileSync('labs/week-2/03-health-check/solution/health.ts', 'utf8'));
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: /^Panel/ }).click();
  await page.getByRole('status', { name: /Health check/ }).waitFor();
  await page.getByRole('region', { name: 'Results' }).screenshot({ path: '/tmp/week2-health.png' });
  await openLabAt(page, '/labs/week-2/readme-snippet/');
  await page.getByRole('region', { name: /Preview of/ }).screenshot({ path: '/tmp/week2-preview.png' });
});

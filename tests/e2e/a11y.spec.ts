import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, runAndWaitForChecks } from './helpers';

async function seriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('home page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  expect(await seriousViolations(page)).toEqual([]);
});

test('contract page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/contract/');
  expect(await seriousViolations(page)).toEqual([]);
});

test('lab page has no serious accessibility violations, before and after a run', async ({ page }) => {
  await openLab(page);
  expect(await seriousViolations(page)).toEqual([]);
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

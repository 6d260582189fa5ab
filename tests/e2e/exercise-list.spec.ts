import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const KEY = 'datasource-lab:progress';
const AT = '2026-12-01T10:00:00.000Z';

const item = (page: Page, title: RegExp) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });

test('the exercise list says, in words, which exercises are not started, in progress or passed', async ({ page }) => {
  const progress = {
    version: 2,
    labs: {},
    exercises: {
      'lru-ttl-cache': { files: { 'cache.ts': '// mine' }, lastResult: { at: AT, passed: 8, total: 8 } },
      'connection-pool': { files: { 'pool.ts': '// started' } },
      'middleware-chain': { files: {}, lastResult: { at: AT, passed: 5, total: 5, source: 'import' } },
      'slow-queries': { files: {}, diagnosis: { choice: 'a', correct: true, at: AT } },
      'no-data': { files: {}, diagnosis: { choice: 'x', correct: false, at: AT } },
    },
    fieldTimes: { exercises: AT },
  };
  await page.goto('/');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify({ state: progress, version: 2 })]);
  await page.goto('/exercises/');

  await expect(item(page, /^Cache query results/)).toContainText('Status: Passed');
  await expect(item(page, /^A connection pool/)).toContainText('Status: In progress');
  // A backup's "5 of 5" is its word, not a pass here.
  await expect(item(page, /^Compose middleware/)).toContainText('Status: In progress');
  await expect(item(page, /^Compose middleware/)).toContainText('(last result as saved, not re-run)');
  await expect(item(page, /^Retry with backoff/)).toContainText('Status: Not started');
  await expect(item(page, /^Troubleshoot: the dashboard got slow/)).toContainText('Status: Passed');
  await expect(item(page, /^Troubleshoot: the panel says/)).toContainText('Status: In progress');
  await expect(item(page, /^Troubleshoot: memory/)).toContainText('Status: Not started');

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('a week page shows its exercises with the same status as the exercise list', async ({ page }) => {
  const progress = {
    version: 2,
    labs: {},
    exercises: { 'no-data': { files: {}, diagnosis: { choice: 'x', correct: false, at: AT } } },
    fieldTimes: { exercises: AT },
  };
  await page.goto('/weeks/4/');
  await expect(item(page, /^Troubleshoot: the panel says/)).toContainText('Status: Not started');

  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify({ state: progress, version: 2 })]);
  await page.reload();
  await expect(item(page, /^Troubleshoot: the panel says/)).toContainText('Status: In progress');
  await page.goto('/exercises/');
  await expect(item(page, /^Troubleshoot: the panel says/)).toContainText('Status: In progress');
});

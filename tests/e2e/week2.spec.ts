/**
 * Week 2 labs in the browser: a key that leaks is reported without being shown, a
 * hanging upstream ends in a timeout error within the lab's bound, Save & test looks
 * like Grafana's, and learner Markdown previews without running anything.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAllChecksPass, expectSomeChecksFail, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const KEY = 'lab-metrics-key-7f3a9c21';
const solution = (lab: string, path: string) => readFileSync(`labs/week-2/${lab}/solution/${path}`, 'utf8');

/** The page as a person (or a screen reader, or a copy-paste) can get at it: the DOM without script payloads. */
async function visibleDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('script, template').forEach((el) => el.remove());
    return `${body.outerHTML}\n${document.body.innerText}`;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function pickScenario(page: Page, label: string) {
  await page.getByRole('combobox', { name: /Upstream scenario/ }).selectOption({ label });
}

test('a handler that logs the API key fails the secret check, and the key is nowhere on the page', async ({ page }) => {
  await openLabAt(page, '/labs/week-2/config-and-secret/');
  await replaceFile(page, 'settings.ts', solution('02-config-and-secret', 'settings.ts'));
  const leaky = solution('02-config-and-secret', 'handler.ts').replace(
    "ctx.logger.debug('calling the metrics API', { refId: query.refId, url });",
    "ctx.logger.info('calling the metrics API', { refId: query.refId, url, key: settings.apiKey });",
  );
  expect(leaky).toContain('key: settings.apiKey');
  await replaceFile(page, 'handler.ts', leaky);
  await runAndWaitForChecks(page);

  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expectSomeChecksFail(page);
  await expect(page.getByText(/the API key appeared in log line 1 \(info\)/).first()).toBeVisible();

  // Every results tab, opened, with every upstream request expanded: no key anywhere.
  for (const tab of [/^Panel/, /^Data/, /^JSON/, /^Upstream/, /^Logs/, /^Checks/]) {
    await page.getByRole('tab', { name: tab }).click();
    if (String(tab).includes('Upstream')) {
      // The Upstream view loads on demand: wait for it before expanding its requests.
      await page.getByRole('tabpanel').locator('summary').first().waitFor();
      for (const summary of await page.locator('summary').all()) await summary.click();
      await expect(page.getByText('Bearer ••••').first()).toBeVisible();
    }
    if (String(tab).includes('Logs')) await expect(page.getByText('"••••"').first()).toBeVisible();
    expect(await visibleDom(page), `the key in the ${tab} tab`).not.toContain(KEY);
  }
});

test('against a hanging upstream the guardrails solution answers with a timeout error within its bound', async ({ page }) => {
  await openLabAt(page, '/labs/week-2/guardrails/');
  await replaceFile(page, 'limits.ts', solution('04-guardrails', 'limits.ts'));
  await replaceFile(page, 'handler.ts', solution('04-guardrails', 'handler.ts'));
  await pickScenario(page, 'Hangs');
  await runAndWaitForChecks(page);

  const status = await page.getByText(/^Last run: completed in \d+ ms/).textContent();
  const ms = Number(/completed in (\d+) ms/.exec(status ?? '')?.[1]);
  // The handler's own 1 s timeout, not the run's 3 s limit, ended it (with room for a busy machine).
  expect(ms).toBeLessThan(3000);
  await page.getByRole('tab', { name: /^Panel/ }).click();
  await expect(page.getByText('Query A returned an error')).toBeVisible();
  await expect(page.getByText(/did not answer within 1000 ms/).first()).toBeVisible();

  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expectAllChecksPass(page);
});

test('Save & test shows a Grafana alert: green when all is well, red with the reason when the key is refused', async ({ page }) => {
  await openLabAt(page, '/labs/week-2/health-check/');
  await replaceFile(page, 'health.ts', solution('03-health-check', 'health.ts'));
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: /^Panel/ }).click();
  const passed = page.getByRole('status', { name: 'Health check passed' });
  await expect(passed.getByText(/Connected to the metrics API at https:\/\/eu\.prometheus\.lab\.test/)).toBeVisible();
  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expectAllChecksPass(page);

  await pickScenario(page, 'Key rejected');
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: /^Panel/ }).click();
  await expect(page.getByRole('status', { name: 'Health check failed' }).getByText(/rejected the API key/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the README snippet previews learner Markdown without running it, passes its checks, and keeps the self-review ticks', async ({ page }) => {
  await openLabAt(page, '/labs/week-2/readme-snippet/');
  const attack = '\n\n<img src="x" onerror="window.__xss = 1">\n\n<script>window.__xss = 2</script>\n\n[click me](javascript:window.__xss=3)\n';
  await replaceFile(page, 'README-snippet.md', solution('05-readme-snippet', 'README-snippet.md') + attack);

  const preview = page.getByRole('region', { name: 'Preview of README-snippet.md' });
  await expect(preview.getByRole('heading', { name: 'The query model' })).toBeVisible();
  await expect(preview.getByText('<script>window.__xss = 2</script>')).toBeVisible(); // shown as text
  await expect(preview.locator('img, script, [onerror]')).toHaveCount(0);
  await preview.getByText('click me').click(); // plain text now, not a link
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expectAllChecksPass(page);

  const item = page.getByRole('checkbox', { name: /set it up from your "Running it" section alone/ });
  expect(await seriousViolations(page)).toEqual([]);
  await item.check();
  await expect(page.getByText(/1 of 5 ticked/)).toBeVisible();
  await page.waitForTimeout(1500); // saving is debounced
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /set it up from your "Running it" section alone/ })).toBeChecked({ timeout: 30_000 });
});

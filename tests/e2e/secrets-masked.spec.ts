/**
 * Secrets are masked once, for every results tab: a handler that leaks the API key
 * base64-encoded into a log line and as is into a frame label and a frame name shows
 * •••• in the Panel, Data, JSON, Upstream, Logs and Lifecycle tabs (and in what the
 * JSON tab's Copy puts on the clipboard), while the Checks tab still reports the leak.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const KEY = 'lab-metrics-key-7f3a9c21';
const KEY_BASE64 = Buffer.from(KEY).toString('base64');
const solution = (path: string) => readFileSync(`labs/week-2/02-config-and-secret/solution/${path}`, 'utf8');

/** The lab's solution, changed to leak the key in three places. */
function leakyHandler(): string {
  const edits: [string, string][] = [
    [
      "ctx.logger.debug('calling the metrics API', { refId: query.refId, url });",
      "ctx.logger.info('calling the metrics API with token ' + btoa(settings.apiKey), { refId: query.refId, token: btoa(settings.apiKey) });",
    ],
    ['series.map((s) => toFrame(parsed.query, s, query.refId))', 'series.map((s) => toFrame(parsed.query, s, query.refId, settings.apiKey))'],
    ['function toFrame(query: MetricQuery, series: MatrixSeries, refId: string): DataFrame {', 'function toFrame(query: MetricQuery, series: MatrixSeries, refId: string, key: string): DataFrame {'],
    ['    name: query.metric,', '    name: `${query.metric} ${key}`,'],
    ['values: series.values.map(([, v]) => Number(v)), labels }', 'values: series.values.map(([, v]) => Number(v)), labels: { ...labels, key } }'],
  ];
  let code = solution('handler.ts');
  for (const [from, to] of edits) {
    expect(code, `the solution still has: ${from}`).toContain(from);
    code = code.replace(from, to);
  }
  return code;
}

/** Everything a person can read or copy from the page: its DOM and text, without script payloads. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('script, template').forEach((el) => el.remove());
    return `${body.outerHTML}\n${document.body.innerText}`;
  });
}

test('a key leaked into a log line (base64), a frame label and a frame name is masked in every tab, and the secret check still reports it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLabAt(page, '/labs/week-2/config-and-secret/');
  await replaceFile(page, 'settings.ts', solution('settings.ts'));
  await replaceFile(page, 'handler.ts', leakyHandler());
  await runAndWaitForChecks(page);
  await expect(page.getByText(/^Last run: completed/)).toBeVisible();

  const tabpanel = page.getByRole('tabpanel');
  const expectNoKey = async (where: string) => {
    const text = await pageText(page);
    expect(text, `the key in the ${where} tab`).not.toContain(KEY);
    expect(text, `the base64 key in the ${where} tab`).not.toContain(KEY_BASE64.slice(0, 24));
  };

  await page.getByRole('tab', { name: /^Panel/ }).click();
  // The legend names the series by its labels; the leaked label value shows as ••••.
  await expect(tabpanel.getByText(/••••/).first()).toBeVisible();
  await expectNoKey('Panel');

  await page.getByRole('tab', { name: /^Data/ }).click();
  await expect(tabpanel.getByText('“cpu_usage_percent ••••”').first()).toBeVisible();
  await expect(tabpanel.getByText(/key="••••"/).first()).toBeVisible();
  await expectNoKey('Data');

  await page.getByRole('tab', { name: /^JSON/ }).click();
  await expect(tabpanel.getByLabel('Query response JSON')).toContainText('"name": "cpu_usage_percent ••••"');
  await expectNoKey('JSON');
  await tabpanel.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(tabpanel.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('"key": "••••"');
  expect(copied).not.toContain(KEY);

  await page.getByRole('tab', { name: /^Upstream/ }).click();
  await tabpanel.locator('summary').first().waitFor();
  for (const summary of await tabpanel.locator('summary').all()) await summary.click();
  await expect(tabpanel.getByText('Bearer ••••').first()).toBeVisible();
  await expectNoKey('Upstream');

  await page.getByRole('tab', { name: /^Logs/ }).click();
  await expect(tabpanel.getByText('calling the metrics API with token ••••').first()).toBeVisible();
  await expectNoKey('Logs');

  await page.getByRole('tab', { name: /^Lifecycle/ }).click();
  await tabpanel.getByRole('list', { name: 'Lifecycle stages' }).waitFor();
  for (const summary of await tabpanel.locator('summary').all()) await summary.click();
  await expect(tabpanel.getByText(/cpu_usage_percent ••••/).first()).toBeVisible();
  await expectNoKey('Lifecycle');

  // The check looks at what the handler emitted, before masking: it still finds the leaks.
  await page.getByRole('tab', { name: /^Checks/ }).click();
  await expect(tabpanel.getByText(/the API key appeared/).first()).toBeVisible();
  await expectNoKey('Checks');
});

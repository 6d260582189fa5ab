import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLabAt, runAndWaitForChecks } from './helpers';

const LAB = '/labs/week-1/query-lifecycle/';
const LAB_TITLE = 'The query lifecycle: from editor to panel';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

function stage(page: Page, title: RegExp) {
  return page
    .getByRole('list', { name: 'Lifecycle stages' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: title }) });
}

test('the query editor form writes the query model, and the Lifecycle tab follows it through every stage', async ({ page }) => {
  await openLabAt(page, LAB);
  const form = page.getByRole('group', { name: 'Query A editor' });
  await expect(form).toBeVisible();
  // Every control of the form is named, the info buttons beside the labels too.
  await expect(form.getByRole('button', { name: /^About Metric: / })).toBeVisible();
  const unnamed = await form.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('button, input, [tabindex]:not([tabindex="-1"])')]
      .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.id && el.ownerDocument.querySelector(`label[for="${e.id}"]`)) || e.textContent?.trim()))
      .map((e) => e.outerHTML.slice(0, 100)),
  );
  expect(unnamed).toEqual([]);

  // A Grafana Combobox, driven from the keyboard: type to filter, Enter to pick.
  const metric = form.getByRole('combobox', { name: 'Metric' });
  await metric.click();
  await metric.fill('queue');
  // As a person does: wait for the filtered option to show, then take it with Enter.
  await expect(page.getByRole('option', { name: /^queue_depth/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await form.getByRole('textbox', { name: 'Legend' }).fill('Orders waiting');
  await form.getByRole('spinbutton', { name: 'Step (s)' }).fill('300');

  const model = page.getByLabel('Saved as the query model (DataQuery.json):');
  await expect(model).toContainText('"metric": "queue_depth"');
  await expect(model).toContainText('"legend": "Orders waiting"');
  await expect(model).toContainText('"step": 300');

  // The same text, raw and editable.
  await page.getByRole('button', { name: 'Edit as JSON' }).click();
  const raw = page.getByRole('textbox', { name: /Query A: query model/ });
  await expect(raw).toHaveValue(/"step": 300/);
  await page.getByRole('button', { name: 'Edit as JSON' }).click();
  await expect(form).toBeVisible();

  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Lifecycle' }).click();
  const headings = page.getByRole('list', { name: 'Lifecycle stages' }).getByRole('heading', { level: 3 });
  await expect(headings).toHaveText([/^1\. Query editor/, /^2\. Query model/, /^3\. QueryData request/, /^4\. Upstream request/, /^5\. Upstream response/, /^6\. Frames returned/, /^7\. What the panel drew/]);

  // The changed query is what the request carried.
  const queryModel = stage(page, /Query model/);
  await expect(queryModel).toContainText('A: {"metric":"queue_depth","legend":"Orders waiting","step":300}');
  await queryModel.getByText(/^What crossed/).click();
  await expect(queryModel.getByText(/"legend": "Orders waiting"/)).toBeVisible();

  // Opened from the keyboard. The starter still asks for step 60: it ignores the model's step (task 3).
  const upstream = stage(page, /Upstream request/);
  await upstream.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(upstream.getByText('query = queue_depth')).toBeVisible();
  await expect(upstream.getByText('step = 60')).toBeVisible();
  await expect(upstream.getByText('Authorization: Bearer ••••')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lifecycle stages' })).not.toContainText('lab-metrics-key');

  await expect(stage(page, /Frames returned/)).toContainText('1 frame for A (1)');
  await expect(stage(page, /What the panel drew/)).toContainText('Time series: 1 series, 61 points drawn');
  // The form, the trace and its opened stages hold up to an accessibility scan.
  expect(await seriousViolations(page)).toEqual([]);
});

test('week pages list their labs in order, lead to them, and lead on to the next week', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'The data source contract' }).click();
  await expect(page).toHaveURL(/\/weeks\/1\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /The data source contract/ })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Week 1 progress' })).toBeVisible();
  const labs = page.getByRole('region', { name: 'Labs, in order' }).getByRole('heading', { level: 3 });
  await expect(labs.first()).toHaveText(`1. ${LAB_TITLE}`);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: LAB_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`${LAB}$`));
  await expect(page.getByRole('heading', { level: 1, name: LAB_TITLE })).toBeVisible();
  await page.getByRole('link', { name: 'Week 1', exact: true }).click();
  await expect(page).toHaveURL(/\/weeks\/1\/$/);

  await page.getByRole('link', { name: /^Next: Week 2/ }).click();
  await expect(page).toHaveURL(/\/weeks\/2\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /A minimal plugin/ })).toBeVisible();
});

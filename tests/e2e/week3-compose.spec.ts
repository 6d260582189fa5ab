/**
 * Week 3, lab 4 in the browser: Run on the starter says what is simulated, draws the
 * stack's timeline with the API's failed probes, and fails checks; the solution, loaded
 * with "Show solution", brings the stack up, Save & test is OK and every check passes,
 * and the payoff: Week 2 code (the course's reference in a fresh browser; the learner's
 * own once they saved Week 2 work) answers Save & test and draws the dashboard's panel in
 * Grafana's panel; a key the Compose schema refuses is an error at its line, marked in
 * the editor, and nothing crashes or is lost.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checksSummary, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const URL = '/labs/week-3/compose-stack/';
const DIR = 'labs/week-3/04-compose-stack';

test.setTimeout(120_000);

test('the starter: what is simulated, a timeline of the stack, failing checks', async ({ page }) => {
  await openLabAt(page, URL);
  await runAndWaitForChecks(page);
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('simulated-note')).toContainText('No container runs');
  await expect(page.getByTestId('simulated-note')).toContainText('Compose specification JSON schema');
  await expect(results.getByText('The stack did not come up')).toBeVisible();

  const timeline = page.getByTestId('stack-timeline');
  await expect(timeline.getByRole('img', { name: /Timeline of the services/ })).toBeVisible();
  await expect(timeline.getByRole('list', { name: 'What the timeline shows' })).toContainText('metrics-api: started at');
  await expect(timeline).toContainText('unhealthy at');

  await page.getByRole('tab', { name: 'Services' }).click();
  const services = page.getByTestId('compose-services');
  await expect(services).toContainText('executable file not found');
  await expect(services).toContainText('Compose\'s short syntax is HOST:CONTAINER');

  await page.getByRole('tab', { name: 'Checks' }).click();
  const { passed, total } = await checksSummary(page);
  expect(passed).toBeLessThan(total);
});

test('Show solution, Run: the stack comes up, Save & test is OK, every check passes', async ({ page }) => {
  await openLabAt(page, URL);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  // The solution's depends_on lies below the editor's fold (Monaco renders only the lines in view);
  // every check passing below is what proves the solution was loaded.
  await runAndWaitForChecks(page);
  await expect(page.getByText('The stack is up', { exact: true })).toBeVisible({ timeout: 30_000 });

  // Keyboard: from the selected tab, the arrow keys move between result tabs.
  await page.getByRole('tab', { name: 'Timeline' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Grafana' })).toHaveAttribute('aria-selected', 'true');
  const grafana = page.getByTestId('compose-grafana');
  await expect(grafana.getByTestId('save-and-test')).toContainText('OK: Connected to the metrics API at https://metrics-api:9443');
  await expect(grafana).toContainText('https://metrics-api:9443');
  await expect(grafana).toContainText('from an environment variable');
  await expect(grafana).not.toContainText('lab-metrics-key-7f3a9c21');
  await expect(grafana).toContainText('CPU usage: query cpu_usage_percent');

  // The payoff: Week 2 code answers Grafana. A fresh browser has no saved Week 2 work, so the reference runs, and says so.
  await page.getByRole('tab', { name: 'Your Week 2 code' }).click();
  const payoff = page.getByTestId('week2-payoff');
  await expect(payoff.getByTestId('week2-source').first()).toContainText("the course's reference");
  await expect(payoff.getByRole('status', { name: 'Health check passed' })).toContainText('Connected to the metrics API at https://metrics-api:9443', { timeout: 30_000 });
  await expect(payoff.getByTestId('week2-panel').first()).toContainText('CPU usage');
  await expect(payoff.locator('.uplot canvas').first()).toBeVisible({ timeout: 30_000 });
  await expect(payoff).not.toContainText('lab-metrics-key-7f3a9c21');

  await page.getByRole('tab', { name: 'Checks' }).click();
  const { passed, total } = await checksSummary(page);
  expect(passed).toBe(total);
});

test("the payoff runs the learner's own saved Week 2 health check, and says whose code ran", async ({ page }) => {
  // Saved Week 2 work: the reference health check with a message of the learner's own.
  const health = readFileSync('labs/week-2/03-health-check/solution/health.ts', 'utf8').replace('The API key is accepted.', 'My own health check says the key works.');
  await openLabAt(page, '/labs/week-2/health-check/');
  await replaceFile(page, 'health.ts', health);
  await openLabAt(page, URL);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  await runAndWaitForChecks(page);
  await expect(page.getByText('The stack is up', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Your Week 2 code' }).click();
  const payoff = page.getByTestId('week2-payoff');
  await expect(payoff.getByTestId('week2-source').first()).toContainText('your Week 2 code');
  await expect(payoff.getByRole('status', { name: 'Health check passed' })).toContainText('My own health check says the key works.', { timeout: 30_000 });
});

test('a key the Compose schema refuses is an error at its line in the editor and the results; the text is kept', async ({ page }) => {
  await openLabAt(page, URL);
  const starter = readFileSync(`${DIR}/starter/docker-compose.yml`, 'utf8');
  const line = starter.split('\n').findIndex((l) => l.includes('healthcheck:')) + 1;
  await replaceFile(page, 'docker-compose.yml', starter.replace('    healthcheck:', '    health_check:'));
  await runAndWaitForChecks(page);
  const errors = page.getByTestId('parse-errors');
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors).toContainText(`docker-compose.yml:${line}:1`);
  await expect(errors).toContainText('"health_check" is not a key the Compose specification allows here');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.locator('.view-lines')).toContainText('health_check:');
  await expect(page.getByText('The checks could not run')).toBeVisible();
});

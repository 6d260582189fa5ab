/**
 * Week 4, lab 4 in the browser: Run on the starter draws the pods of each scenario over
 * time (restarts named, in words too), shows that ROLLBACK.md has no command yet, and
 * fails checks; the solution, loaded with "Show solution", passes every check, and its
 * rollback ran; a manifest that is not YAML is an error at its line, marked in the
 * editor, and nothing crashes or is lost.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAllChecksPass, expectSomeChecksFail, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';

const URL = '/labs/week-4/kubernetes-rollout/';
const DIR = 'labs/week-4/04-kubernetes-rollout';

test.setTimeout(120_000);

test('the starter: pods over time per scenario, restarts named, no rollback commands, failing checks', async ({ page }) => {
  await openLabAt(page, URL);
  await runAndWaitForChecks(page);
  const results = page.getByTestId('artifact-results');
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('simulated-note')).toContainText('no cluster runs');

  // The first scenario: the broken release rolls out (no readiness probe in the starter).
  await expect(page.getByRole('img', { name: /^Timeline of \d+ pods in “1\. A release that crashes/ })).toBeVisible();
  await expect(page.getByTestId('scenario-facts')).toContainText('Kubernetes behaviour');

  // The outage: the starter's liveness probe calls the upstream, so pods are restarted.
  await page.getByLabel('Scenario', { exact: true }).selectOption('upstream-outage');
  const timeline = page.getByTestId('pod-timeline');
  await expect(timeline.getByRole('img', { name: /3\. The upstream goes down/ })).toBeVisible();
  await timeline.getByText('Each pod in words').click();
  await expect(timeline.getByRole('list', { name: 'Pods in words' })).toContainText('liveness restart');
  await expect(timeline.getByRole('list', { name: 'Pods in words' })).toContainText('GET /api/health');

  await page.getByRole('tab', { name: 'Rollback', exact: true }).click();
  await expect(page.getByTestId('plan-steps')).toContainText('no kubectl command');

  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectSomeChecksFail(page);
});

test('Show solution, Run: every check passes, the rollback ran, the key comes from a Secret', async ({ page }) => {
  await openLabAt(page, URL);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  await runAndWaitForChecks(page);
  await expect(page.getByTestId('artifact-results')).toBeVisible({ timeout: 30_000 });

  // Keyboard: from the selected tab, the arrow keys move between result tabs.
  await page.getByRole('tab', { name: 'Scenarios' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Rollback', exact: true })).toHaveAttribute('aria-selected', 'true');
  const plan = page.getByTestId('plan-steps');
  await expect(plan).toContainText('kubectl rollout undo deployment/lab-upstream-backend');
  await expect(plan).toContainText('rolled back');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('config-panel')).toContainText('Secret lab-upstream-backend-secrets');
  await expect(page.getByTestId('config-panel')).not.toContainText('lab-key-4f9c1e7a2b');

  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
});

test('a manifest that is not YAML is an error at its line in the editor and the results; the text is kept', async ({ page }) => {
  await openLabAt(page, URL);
  const starter = readFileSync(`${DIR}/starter/deploy/service.yaml`, 'utf8');
  await replaceFile(page, 'deploy/service.yaml', starter.replace('  selector:', '  selector: [app'));
  await runAndWaitForChecks(page);
  const errors = page.getByTestId('parse-errors');
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors).toContainText('deploy/service.yaml:');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.locator('.view-lines')).toContainText('selector: [app');
  await expect(page.getByText('The checks could not run')).toBeVisible();
});

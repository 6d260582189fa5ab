/**
 * The "No data" incident simulation as a learner meets it: from the Week 4 page to
 * their own seeded incident, hop by hop, a wrong diagnosis that the checks reject, the
 * right one that they accept, and all of it still there after a reload. The learner
 * seed is fixed before the page loads, so the test knows which incident it gets
 * (the model is deterministic: content/exercises/no-data/incident.ts).
 */
import { expect, test } from '@playwright/test';
import { incidentSeed } from '../../lib/exercises/incident';
import { CAUSE_CHOICES, HOP_CHOICES, factsOf, noDataIncident } from '../../content/exercises/no-data/incident';

const LEARNER_SEED = 'e2e-no-data-learner-0001';
const seed = incidentSeed(LEARNER_SEED, 'no-data');
const incident = noDataIncident.draw(seed);
const rightHop = HOP_CHOICES.find((h) => h.id === incident.answer.hop)!;
const rightCause = CAUSE_CHOICES.find((c) => c.id === incident.answer.cause)!;
// A wrong answer: another hop, and a cause that is not this incident's.
const wrongHop = HOP_CHOICES.find((h) => h.id !== rightHop.id)!;
const wrongCause = CAUSE_CHOICES.find((c) => c.id !== rightCause.id && c.cause !== factsOf(seed).cause)!;

test.beforeEach(async ({ page }) => {
  await page.addInitScript((value) => {
    if (!localStorage.getItem('datasource-lab:learner-seed')) localStorage.setItem('datasource-lab:learner-seed', value);
  }, LEARNER_SEED);
});

test('week 4 leads to the simulation; the learner chases the incident hop by hop and the checks grade the diagnosis', async ({ page }) => {
  await page.goto('/weeks/4/');
  const onWeekPage = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Troubleshoot: the panel says "No data"' }) });
  await expect(onWeekPage).toContainText('Status: Not started');
  await page.getByRole('link', { name: 'Troubleshoot: the panel says "No data"' }).click();
  await expect(page).toHaveURL(/\/exercises\/no-data\/$/);
  await expect(page.getByRole('heading', { level: 2, name: /No data/ })).toBeVisible({ timeout: 60_000 });

  // The report of this learner's incident, then every hop in path order.
  await expect(page.getByText(incident.report)).toBeVisible({ timeout: 30_000 });
  for (const hop of incident.hops) {
    await page.getByRole('tab', { name: hop.title }).click();
    await expect(page.getByRole('tabpanel').getByText(hop.evidence[0].label, { exact: true })).toBeVisible();
  }

  // A wrong diagnosis fails both checks, with messages that do not give the answer away.
  const diagnosis = page.getByRole('form', { name: 'Your diagnosis' });
  await diagnosis.getByRole('radio', { name: wrongHop.text }).check();
  await diagnosis.getByRole('radio', { name: wrongCause.text }).check();
  await diagnosis.getByRole('button', { name: 'Check diagnosis' }).click();
  await expect(diagnosis.getByText('0 of 2 checks pass')).toBeVisible({ timeout: 30_000 });
  await expect(diagnosis.getByRole('list', { name: 'Check results' })).not.toContainText(rightCause.text);

  // The right one passes.
  await diagnosis.getByRole('radio', { name: rightHop.text }).check();
  await diagnosis.getByRole('radio', { name: rightCause.text }).check();
  await diagnosis.getByRole('button', { name: 'Check diagnosis' }).click();
  await expect(diagnosis.getByText('2 of 2 checks pass')).toBeVisible({ timeout: 30_000 });

  // Notes and a question answer are saved with the diagnosis and survive a reload.
  await page.getByRole('textbox', { name: /Your notes/ }).fill('upstream: looked at the status code first');
  await page.reload();
  await expect(page.getByText('✓ Your saved diagnosis names the right hop and cause.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('form', { name: 'Your diagnosis' }).getByRole('radio', { name: rightHop.text })).toBeChecked();
  await expect(page.getByRole('textbox', { name: /Your notes/ })).toHaveValue('upstream: looked at the status code first');

  // Back on the Week 4 page: diagnosed, but the Week 4 questions are still open.
  await page.goto('/weeks/4/');
  await expect(onWeekPage).toContainText('Status: In progress');
});

test('the Week 4 questions sit under the diagnosis and say whether an answer is right', async ({ page }) => {
  await page.goto('/exercises/no-data/');
  const questions = page.getByRole('region', { name: 'Check your understanding' });
  await expect(questions).toBeVisible({ timeout: 60_000 });
  const probes = questions.getByRole('listitem').filter({ hasText: 'when a readiness probe fails and when a liveness probe fails' });
  await probes.getByRole('radio', { name: /^Failing readiness takes the pod out of the Service/ }).check();
  await probes.getByRole('button', { name: 'Check answer' }).click();
  await expect(probes.getByText('✓ Right.')).toBeVisible();
});

import { expect, test } from '@playwright/test';

const SECTIONS = [
  ['The contract', '/contract/'],
  ['Exercises', '/exercises/'],
  ['Interview practice', '/interview/'],
  ['Progress & backup', '/progress/'],
] as const;

test('the top bar reaches every section by keyboard, Exercises included', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.keyboard.press('Tab'); // the skip link
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Datasource Lab' })).toBeFocused();
  for (const [name] of SECTIONS) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name, exact: true })).toBeFocused();
  }
  // Back from Progress & backup, past Interview practice, to Exercises.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(nav.getByRole('link', { name: 'Exercises', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/exercises\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible();
});

test('the home page links to the exercises', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'exercises', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible();
});

test('at 390 px wide the top bar wraps instead of overflowing, and every link stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const overflow = await nav.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.page).toBeLessThanOrEqual(390);
  for (const [name, href] of SECTIONS) {
    const link = nav.getByRole('link', { name, exact: true });
    await expect(link).toHaveAttribute('href', href);
    const box = await link.boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
});

test('on a 390 px phone a lab page fits the screen, every results tab is on it, and a link goes straight to the code', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/labs/week-2/first-query-path/');
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const tab of await page.getByRole('tablist', { name: /results/i }).getByRole('tab').all()) {
    const box = await tab.boundingBox();
    expect(box!.x + box!.width, await tab.innerText()).toBeLessThanOrEqual(390);
  }
  await page.getByRole('link', { name: 'Skip to the code and Run' }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeInViewport();
});

test('an unknown address shows our own page with a way back, not a blank one', async ({ page }) => {
  const response = await page.goto('/labs/week-9/no-such-lab/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'The 4-week plan' }).click();
  await expect(page.getByRole('heading', { name: /Week 1/ }).first()).toBeVisible();
});

test('a lab leads on to the next lab of the plan, and back to the previous one', async ({ page }) => {
  await page.goto('/labs/week-2/first-query-path/');
  const pager = page.getByRole('navigation', { name: 'Labs of the plan' });
  await expect(pager.getByRole('link', { name: /Previous: Week 1, lab 4/ })).toBeVisible();
  await pager.getByRole('link', { name: /Next: Week 2, lab 2/ }).click();
  await expect(page).toHaveURL(/\/labs\/week-2\/config-and-secret\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

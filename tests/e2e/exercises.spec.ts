import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { replaceFile } from './helpers';

const exerciseFile = (id: string, kind: 'starter' | 'solution', path: string) => readFileSync(`content/exercises/${id}/${kind}/${path}`, 'utf8');

/** Opens an exercise or simulation with empty storage and waits until the editor shows the file. */
async function open(page: Page, id: string, path: string, text: string) {
  await page.goto(`/exercises/${id}/`);
  await expect(page.getByRole('textbox', { name: `Code editor: ${path}` })).toBeAttached({ timeout: 120_000 });
  // Pasting before the file's model is shown would be lost; wait until its text is on screen.
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(text, { timeout: 60_000 });
}

test.describe('coding exercise', () => {
  test('the starter fails hidden tests with behaviour messages; the solution passes them all', async ({ page }) => {
    await open(page, 'lru-ttl-cache', 'cache.ts', 'export interface Clock');
    await expect(page.getByRole('heading', { level: 2, name: /LRU with a TTL/ })).toBeVisible();

    const run = page.getByRole('button', { name: 'Run tests' });
    await run.click();
    // Counts come from the exercise (the conformance test owns them): none pass at first.
    await expect(page.getByText(/^0 of \d+ tests pass\.$/)).toBeVisible({ timeout: 30_000 });
    const hidden = page.getByRole('list', { name: 'Hidden tests' });
    // A hidden test says what behaviour was wrong (here: the starter's TODO threw), never its code.
    await expect(hidden.getByText(/threw Error: TODO/).first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Example tests' }).getByText("cache.set('A', 'frames-A');")).toBeAttached();

    await replaceFile(page, 'cache.ts', exerciseFile('lru-ttl-cache', 'solution', 'cache.ts'));
    // Ctrl/⌘+Enter in the editor runs the tests too.
    await page.getByRole('textbox', { name: 'Code editor: cache.ts' }).press('ControlOrMeta+Enter');
    await expect(page.getByText(/^(\d+) of \1 tests pass: well done\.$/)).toBeVisible({ timeout: 30_000 });

    // Work is saved: a reload keeps the solution, and says how the last run went.
    await page.reload();
    await expect(page.getByText(/Last saved run: (\d+) of \1 tests passed/)).toBeVisible({ timeout: 60_000 });
  });

  test('a wrong cache names the behaviour that is wrong', async ({ page }) => {
    await open(page, 'lru-ttl-cache', 'cache.ts', 'export interface Clock');
    const noExpiry = exerciseFile('lru-ttl-cache', 'solution', 'cache.ts').replace('if (this.options.clock.now() >= entry.expiresAt) {', 'if (false) {');
    await replaceFile(page, 'cache.ts', noExpiry);
    await page.getByRole('button', { name: 'Run tests' }).click();
    await expect(page.getByText(/tests pass\.$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/an entry read 60\.001 s after it was set with a 60 s TTL was still returned/)).toBeVisible();
  });
});

test.describe('troubleshooting simulations', () => {
  test('slow queries: the waterfall shows a dozen serial requests, and the diagnosis can be answered', async ({ page }) => {
    await open(page, 'slow-queries', 'handler.ts', 'export async function queryData');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Checks 1/3' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Upstream (12)' }).click();
    await expect(page.getByRole('list', { name: 'Upstream requests' }).getByRole('listitem')).toHaveCount(12);

    await page.getByRole('radio', { name: /The work is serial/ }).check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByText('✓ Right.')).toBeVisible();
  });

  test('memory leak: Run ×20 charts what the plugin holds after each request', async ({ page }) => {
    await open(page, 'memory-leak', 'handler.ts', 'export async function queryData');
    await page.getByRole('button', { name: 'Run ×20' }).click();
    await expect(page.getByText(/after request 20/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/\(40 entries\)/)).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Checks 1/2' })).toBeVisible({ timeout: 30_000 });
  });
});

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LAB_URL, labFile, openLab, replaceFile } from './helpers';

const KEY = 'datasource-lab:progress';

/** Puts a marker line at the top of handler.ts: the editor shows top lines, so `.view-lines` finds it. */
async function markHandler(page: Page, marker: string) {
  await replaceFile(page, 'handler.ts', `// ${marker}\n${labFile('starter', 'handler.ts')}`);
}

async function expectHandlerShows(page: Page, marker: string) {
  await page.getByRole('tab', { name: 'handler.ts' }).click();
  // Monaco renders only the lines in view, and a paste leaves it scrolled to the end.
  await page.getByRole('textbox', { name: 'Code editor: handler.ts' }).focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(page.locator('.view-lines')).toContainText(marker);
}

async function downloadBackup(page: Page): Promise<string> {
  await page.goto('/progress/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download backup', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^datasource-lab-backup-.*\.json$/);
  return readFileSync((await download.path())!, 'utf8');
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function chooseBackup(page: Page, text: string) {
  await page.goto('/progress/');
  await page.getByLabel(/Import backup/).setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('an edit survives a reload made right after typing', async ({ page }) => {
  await openLab(page);
  await markHandler(page, 'typed-then-reloaded');
  await page.reload(); // well inside the save delay: the page-hide flush must save it
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 60_000 });
  await expectHandlerShows(page, 'typed-then-reloaded');
});

test('two tabs on one lab: the newer edit wins and the other tab shows it and says so', async ({ page, context }) => {
  await openLab(page);
  const other = await context.newPage();
  await openLab(other);

  await markHandler(page, 'edited-in-tab-one');
  await expectHandlerShows(other, 'edited-in-tab-one');
  await expect(other.getByRole('status').filter({ hasText: 'handler.ts was changed in another tab' })).toBeVisible();

  await markHandler(other, 'edited-later-in-tab-two');
  await expectHandlerShows(page, 'edited-later-in-tab-two');
  await expect(page.getByRole('status').filter({ hasText: 'handler.ts was changed in another tab' })).toBeVisible();

  // After both tabs close, a fresh load has the newer edit.
  await other.close();
  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 60_000 });
  await expectHandlerShows(page, 'edited-later-in-tab-two');
});

test('unreadable saved progress is set aside with a banner to download it and to delete it', async ({ page }) => {
  const corrupted = '{"state": {"version": 2, "labs": {"week-2/first-query-path": {"files": 42}}}, "version": 2}';
  await page.goto('/');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, corrupted]);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Some saved progress could not be read' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('labs.week-2/first-query-path.files');
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download unreadable data' }).click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toBe(corrupted);

  // Still there on another page, until deleted on purpose.
  await page.goto(LAB_URL);
  await banner.getByRole('button', { name: 'Delete…' }).click();
  await banner.getByRole('button', { name: 'Delete it for good' }).click();
  await expect(banner).toBeHidden();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('datasource-lab:quarantine:')));
  expect(left).toEqual([]);
});

test('when storage is full, a warning shows and the work can still be downloaded', async ({ page }) => {
  await page.addInitScript((key) => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  }, KEY);
  await openLab(page);
  await markHandler(page, 'kept-in-memory');
  const warning = page.getByRole('alert').filter({ hasText: 'could not be saved' });
  await expect(warning).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Download a backup' }).click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toContain('kept-in-memory');
  await expectHandlerShows(page, 'kept-in-memory');
});

test('a backup exported in one browser restores the work in a fresh one', async ({ page, browser }) => {
  await openLab(page);
  await markHandler(page, 'moved-by-backup');
  const backup = await downloadBackup(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await chooseBackup(other, backup);
  await expect(other.getByRole('table', { name: 'week-2/first-query-path' })).toContainText('Added from the backup');
  await other.getByRole('button', { name: 'Apply import' }).click();
  await expect(other.getByText(/^Imported backup\.json/)).toBeVisible();
  await other.goto(LAB_URL);
  await expectHandlerShows(other, 'moved-by-backup');
  await fresh.close();
});

test('importing an older backup asks before replacing newer local work', async ({ page }) => {
  await openLab(page);
  await markHandler(page, 'older-in-backup');
  const backup = await downloadBackup(page);
  await openLab(page);
  await markHandler(page, 'newer-local-work');

  await chooseBackup(page, backup);
  const row = page.getByRole('row', { name: /handler\.ts/ });
  await expect(row).toContainText('Yours is newer: kept unless you choose below');
  const replace = page.getByRole('checkbox', { name: /Replace my newer work/ });
  await expect(replace).not.toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText(/newer item\(s\) of yours kept/)).toBeVisible();
  await page.goto(LAB_URL);
  await expectHandlerShows(page, 'newer-local-work');

  // Only when the learner ticks the box does the backup's older copy come back.
  await chooseBackup(page, backup);
  await page.getByRole('checkbox', { name: /Replace my newer work/ }).check();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText(/^Imported backup\.json/)).toBeVisible();
  await page.goto(LAB_URL);
  await expectHandlerShows(page, 'older-in-backup');
});

test('a backup from a newer release is refused with the reason', async ({ page }) => {
  await chooseBackup(page, JSON.stringify({ format: 'datasource-lab-backup', exportedAt: new Date().toISOString(), progress: { version: 99, labs: {} } }));
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toContainText('newer release of Datasource Lab (progress version 99)');
});

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
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
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
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
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
  await expect(other.getByRole('table', { name: 'Lab: First query path: metric + aggregation' })).toContainText('Added from the backup');
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
  await expect(row).toContainText('Both differ: yours is kept unless you tick it');
  const replace = row.getByRole('checkbox', { name: /Replace with the backup's: handler\.ts/ });
  await expect(replace).not.toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText(/\d+ items? of yours kept/)).toBeVisible();
  await page.goto(LAB_URL);
  await expectHandlerShows(page, 'newer-local-work');

  // Only when the learner ticks that item does the backup's copy come back.
  await chooseBackup(page, backup);
  await page.getByRole('checkbox', { name: /Replace with the backup's: handler\.ts/ }).check();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText(/^Imported backup\.json/)).toBeVisible();
  await page.goto(LAB_URL);
  await expectHandlerShows(page, 'older-in-backup');
});

test('a backup from a newer release is refused with the reason', async ({ page }) => {
  await chooseBackup(page, JSON.stringify({ format: 'datasource-lab-backup', exportedAt: new Date().toISOString(), progress: { version: 99, labs: {} } }));
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toContainText('newer release of Datasource Lab (progress version 99)');
});

test('importing a backup with newer data for one interview question and an older exercise file loses no practice and no code', async ({ page }) => {
  const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
  const attempt = (at: string, score: number) => ({ at, score, hintsUsed: 0, elapsedMs: 60_000, mode: 'practice' });
  const question = (...attempts: ReturnType<typeof attempt>[]) => ({ draft: { notes: '', hintsRevealed: 0, rubricRevealed: false, coverage: {}, timer: { elapsedMs: 0 } }, attempts });
  const mock = { id: 'mock-local', startedAt: day(20), finishedAt: day(20, 11), questionIds: ['multi-backend-datasource'], plannedMinutes: 20, timer: { elapsedMs: 600_000 }, answers: {} };
  const myCode = '// my LRU cache, kept\nexport class Cache {}\n';
  const local = {
    version: 2,
    labs: {},
    interview: {
      questions: {
        'multi-backend-datasource': question(attempt(day(20, 11), 3), attempt(day(21), 4)),
        'query-cache': question(attempt(day(22), 2)),
        'streaming-datasource': question(attempt(day(23), 5)),
      },
      filters: { categories: [], difficulties: [] },
      mocks: [mock],
    },
    exercises: { 'lru-ttl-cache': { files: { 'cache.ts': myCode } } },
    fieldTimes: { interview: day(23), exercises: day(24) },
  };
  // The backup knows one question, practised later than anything here, and an older copy of the cache code.
  const backup = {
    format: 'datasource-lab-backup',
    exportedAt: day(25),
    progress: {
      version: 2,
      labs: {},
      interview: { questions: { 'query-cache': question(attempt(day(25), 4)) }, filters: { categories: [], difficulties: [] }, mocks: [] },
      exercises: { 'lru-ttl-cache': { files: { 'cache.ts': '// older code from the backup\n' } } },
      fieldTimes: { interview: day(25), exercises: day(10) },
    },
  };
  await page.goto('/');
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify({ state: local, version: 2 })]);

  await chooseBackup(page, JSON.stringify(backup));
  // Every item is named by its title, never by its id.
  const questionTable = page.getByRole('table', { name: 'Interview question: A query handler with an expiring LRU cache' });
  // Dates follow the browser's locale (medium date, short time), as lib/progress/format-time.ts formats them.
  const when = await page.evaluate((at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(at)), day(25));
  await expect(questionTable.getByRole('row', { name: `Practice attempt of ${when}, score 4 of 5` })).toContainText('Added from the backup');
  const exerciseTable = page.getByRole('table', { name: /^Exercise: Cache query results/ });
  await expect(exerciseTable.getByRole('row', { name: /cache\.ts/ })).toContainText('Both differ: yours is kept unless you tick it');
  await expect(exerciseTable.getByRole('checkbox', { name: /Replace with the backup's: cache\.ts/ })).not.toBeChecked();
  await expect(page.locator('caption').filter({ hasText: 'query-cache' })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText(/^Imported backup\.json: 1 item added, 0 replaced with the backup's, 1 item of yours kept\./)).toBeVisible();

  // All three questions keep their attempts; the one the backup knew gains its attempt.
  await page.goto('/interview/');
  const card = (title: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(title) }) });
  await expect(card('One data source, several backends')).toContainText('Practised 2 times');
  await expect(card('A query handler with an expiring LRU cache')).toContainText('Practised 2 times · last score 4 of 5');
  await expect(card('Streaming live data from a WebSocket source')).toContainText('Practised 1 time');
  await page.goto('/interview/mock/');
  await expect(page.getByText('Past mock interviews')).toBeVisible();

  // The learner's cache code is still there, saved and in the editor.
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), KEY);
  expect(saved.state.exercises['lru-ttl-cache'].files['cache.ts']).toBe(myCode);
  await page.goto('/exercises/lru-ttl-cache/');
  await expect(page.locator('.view-lines')).toContainText('my LRU cache, kept', { timeout: 60_000 });
});

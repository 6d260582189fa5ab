import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { LAB_DIR, LAB_URL, checksSummary, expectAllChecksPass, expectSomeChecksFail, labFile, openLab, openLabAt, replaceFile, runAndWaitForChecks } from './helpers';


test('home page shows the four-week plan and links to the lab', async ({ page }) => {
  await page.goto('/');
  for (const week of [1, 2, 3, 4]) await expect(page.getByRole('heading', { name: new RegExp(`Week ${week}`) })).toBeVisible();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await page.getByRole('link', { name: /First query path/ }).click();
  await expect(page).toHaveURL(new RegExp(LAB_URL));
  await expect(page.getByRole('heading', { level: 1, name: /First query path/ })).toBeVisible();
});

test('the starter runs, shows frames, and fails checks with reasons', async ({ page }) => {
  await openLab(page);
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectSomeChecksFail(page);
  await expect(page.getByText('A query without aggregation means avg')).toBeVisible();
  // The check draws its metric per Run: the starter sends it without an aggregation.
  await expect(page.getByText(/the handler sent \["[a-z_]+"\]/).first()).toBeVisible();
});

test('typing a fix into the handler turns its check green', async ({ page }) => {
  await openLab(page);
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  const before = await checksSummary(page);
  await page.getByRole('tab', { name: 'handler.ts' }).click();
  // Task 3: build the PromQL from the aggregation. Typed key by key, as a learner would.
  await page.getByRole('textbox', { name: 'Code editor: handler.ts' }).focus();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('return query.metric;');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('return `${query.aggregation}(${query.metric})`;');
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  const passing = page.getByRole('listitem').filter({ hasText: /^✓Pass/ });
  await expect(passing.filter({ hasText: 'Asks query_range for the aggregated metric' })).toHaveCount(1);
  expect((await checksSummary(page)).passed).toBeGreaterThan(before.passed);
});

test('Tab indents inside the editor; Escape then Tab leaves it for the next control, and Shift+Tab the other way', async ({ page }) => {
  await openLab(page);
  const editor = page.getByRole('textbox', { name: 'Code editor: handler.ts' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Tab');
  // Still in the editor, and the line gained an indent: Tab is for code.
  await expect(editor).toBeFocused();
  await expect(page.locator('.view-line').first()).toHaveText(/^\s{2}/);
  await page.keyboard.press('ControlOrMeta+Z');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  const left = await page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null && document.activeElement !== document.body);
  expect(left).toBe(true);
  // Back in, then out the other way.
  await editor.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(editor).not.toBeFocused();
  // Any other key in between disarms: Tab indents again.
  await editor.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
});

test('a learner fixes the starter in the editor, sees frames and a drawn series, all checks pass, and the edit survives a reload', async ({ page }) => {
  await openLab(page);
  await replaceFile(page, 'query.ts', labFile('solution', 'query.ts'));
  await replaceFile(page, 'handler.ts', labFile('solution', 'handler.ts'));
  // Run from the keyboard, as the editor hint says.
  await page.getByRole('textbox', { name: 'Code editor: handler.ts' }).focus();
  await page.keyboard.press('Control+Enter');
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
  const { total } = await checksSummary(page);

  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByText('timeseries-multi').first()).toBeVisible();
  await expect(page.getByText(/cpu_usage_percent/).first()).toBeVisible();

  await page.getByRole('tab', { name: 'Panel' }).click();
  const plot = page.locator('.uplot canvas').first();
  await expect(plot).toBeVisible();
  // The series was drawn: the canvas has coloured (non-background) pixels.
  const coloured = await plot.evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) count++;
    return count;
  });
  expect(coloured).toBeGreaterThan(50);

  await page.getByRole('tab', { name: 'Upstream' }).click();
  await expect(page.getByText(/GET https:\/\/prometheus\.lab\.test\/api\/v1\/query_range/)).toBeVisible();

  await page.reload();
  await page.getByRole('tab', { name: 'query.ts' }).click();
  await expect(page.locator('.view-lines')).toContainText("z.enum(AGGREGATIONS).default('avg')");
  await expect(page.getByText(new RegExp(`Last saved run: ${total} of ${total} checks passed`))).toBeVisible();
  // The task list reads the saved run too, instead of "not run yet".
  const tasks = page.getByRole('list', { name: 'Tasks' });
  await expect(tasks).toContainText('(done)');
  await expect(tasks).not.toContainText('not run yet');
});

test('a lab finished after "Show solution" reads "Done with the solution" on its week page; a wrong answer keeps it in progress until answered again', async ({ page }) => {
  type Q = { prompt: string; answer: string; choices?: { id: string; text: string }[] };
  const raw = JSON.parse(readFileSync(`${LAB_DIR}/questions.json`, 'utf8')) as Q[] | { questions: Q[] };
  const questions = (Array.isArray(raw) ? raw : raw.questions).filter((q) => q.choices);
  await openLab(page);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog', { name: 'Show the solution?' }).getByRole('button', { name: 'Show solution' }).click();
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Checks' }).click();
  await expectAllChecksPass(page);
  const answer = async (q: Q, right: boolean) => {
    const card = page.getByRole('group', { name: q.prompt.slice(0, 40) });
    const text = q.choices!.find((c) => (c.id === q.answer) === right)!.text;
    await card.getByRole('radio', { name: text, exact: true }).check();
    await page.locator('form').filter({ has: card }).getByRole('button', { name: /Check answer|Answer again/ }).click();
  };
  await answer(questions[0], false);
  for (const q of questions.slice(1)) await answer(q, true);
  const labRow = (p: typeof page) => p.getByRole('listitem').filter({ has: p.getByRole('link', { name: /First query path/ }) });
  await page.goto('/weeks/2/');
  await expect(labRow(page)).toContainText('In progress');
  await page.goto(LAB_URL);
  await answer(questions[0], true);
  await page.goto('/weeks/2/');
  await expect(labRow(page)).toContainText('Done with the solution');
});

test('questions explain after answering; the answer, the option picked and the shuffled order are kept', async ({ page }) => {
  // The right option is found by its text: options are shuffled per learner.
  type Q = { prompt: string; answer: string; choices?: { id: string; text: string }[] };
  const questions = JSON.parse(readFileSync(`${LAB_DIR}/questions.json`, 'utf8')) as Q[] | { questions: Q[] };
  const first = (Array.isArray(questions) ? questions : questions.questions).find((q) => q.choices)!;
  const right = first.choices!.find((c) => c.id === first.answer)!.text;
  await openLab(page);
  const question = page.getByRole('group', { name: first.prompt.slice(0, 40) });
  const order = await question.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
  await question.getByRole('radio', { name: right, exact: true }).check();
  await page.getByRole('button', { name: 'Check answer' }).first().click();
  await expect(page.getByText('✓ Right.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('✓ Right.')).toBeVisible();
  await expect(question.getByRole('radio', { name: right, exact: true })).toBeChecked();
  expect(await question.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value))).toEqual(order);
});

test('reset to starter and show solution ask first, then replace the files', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Show solution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Show the solution?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('tab', { name: 'query.ts' }).click();
  await expect(page.locator('.view-lines')).toContainText("default('avg')");
  await page.getByRole('button', { name: 'Reset to starter' }).click();
  await page.getByRole('dialog', { name: 'Reset to starter?' }).getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('.view-lines')).toContainText('z.string().optional()');
});

test('compare with solution asks first, then shows the solution beside your code without replacing it, and counts as seeing it', async ({ page }) => {
  await openLab(page);
  await page.getByRole('tab', { name: 'query.ts' }).click();
  await page.getByRole('button', { name: 'Compare with solution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with solution' });
  await expect(dialog).toContainText('counts as having seen it');
  await dialog.getByRole('button', { name: 'Show the comparison' }).click();
  await expect(dialog.getByLabel('File')).toHaveValue('query.ts');
  const diff = dialog.locator('.monaco-diff-editor');
  await expect(diff).toBeVisible({ timeout: 60_000 });
  await expect(diff.locator('.editor.original .view-lines')).toContainText("default('avg')");
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('z.string().optional()');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // Nothing replaced: the editor still holds the starter.
  await expect(page.locator('.monaco-editor').first().locator('.view-lines')).toContainText('z.string().optional()');
  // Saved (after the store's short debounce) as a reveal, like Show solution.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('datasource-lab:progress') ?? '')).toContain('solutionShownAt');
});

// A handler that waits forever on a promise ends at once now (its wait is on the run's
// virtual clock, docs/decisions/0004-virtual-time.md); a loop that never yields takes real
// time, so it is what Cancel has to stop.
test('a Run whose handler never answers (a loop that never yields) is cancelled at once with Cancel, and the next Run works', async ({ page }) => {
  const lab = '/labs/week-1/frames-from-upstream/';
  const starter = readFileSync('labs/week-1/03-frames-from-upstream/starter/handler.ts', 'utf8');
  await openLabAt(page, lab);
  await page.getByRole('tab', { name: 'handler.ts' }).click();
  await replaceFile(page, 'handler.ts', 'export async function queryData() {\n  for (;;) {}\n}\n');
  await page.getByRole('tab', { name: 'Checks' }).click();

  // Pressing Run moves none of the run bar's controls (a Cancel that appeared used to wrap
  // the row and shift the buttons under the pointer).
  const controls = [/^(Run|Running…)$/, /^Reset to starter$/, /^Show solution$/, /^Compare with solution$/];
  const boxes = () => Promise.all(controls.map((name) => page.getByRole('button', { name }).boundingBox()));
  const idle = await boxes();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  expect(await boxes()).toEqual(idle);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  // Cancelled, not stopped by the time limit: that would say the checks could not run.
  await expect(page.getByRole('status').filter({ hasText: 'Run cancelled' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: /^–Skipped/ }).first()).toBeVisible();

  await replaceFile(page, 'handler.ts', starter);
  await runAndWaitForChecks(page);
  await checksSummary(page);
});

test("the results' tabs stay where they are when the first Run ends, so a click on one during a Run lands on it", async ({ page }) => {
  await openLab(page);
  // Measured from the top of the results area: the page itself may scroll the results into view.
  const panelTab = page.getByRole('tablist', { name: 'Run results' }).getByRole('tab', { name: 'Panel' });
  const offset = () => panelTab.evaluate((tab) => tab.getBoundingClientRect().top - tab.closest('section[aria-label="Results"]')!.getBoundingClientRect().top);
  const before = await offset();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByText(/^Last run: /).waitFor({ timeout: 60_000 });
  expect(await offset()).toBe(before);
});

test('on a 1280×720 screen a Run ends with the first lines of its results in view, and focus stays in the editor', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  const editor = page.getByRole('textbox', { name: /^Code editor: / }).first();
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.getByText(/^Last run: /).waitFor({ timeout: 60_000 });
  const results = page.locator('section[aria-label="Results"]');
  await expect.poll(async () => (await results.boundingBox())?.y ?? 9999, { timeout: 5_000 }).toBeLessThan(720 - 100);
  await expect(editor).toBeFocused();
});

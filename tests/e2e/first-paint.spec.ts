/**
 * The lab page's HTML carries the code the lab opens on, highlighted at build time, so
 * a learner reads it before any script has run; the editor then takes its place in the
 * same frame, with saved work in it (issue 17, "first paint shows the code").
 */
import { expect, test } from '@playwright/test';
import { labFile, LAB_URL, openLab, replaceFile } from './helpers';

const firstCodeLine = (text: string) => text.split('\n').find((line) => /^export /.test(line))!;

test('with scripts off, the lab page still shows the starter handler, highlighted, in the editor frame', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(LAB_URL);
    const panel = page.getByRole('tabpanel');
    await expect(panel).toContainText(firstCodeLine(labFile('starter', 'handler.ts')));
    await expect(panel.locator('.token.keyword').first()).toBeVisible();
    await expect(page.getByRole('tab', { name: /handler\.ts/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('Loading your saved work…')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the editor replaces the preview, and after a reload shows saved work (never the starter) once it is ready', async ({ page }) => {
  await openLab(page);
  await expect(page.locator('.code-preview')).toHaveCount(0);
  await replaceFile(page, 'handler.ts', '// saved work\nexport const mine = 1;\n');
  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Code editor: / })).toBeAttached({ timeout: 120_000 });
  await expect(page.locator('.code-preview')).toHaveCount(0);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('saved work');
});

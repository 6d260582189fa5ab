import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { labFile, openLab, replaceFile, runAndWaitForChecks } from './helpers';

test('a runaway loop is stopped with a clear message, the page stays responsive, and the next run works', async ({ page }) => {
  await openLab(page);
  await replaceFile(page, 'handler.ts', 'export async function queryData() {\n  while (true) {}\n}\n');
  const started = Date.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // While the loop spins, the page still answers: switching tabs works.
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Panel' }).click();
  await expect(page.getByText('Stopped: time limit reached')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(10_000);

  await replaceFile(page, 'handler.ts', labFile('solution', 'handler.ts'));
  await runAndWaitForChecks(page);
  await expect(page.getByText(/Last run: completed/)).toBeVisible();
});

test('code in the sandbox cannot reach a real address: fetch and XHR both fail, and the server sees nothing', async ({ page }) => {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await openLab(page);
    const handler = `export async function queryData() {
  const seen: string[] = [];
  try { await fetch('http://127.0.0.1:${port}/fetch'); seen.push('fetch reached'); } catch (e) { seen.push('fetch failed: ' + (e as Error).message); }
  try { const x = new XMLHttpRequest(); x.open('GET', 'http://127.0.0.1:${port}/xhr', false); x.send(); seen.push('xhr reached'); } catch { seen.push('xhr failed'); }
  return { responses: { A: { frames: [], error: { category: 'internal' as const, message: seen.join(' | ') } } } };
}
`;
    await replaceFile(page, 'handler.ts', handler);
    await runAndWaitForChecks(page);
    await page.getByRole('tab', { name: 'Panel' }).click();
    await expect(page.getByText(/fetch failed: Blocked: GET http:\/\/127\.0\.0\.1:\d+\/fetch/)).toBeVisible();
    await expect(page.getByText(/xhr failed/)).toBeVisible();
    expect(hits).toBe(0);
  } finally {
    server.close();
  }
});

test('a syntax error and a thrown error are shown with the file and line', async ({ page }) => {
  await openLab(page);
  await replaceFile(page, 'handler.ts', 'export async function queryData() {\n  const x = ;\n}\n');
  await runAndWaitForChecks(page);
  await page.getByRole('tab', { name: 'Panel' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Syntax error' });
  await expect(alert).toContainText('handler.ts:2');
  await expect(alert).toContainText('Syntax error in handler.ts at line 2');

  await replaceFile(page, 'handler.ts', "export async function queryData() {\n\n  throw new Error('kaput');\n}\n");
  await runAndWaitForChecks(page);
  await expect(page.getByText('The handler threw an error')).toBeVisible();
  await expect(page.getByText(/Error: kaput \(handler\.ts:3\)/)).toBeVisible();
});

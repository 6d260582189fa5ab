/**
 * Attack suite, injection: markup, script, `javascript:` URLs and SVG payloads in every
 * place learner code can put text (frame names, field names, values, labels, units,
 * display names, descriptions, data links, cell types, colours, error messages, log
 * lines and fields, upstream URLs and headers, thrown errors and stacks). Every results
 * tab is opened; the payloads show as text and no script runs: each payload calls the
 * `__pwned` binding, which must never be called.
 */
import { expect, test, type Page } from '@playwright/test';
import { ALL_XSS, XSS, runHandler, startCountingServer, watchForScripts, type CountingServer } from './attack-payloads';
import { openLab } from './helpers';

test.describe.configure({ mode: 'serial' });

let page: Page;
let pwned: string[];
let server: CountingServer;
/** The results area only: the editor shows the handler's source, payloads included. */
const results = () => page.getByRole('region', { name: 'Results' });

test.beforeAll(async ({ browser }) => {
  server = await startCountingServer();
  page = await browser.newPage();
  pwned = await watchForScripts(page);
  await openLab(page);
});
test.afterAll(async () => {
  await page.close();
  await server.close();
});

const P = JSON.stringify(ALL_XSS);

const FRAMES_HANDLER = `import { createDataFrame, FieldType } from '@grafana/data';
export async function queryData(req: any, ctx: any) {
  const P = ${P};
  console.log(P);
  console.error(new Error(P));
  ctx.logger.warn(P, { [${JSON.stringify(XSS.img)}]: P, svg: ${JSON.stringify(XSS.svg)} });
  try {
    await fetch('https://prometheus.lab.test/api/v1/' + P + '?q=' + P, { headers: { 'x-payload': P } });
  } catch {}
  const now = Date.now();
  const series = createDataFrame({ name: P, refId: 'A', fields: [
    { name: 'time', type: FieldType.time, values: [now - 120000, now - 60000, now] },
    { name: P, type: FieldType.number, values: [1, 3, 2], labels: { [${JSON.stringify(XSS.svg)}]: P, job: P },
      config: { unit: P, displayName: P, description: P, links: [{ title: P, url: ${JSON.stringify(XSS.js)} }] } },
  ] });
  const table = createDataFrame({ name: ${JSON.stringify(XSS.svg)}, meta: { type: ${JSON.stringify(XSS.img)} as any, notices: [{ severity: 'info', text: P }] }, fields: [
    { name: ${JSON.stringify(XSS.script)}, type: FieldType.string, values: [P, ${JSON.stringify(XSS.js)}],
      config: { custom: { cellOptions: { type: 'markdown' } }, links: [{ title: P, url: "javascript:__pwned('cell-link')" }] } },
    { name: 'image', type: FieldType.string, values: ['x', 'http://127.0.0.1:${'${PORT}'}/image'], config: { custom: { cellOptions: { type: 'image' } } } },
    { name: 'colour', type: FieldType.number, values: [1, 2],
      config: { color: { mode: 'fixed', fixedColor: 'red; background-image: url(http://127.0.0.1:${'${PORT}'}/css)' }, custom: { cellOptions: { type: 'color-background' } } } },
  ] });
  return { responses: {
    A: { frames: [series, table] },
    B: { frames: [], error: { category: 'internal', message: P } },
    [${JSON.stringify(XSS.img)}]: { frames: [table] },
  } };
}
`;

/** Opens every tab of the results (including any added later) and hovers the panel. */
async function visitEveryTab() {
  const tabs = page.getByRole('tablist', { name: 'Run results' }).getByRole('tab');
  const names = await tabs.allInnerTexts();
  expect(names.length).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < names.length; i++) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
    await page.waitForTimeout(400); // lazy views load and draw
    // Open every disclosure (upstream details) so hidden parts render too.
    for (const summary of await page.locator('section[aria-label="Results"] summary').all()) await summary.click();
    if (/^Panel/.test(names[i])) {
      const plot = page.locator('section[aria-label="Results"] canvas').first();
      if (await plot.count()) await plot.hover({ position: { x: 200, y: 100 }, force: true });
      // Open the data-link menus of table cells, where links would be drawn.
      for (const cell of (await page.locator('section[aria-label="Results"] [role="gridcell"]').all()).slice(0, 6)) await cell.click({ force: true }).catch(() => {});
    }
  }
  return names;
}

/** No script ran, no element carries an event handler or script URL from a payload, no image from a payload. */
async function expectNothingRan() {
  await page.waitForTimeout(300);
  expect(pwned).toEqual([]);
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (attr.value.includes('__pwned') && (attr.name.startsWith('on') || /^(href|src|srcdoc|action|formaction|xlink:href)$/.test(attr.name))) bad.push(`${el.tagName} ${attr.name}`);
      }
      if (el.tagName === 'SCRIPT' && el.textContent?.includes('__pwned')) bad.push('SCRIPT');
      if (el.tagName === 'IMG' && (el.getAttribute('src') === 'x' || el.getAttribute('src')?.includes('127.0.0.1'))) bad.push(`IMG ${el.getAttribute('src')}`);
    }
    return bad;
  });
  expect(found).toEqual([]);
  expect(server.hits).toEqual([]);
}

test('payloads in frames, fields, labels, units, links, cells, errors, logs and upstream calls render as text in every tab', async () => {
  await runHandler(page, FRAMES_HANDLER.replaceAll('${PORT}', String(server.port)));
  const tabs = await visitEveryTab();
  test.info().annotations.push({ type: 'tabs visited', description: tabs.join(', ') });
  await expectNothingRan();
  // Shown as text: the literal payload is readable in the page.
  await page.getByRole('tab', { name: /^Logs/ }).click();
  await expect(results().getByText(XSS.img).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(results().getByText(XSS.svg).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Panel' }).click();
  await expect(results().getByText(XSS.script).first()).toBeVisible();
});

test('payloads in a thrown error message and stack render as text', async () => {
  const handler = `export async function queryData() {
  const e = new Error(${P});
  e.stack = 'Error: ' + ${P} + '\\n    at queryData (lab:///handler.ts:2:13) ' + ${JSON.stringify(XSS.script)} + '\\n    at lab:///' + ${JSON.stringify(XSS.img)};
  throw e;
}
`;
  await runHandler(page, handler);
  await expect(page.getByRole('alert').filter({ hasText: 'The handler threw an error' })).toContainText(XSS.img);
  await visitEveryTab();
  await expectNothingRan();

  await runHandler(page, `export async function queryData() { throw ${JSON.stringify(XSS.svg)}; }\n`);
  await expect(page.getByRole('alert').filter({ hasText: 'The handler threw an error' })).toContainText(XSS.svg);
  await visitEveryTab();
  await expectNothingRan();
});

test('payloads in source that does not parse render as text in the syntax error', async () => {
  await runHandler(page, `export async function queryData() {\n  const x = ${JSON.stringify(XSS.img)} ${JSON.stringify(XSS.script)};\n}\n`);
  await expect(page.getByRole('alert').filter({ hasText: 'Syntax error' })).toBeVisible();
  await visitEveryTab();
  await expectNothingRan();
});

/**
 * Attack suite, storage and page: learner code reaching for the app's storage, cookies,
 * DOM, location or new windows. The code runs in a Worker inside an opaque-origin
 * iframe, so each attempt throws inside the handler; the learner sees the error, and
 * the app's own storage, cookies, URL and windows are untouched.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNextRunWorks, expectRunError, handlerWith, runHandler } from './attack-payloads';
import { openLab } from './helpers';

test.describe.configure({ mode: 'serial' });

// Built at run time so the saved learner code (which the app stores) never holds the marker itself.
const MARK = `'pw' + 'ned-by-sandbox'`;
const MARKER = 'pwned-by-sandbox';

const CASES: { name: string; body: string; message: RegExp }[] = [
  { name: 'localStorage', body: `localStorage.setItem('x', ${MARK});`, message: /ReferenceError: localStorage is not defined/ },
  {
    name: 'indexedDB.open',
    body: `await new Promise((resolve, reject) => { const r = indexedDB.open(${MARK}); r.onsuccess = () => reject(new Error('opened')); r.onerror = () => reject(r.error); });`,
    message: /SecurityError|denied|not allowed/i,
  },
  { name: 'caches.open', body: `const c = await caches.open(${MARK}); await c.put('/x', new Response('x')); throw new Error('opened');`, message: /SecurityError|not defined|denied|not allowed/i },
  { name: 'document.cookie', body: `document.cookie = ${MARK} + '=1; path=/';`, message: /ReferenceError: document is not defined/ },
  { name: 'parent.document', body: `parent.document.body.innerHTML = ${MARK};`, message: /ReferenceError: parent is not defined/ },
  { name: 'top.location', body: `top.location = 'https://example.com/?' + ${MARK};`, message: /ReferenceError: top is not defined/ },
  { name: 'window.open', body: `window.open('https://example.com/?' + ${MARK});`, message: /ReferenceError: window is not defined/ },
  { name: 'self.location (read-only in a worker)', body: `(self as any).location = 'https://example.com/'; if (String(self.location).startsWith('https://example.com')) throw new Error('navigated');`, message: /Error|TypeError/ },
];

let page: Page;
let popups = 0;
let startUrl = '';

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.context().on('page', () => popups++);
  await openLab(page);
  startUrl = page.url();
  await page.evaluate(() => {
    document.cookie = 'host-cookie=kept; path=/';
    localStorage.setItem('host-key', 'kept');
  });
});
test.afterAll(() => page.close());

for (const c of CASES) {
  test(`${c.name}: fails inside the handler with a message, the app is untouched`, async () => {
    await runHandler(page, handlerWith(c.body));
    const shown = await expectRunError(page, 'The handler threw an error', c.message);
    test.info().annotations.push({ type: 'outcome', description: `${c.name}: ${shown}` });
    const host = await page.evaluate(() => ({
      url: location.href,
      cookie: document.cookie,
      storage: JSON.stringify({ ...localStorage }),
      body: document.body.innerText.length > 0,
    }));
    expect(host.url).toBe(startUrl);
    expect(host.cookie).toContain('host-cookie=kept');
    expect(host.cookie).not.toContain(MARKER);
    expect(host.storage).toContain('"host-key":"kept"');
    expect(host.storage).not.toContain(MARKER);
    expect(host.body).toBe(true);
    expect(popups).toBe(0);
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases).not.toContain(MARKER);
    const cacheNames = await page.evaluate(async () => ('caches' in window ? caches.keys() : []));
    expect(cacheNames).not.toContain(MARKER);
  });
}

test('after every storage and page attack, a normal run still works', async () => {
  await expectNextRunWorks(page);
});

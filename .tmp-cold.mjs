import { chromium } from '@playwright/test';
import { ensureChromium } from './scripts/find-chromium.mjs';
import { startServer } from './scripts/bench/server.mjs';
const server = await startServer({ root: 'out', benchRoot: '.bench-site', port: 3211 });
const browser = await chromium.launch({ executablePath: await ensureChromium() });
for (let i = 0; i < 2; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto('http://localhost:3211/labs/week-2/first-query-path/', { waitUntil: 'commit' });
  await page.waitForFunction(() => !!document.querySelector('.monaco-editor .view-lines'), null, { timeout: 60000, polling: 50 });
  const ready = Date.now() - t0;
  const data = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource').filter((e) => e.transferSize > 20000 || e.encodedBodySize > 20000 || e.name.includes('.css')).map((e) => `${Math.round(e.startTime)}→${Math.round(e.responseEnd)} ${Math.round(e.encodedBodySize/1024)}KB ${e.name.replace(location.origin, '')}`);
    const nav = performance.getEntriesByType('navigation')[0];
    const paints = performance.getEntriesByType('paint').map((p) => `${p.name} ${Math.round(p.startTime)}`);
    return { res, dcl: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd), paints };
  });
  console.log(`open ${i}: editor ready ${ready} ms`, JSON.stringify({ dcl: data.dcl, load: data.load, paints: data.paints }));
  for (const r of data.res) console.log('  ', r);
  await context.close();
}
await browser.close(); server.close?.();
process.exit(0);

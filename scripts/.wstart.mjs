import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
const browser = await chromium.launch({ executablePath: findChromium().path, args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
await page.goto('http://localhost:3311/');
const url = process.argv[2] ?? '/sandbox/worker.js';
const r = await page.evaluate(async (url) => {
  const src = new Blob([await (await fetch(url)).text()], { type: 'text/javascript' });
  const out = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const w = new Worker(URL.createObjectURL(src));
    const ch = new MessageChannel();
    await new Promise((res) => { ch.port1.onmessage = (e) => { if (e.data?.type === 'ready') res(); }; w.postMessage({ type: 'connect' }, [ch.port2]); });
    out.push(Math.round(performance.now() - t));
    w.terminate();
  }
  return out;
}, url);
console.log(url, r.join(' '));
await browser.close();

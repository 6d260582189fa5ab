// The same Run in a naive playground (figure 2), built by scripts/bench/naive.mjs.
import { NAIVE_RUNS } from '../config.mjs';
import { summarize } from '../stats.mjs';

/** 2. The same Run in a naive playground: fresh worker + full TypeScript compile per execution. */
export async function naivePlayground(browser, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/__bench/naive.html`);
  await page.waitForFunction(() => document.title === 'naive playground ready', null, { timeout: 60_000 });
  await page.evaluate(() => window.naiveBench.run(2)); // warm-up: compiler JIT, HTTP cache
  const runs = await page.evaluate((n) => window.naiveBench.run(n), NAIVE_RUNS);
  await page.close();
  const bad = runs.find((r) => r.passed !== r.total);
  if (bad) throw new Error(`The naive playground's run did not pass every check (${bad.passed}/${bad.total}); its figure would not be comparable.`);
  return summarize(runs.map((r) => r.ms));
}

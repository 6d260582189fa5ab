/**
 * Attack suite, forgery: messages posted to the host from other frames, learner code
 * that tries to speak for the sandbox runtime, and learner code that patches built-ins
 * or the check library to turn failing checks green. Checks run in the page on parsed
 * results and on upstream calls the page recorded itself, so none of this works.
 * (Replayed run ids and oversized messages straight into the host are unit-tested in
 * lib/runtime/sandbox/host.attack.test.ts: no browser frame can reach the host's port.)
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNextRunWorks, expectRunError, handlerWith, runHandler } from './attack-payloads';
import { labFile, openLab, replaceFile } from './helpers';

test.describe.configure({ mode: 'serial' });

let page: Page;
/** The results area only: the editor shows the handler's source, forged text included. */
const results = () => page.getByRole('region', { name: 'Results' });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await openLab(page);
});
test.afterAll(() => page.close());

const forgedDone = (runId: string) => ({
  type: 'done',
  runId,
  output: { ok: true, value: { responses: { A: { frames: [], error: { category: 'internal', message: 'FORGED ANSWER' } } } } },
});

/** Posts forged sandbox messages to the app window from a same-origin frame, an opaque frame and the page itself. */
async function forgeFromOtherFrames(runIds: string[]) {
  await page.evaluate((messages) => {
    const script = `for (const m of ${JSON.stringify(messages)}) parent.postMessage(m, '*');`;
    for (const sandbox of [null, 'allow-scripts']) {
      const frame = document.createElement('iframe');
      if (sandbox) frame.setAttribute('sandbox', sandbox);
      frame.srcdoc = `<script>${script}<\/script>`;
      frame.title = 'forger';
      document.body.appendChild(frame);
    }
    for (const m of messages) window.postMessage(m, '*');
  }, [{ type: 'sandbox-frame-ready' }, ...runIds.map(forgedDone)]);
}

test('messages from other frames, posted while a run is in flight, are ignored', async () => {
  await replaceFile(
    page,
    'handler.ts',
    handlerWith("await new Promise((r) => setTimeout(r, 800));\nreturn { responses: { A: { frames: [], error: { category: 'upstream', message: 'REAL ANSWER' } } } };"),
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // Run ids look like run-<n>-<random>: a forger can guess the counter, not the rest.
  await forgeFromOtherFrames(Array.from({ length: 40 }, (_, i) => `run-${i}-`).concat(['', 'run-1']));
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Panel' }).click();
  await expect(results().getByText('REAL ANSWER').first()).toBeVisible();
  await expect(results().getByText('FORGED ANSWER')).toHaveCount(0);
  await page.evaluate(() => document.querySelectorAll('iframe[title="forger"]').forEach((f) => f.remove()));
});

test('learner code cannot post to the host: self.postMessage and a patched MessagePort go nowhere', async () => {
  const body = `
  const forged = ${JSON.stringify(forgedDone('run-1'))};
  for (let i = 0; i < 50; i++) (self as any).postMessage({ ...forged, runId: 'run-' + i });
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message: any, ...rest: any[]) {
    if (message && message.type === 'done') message = { ...forged, runId: message.runId };
    return (original as any).call(this, message, ...rest);
  };
  return { responses: { A: { frames: [], error: { category: 'upstream', message: 'REAL ANSWER' } } } };`;
  await runHandler(page, handlerWith(body));
  await expect(results().getByText('REAL ANSWER').first()).toBeVisible();
  await expect(results().getByText('FORGED ANSWER')).toHaveCount(0);
});

/** Check title → 'pass' or 'not pass', read from the Checks tab. */
async function checkOutcomes(): Promise<Map<string, string>> {
  await page.getByRole('tab', { name: /^Checks/ }).click();
  const list = page.getByRole('list', { name: 'Check results' });
  await expect(list).toBeVisible();
  const rows = await list.getByRole('listitem').evaluateAll((items) =>
    items.map((li) => {
      const spans = li.querySelectorAll(':scope > p:first-child > span'); // icon, status, title, task
      return [spans[2]?.textContent ?? '', spans[1]?.textContent === 'Pass' ? 'pass' : 'not pass'] as [string, string];
    }),
  );
  return new Map(rows);
}

const PATCHES = `
// Attempts to turn failing checks green from inside the sandbox.
Array.prototype.every = function () { return true; };
Array.prototype.some = function () { return true; };
Array.prototype.includes = function () { return true; };
const realParse = JSON.parse;
JSON.parse = (text: string) => { try { return realParse(text); } catch { return {}; } };
Object.defineProperty(Object.prototype, 'status', { get() { return 'pass'; }, configurable: true });
Object.defineProperty(Object.prototype, 'passed', { get() { return true; }, configurable: true });
Object.assign = ((target: any) => target) as any;
Object.entries = (() => []) as any;
const then = Promise.prototype.then;
Promise.prototype.then = function (ok: any, bad: any) { return then.call(this, ok, () => ok && ok(undefined)); } as any;
(Promise as any).reject = (v: any) => Promise.resolve(v);
import * as sdk from '@lab/sdk';
try { (sdk as any).queryError = () => undefined; } catch {}
(globalThis as any).runChecks = async () => [];
(globalThis as any).expect = () => {};
`;

test('patching Array.prototype, JSON, Object, Promise or the SDK cannot turn a failing check green', async () => {
  // Baseline: the starter as shipped fails some checks.
  await replaceFile(page, 'query.ts', labFile('starter', 'query.ts'));
  await runHandler(page, labFile('starter', 'handler.ts'));
  const baseline = await checkOutcomes();
  const failing = [...baseline].filter(([, s]) => s !== 'pass').map(([t]) => t);
  expect(failing.length).toBeGreaterThan(0);

  await runHandler(page, `${labFile('starter', 'handler.ts')}\n${PATCHES}`);
  const patched = await checkOutcomes();
  const passing = [...patched].filter(([, s]) => s === 'pass').map(([t]) => t);
  test.info().annotations.push({ type: 'outcome', description: `starter fails ${failing.length}; with patches ${passing.length} pass, ${patched.size - passing.length} do not` });
  for (const title of failing) expect(patched.get(title), title).not.toBe('pass');
  expect(passing.length).toBeLessThanOrEqual(baseline.size - failing.length);
});

test('the check library cannot be imported from learner code', async () => {
  await runHandler(page, `import { runChecks } from '../../../lib/checks/runner';\nimport * as assert from '@/lib/checks/assert';\n${handlerWith('(runChecks as any)(); (assert as any).expect = () => {};')}`);
  await expectRunError(page, 'Import error', /imports '..\/..\/..\/lib\/checks\/runner', but the lab has no such file|imports '@\/lib\/checks\/assert', which is not available/);
});

test('after the forgery attempts, a normal run works and every check passes', async () => {
  await expectNextRunWorks(page);
});

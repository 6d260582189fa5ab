/**
 * Attack suite, what a run leaves behind and what it can reach: every Run starts in
 * sandboxes no earlier Run used (a session per Run, lib/runtime/sandbox/host.ts), and
 * within a Run a run that changes built-ins or leaves work running gets its worker
 * replaced before the next run, so state kept anywhere in a realm (even where the tamper
 * check cannot see, like the performance timeline) and work left running cannot reach
 * the next Run; the runtime reads its private channel with
 * getters captured before learner code ran, and the page counts each run's messages
 * itself; an answer is copied once in the worker and that copy is what is measured
 * and sent. (issue 19, sections 2 to 4.)
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNextRunWorks, expectRunError, handlerWith, runHandler } from './attack-payloads';
import { labFile, openLab, replaceFile } from './helpers';

test.describe.configure({ mode: 'serial' });
// A Run is many sandbox runs, and a tainted one waits for a fresh worker: slow on a loaded machine.
test.setTimeout(300_000);

let page: Page;
/** The results area only: the editor shows the handler's source, the markers included. */
const results = () => page.getByRole('region', { name: 'Results' });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await openLab(page);
});
test.afterAll(() => page.close());

/** A handler that counts its runs in `where` and shows the count as its answer's error message. */
const counting = (keep: string, read: string) =>
  `export async function queryData() {\n${keep}\n  return { responses: { A: { frames: [], error: { category: 'internal', message: 'runs seen: ' + String(${read}) } } } };\n}\n`;

for (const [name, keep, read] of [
  ['Atomics', '(Atomics as any).seen = ((Atomics as any).seen ?? 0) + 1;', '(Atomics as any).seen'],
  [
    'a patched %ArrayIteratorPrototype%.next',
    'const proto: any = Object.getPrototypeOf([][Symbol.iterator]()); const next = proto.next; proto.next = function (this: any) { return next.call(this); }; proto.next.seen = (next.seen ?? 0) + 1;',
    'Object.getPrototypeOf([][Symbol.iterator]()).next.seen',
  ],
  ['the performance timeline, where the tamper check cannot look', "performance.mark('seen');", "performance.getEntriesByName('seen').length"],
]) {
  test(`a counter kept on ${name} starts at 1 in every run, the Run's and the checks'`, async () => {
    for (let run = 0; run < 2; run++) {
      await runHandler(page, counting(keep, read));
      const shown = await results().getByText(/runs seen: \d+/).first().innerText();
      expect(shown.match(/runs seen: (\d+)/)?.[1]).toBe('1');
    }
  });
}

for (const [name, leftBehind] of [
  ['a microtask flood started after the run returned', 'const c = new MessageChannel(); c.port1.onmessage = () => { const f = (): any => Promise.resolve().then(f); f(); }; c.port2.postMessage(0);'],
  ['a MessageChannel ping-pong that spins', 'const c = new MessageChannel(); c.port1.onmessage = () => { const end = Date.now() + 200; while (Date.now() < end); c.port2.postMessage(0); }; c.port2.postMessage(0);'],
  ['an AbortSignal.timeout listener that spins later', "AbortSignal.timeout(300).addEventListener('abort', () => { while (true) {} });"],
]) {
  test(`${name} does not poison the next run: the solution still passes every check`, async () => {
    await runHandler(page, handlerWith(leftBehind));
    await expect(page.getByText(/Last run: completed/)).toBeVisible();
    await expectNextRunWorks(page);
  });
}

// Task sources the sandbox's runtime does not track (a browser's, not Node's: the unit
// tests use setImmediate): work left with them can run after the run said idle, and its
// change would be in the realm when the next check's run arrives. That run must not see it:
// the sandbox compares its realm when a run arrives and refuses it if changed, and the run
// goes to a fresh sandbox. The lab's solution, which fails a check if it finds what an
// earlier run left (read first thing, before its own work), must still pass every check.
for (const [name, leave] of [
  ['scheduler.postTask with a delay', "(globalThis as any).scheduler.postTask(() => { (globalThis as any).__late = 'scheduler.postTask'; }, { delay: 5 });"],
  // (crypto.subtle is not there: the sandbox's opaque origin is not a secure context.)
  [
    'a chain of Blob reads',
    "let p: Promise<unknown> = new Blob(['x'.repeat(4096)]).arrayBuffer();\n  for (let i = 0; i < 20; i++) p = p.then(() => new Blob(['x'.repeat(4096)]).arrayBuffer());\n  void p.then(() => { (globalThis as any).__late = 'Blob.arrayBuffer'; });",
  ],
]) {
  test(`a global set by ${name} after a run ended reaches no later check run`, async () => {
    const solution = labFile('solution', 'handler.ts');
    expect(solution).toContain('export async function queryData(');
    const guarded = `${solution.replace('export async function queryData(', 'async function solvedQueryData(')}
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  const left = (globalThis as any).__late;
  if (left !== undefined) throw new Error('an earlier run left ' + String(left) + ' in this run');
  const answer = await solvedQueryData(req, ctx);
  ${leave}
  return answer;
}
`;
    await replaceFile(page, 'query.ts', labFile('solution', 'query.ts'));
    await runHandler(page, guarded);
    await expect(page.getByText(/Last run: completed/)).toBeVisible();
    await page.getByRole('tab', { name: /^Checks/ }).click();
    await expect(page.getByText(/(\d+) of \1 checks pass/)).toBeVisible();
    await expect(page.getByText(/an earlier run left/)).toHaveCount(0);
  });
}

test('redefining MessageEvent.prototype.data hands the handler neither the private port nor the run id', async () => {
  const body = `
  const seen: string[] = [];
  let port: any = null;
  const original = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!;
  Object.defineProperty(MessageEvent.prototype, 'data', {
    configurable: true,
    get(this: any) {
      const data = original.call(this);
      if (data && data.runId) seen.push('run id ' + data.runId);
      if (this.target && this.target !== self) port = this.target;
      return data;
    },
  });
  await fetch('https://blocked.test/').catch(() => undefined);
  if (port) {
    // What the attack did before: forged logs, 1,000 upstream calls and a flood of messages.
    for (let i = 0; i < 1000; i++) port.postMessage({ type: 'fetch', runId: 'x', fetchId: 10_000 + i, request: { method: 'GET', url: 'https://blocked.test/', headers: [] } });
    for (let i = 0; i < 300000; i++) port.postMessage({ type: 'log', runId: 'x', entry: { level: 'info', message: 'FORGED', source: 'logger', atMs: 0, fields: {} } });
  }
  return { responses: { A: { frames: [], error: { category: 'internal', message: 'port ' + (port ? 'CAPTURED' : 'out of reach') + ', ' + (seen.length ? 'run id SEEN' : 'run id unseen') } } } };`;
  await runHandler(page, handlerWith(body));
  await expect(results().getByText('port out of reach, run id unseen').first()).toBeVisible();
  await page.getByRole('tab', { name: /^Logs/ }).click();
  await expect(results().getByText('FORGED')).toHaveCount(0);
});

test('a getter in the answer that throws is reported as what it is, not as a time limit', async () => {
  await runHandler(
    page,
    handlerWith("return { responses: { A: { frames: [{ name: 'f', meta: { get custom() { throw new Error('gotcha'); } }, fields: [{ name: 'v', values: [1] }] }] } } };"),
  );
  await expectRunError(page, 'The handler threw an error', /Reading responses\.A\.frames\[0\]\.schema\.meta\.custom of the handler's answer threw: Error: gotcha/);
});

test('a getter that is small when first read and huge afterwards sends what was measured', async () => {
  await runHandler(
    page,
    handlerWith(
      "let n = 0;\nreturn { responses: { A: { frames: [{ name: 'f', meta: { get custom() { return ++n < 3 ? 'SMALL-ON-FIRST-READ' : 'x'.repeat(200 * 1024 * 1024); } }, fields: [{ name: 'v', values: [1] }] }] } } };",
    ),
  );
  await expect(page.getByText(/Last run: completed/)).toBeVisible();
});

test('a Map in meta is refused with where it is, instead of counting as one value', async () => {
  await runHandler(page, handlerWith("return { responses: { A: { frames: [{ name: 'f', meta: { custom: new Map([['k', 'x'.repeat(1000)]]) }, fields: [{ name: 'v', values: [1] }] }] } } };"));
  await expectRunError(page, 'The handler returned something Grafana cannot read', /schema\.meta\.custom is a Map/);
});

test('after these attacks, a normal run works and every check passes', async () => {
  await expectNextRunWorks(page);
});

import { describe, expect, it } from 'vitest';
import type { GradeReport } from './contract';
import { CANCELLED_MESSAGE, drawOrder, grade, type Gradable } from './grade';
import { CheckFailure, GradeBlocked, RunDidNotComplete } from './outcomes';

const item = (id: string, run: Gradable['run'], extra: Partial<Gradable> = {}): Gradable => ({ id, title: `Check ${id}`, task: 1, hint: `Look at ${id}.`, run, ...extra });
const passes = (id: string) => item(id, async () => undefined);
const signal = () => new AbortController().signal;

describe('grade (golden cases)', () => {
  it('pass: every check passes, so the grade passes', async () => {
    const report = await grade([passes('a'), passes('b')], { signal: signal() });
    expect(report).toEqual({
      status: 'pass',
      checks: [
        { id: 'a', title: 'Check a', task: 1, status: 'pass', durationMs: expect.any(Number) },
        { id: 'b', title: 'Check b', task: 1, status: 'pass', durationMs: expect.any(Number) },
      ],
      durationMs: expect.any(Number),
    });
  });

  it('fail: expected and actual come from the check, the hint from the item', async () => {
    const report = await grade([item('f', async () => { throw new CheckFailure('two frames', 'none came back'); }), passes('p')], { signal: signal() });
    expect(report.status).toBe('fail');
    expect(report.checks[0]).toEqual({ id: 'f', title: 'Check f', task: 1, status: 'fail', expected: 'two frames', actual: 'none came back', hint: 'Look at f.', durationMs: expect.any(Number) });
    expect(report.message).toBeUndefined();
  });

  it('error: code that did not complete says why; a bug in the check says it is one; later checks still run', async () => {
    const report = await grade(
      [
        item('crash', async () => { throw new RunDidNotComplete({ kind: 'runtime', message: 'TypeError: x is undefined (handler.ts:4)' }); }),
        item('bug', async () => void JSON.parse('{')),
        passes('after'),
      ],
      { signal: signal() },
    );
    expect(report.checks.map((c) => c.status)).toEqual(['error', 'error', 'pass']);
    expect(report.checks[0].actual).toBe('The handler did not complete: TypeError: x is undefined (handler.ts:4)');
    expect(report.checks[1].actual).toMatch(/^The check itself failed: /);
    expect(report.status).toBe('fail');
  });

  it('blocking error: one top-level message, every unfinished check skipped, no "not run" per check', async () => {
    let laterRan = false;
    const report = await grade([item('a', async () => { throw new GradeBlocked('Syntax error in handler.ts at line 2'); }), item('b', async () => void (laterRan = true))], { signal: signal() });
    expect(report.status).toBe('error');
    expect(report.message).toBe('Syntax error in handler.ts at line 2');
    expect(report.checks.map((c) => [c.status, c.actual])).toEqual([['skipped', undefined], ['skipped', undefined]]);
    expect(laterRan).toBe(false);
  });

  it('cancel: ends at once even when the check ignores its signal; unfinished checks skipped', async () => {
    const controller = new AbortController();
    const hangs = item('hang', () => new Promise<void>(() => undefined));
    const done = grade([passes('first'), hangs, passes('last')], {
      signal: controller.signal,
      onUpdate: (r) => {
        if (r.checks[1].status === 'running') controller.abort();
      },
    });
    const report = await done;
    expect(report.status).toBe('cancelled');
    expect(report.message).toBe(CANCELLED_MESSAGE);
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'skipped', 'skipped']);
  });

  it('reports every check pending at once, then each running, then its outcome', async () => {
    const updates: GradeReport[] = [];
    await grade([passes('a'), item('b', async () => { throw new CheckFailure('x', 'y'); })], { signal: signal(), onUpdate: (r) => updates.push(r) });
    const statuses = updates.map((u) => `${u.status}:${u.checks.map((c) => c.status).join(',')}`);
    expect(statuses).toEqual([
      'running:pending,pending',
      'running:running,pending',
      'running:pass,pending',
      'running:pass,running',
      'running:pass,fail',
      'fail:pass,fail',
    ]);
    // Each update is a new object: a view holding an older one never sees it change.
    expect(new Set(updates).size).toBe(updates.length);
  });

  it('an exercise-style failure with no expectation keeps only what happened', async () => {
    const report = await grade([item('b', async () => { throw new CheckFailure('', 'double(21) returned 23'); }, { task: undefined, visible: false, hint: undefined })], { signal: signal() });
    expect(report.checks[0]).toEqual({ id: 'b', title: 'Check b', visible: false, status: 'fail', actual: 'double(21) returned 23', durationMs: expect.any(Number) });
  });

  it('runs items in the order given and reports each at its own place', async () => {
    const ran: string[] = [];
    const track = (id: string, fail = false) => item(id, async () => { ran.push(id); if (fail) throw new CheckFailure('x', `${id} failed`); });
    const report = await grade([track('a'), track('b', true), track('c')], { signal: signal(), order: [2, 0, 1] });
    expect(ran).toEqual(['c', 'a', 'b']);
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual(['a:pass', 'b:fail', 'c:pass']);
    expect(report.status).toBe('fail');
  });

  it('a blocking error in a later-listed item that runs first skips the others, wherever they are listed', async () => {
    const report = await grade([passes('a'), item('b', async () => { throw new GradeBlocked('No check ran: it does not load.'); })], { signal: signal(), order: [1, 0] });
    expect(report.checks.map((c) => c.status)).toEqual(['skipped', 'skipped']);
    expect(report.message).toBe('No check ran: it does not load.');
  });

  it('refuses an order that is not a permutation of the items', async () => {
    for (const order of [[0], [0, 0], [0, 2], [1, 0.5]]) {
      await expect(grade([passes('a'), passes('b')], { signal: signal(), order })).rejects.toThrow(/permutation/);
    }
  });
});

/** A check that waits until `release()` is called: its outcome is the caller's to decide. */
function gate() {
  let release: (err?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => (release = (err) => (err === undefined ? resolve() : reject(err))));
  return { done, release: (err?: unknown) => release(err) };
}

describe('grade with concurrency', () => {
  it('runs up to `concurrency` items at once, starts them in order, and reports each at its own place', async () => {
    const gates = [gate(), gate(), gate()];
    const started: string[] = [];
    const items = ['a', 'b', 'c'].map((id, k) => item(id, async () => { started.push(id); await gates[k].done; }));
    const updates: GradeReport[] = [];
    const done = grade(items, { signal: signal(), order: [2, 0, 1], concurrency: 2, onUpdate: (r) => updates.push(r) });
    await Promise.resolve();
    // Two lanes: the first two of the order run together; the third waits for a lane.
    expect(started).toEqual(['c', 'a']);
    expect(updates.at(-1)!.checks.map((c) => c.status)).toEqual(['running', 'pending', 'running']);
    gates[2].release(new CheckFailure('x', 'c failed'));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['c', 'a', 'b']);
    gates[0].release();
    gates[1].release();
    const report = await done;
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual(['a:pass', 'b:pass', 'c:fail']);
    expect(report.status).toBe('fail');
  });

  it('a blocking error ends the grade at once, whatever the other lane is still doing, and its late outcome changes nothing', async () => {
    const slow = gate();
    const updates: GradeReport[] = [];
    const report = await grade(
      [item('slow', () => slow.done), item('blocks', async () => { throw new GradeBlocked('No check ran: it does not load.'); }), passes('later')],
      { signal: signal(), concurrency: 2, onUpdate: (r) => updates.push(r) },
    );
    expect(report.status).toBe('error');
    expect(report.checks.map((c) => c.status)).toEqual(['skipped', 'skipped', 'skipped']);
    const seen = updates.length;
    slow.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(updates.length).toBe(seen);
  });

  it('a cancel ends every lane at once; finished items keep their outcome', async () => {
    const controller = new AbortController();
    const hang = () => new Promise<void>(() => undefined);
    const report = await grade([passes('quick'), item('h1', hang), item('h2', hang)], {
      signal: controller.signal,
      concurrency: 2,
      onUpdate: (r) => {
        if (r.checks[1].status === 'running' && r.checks[2].status === 'running') controller.abort();
      },
    });
    expect(report.status).toBe('cancelled');
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'skipped', 'skipped']);
  });

  it('more lanes than items is fine, and no items pass at once', async () => {
    expect((await grade([passes('a')], { signal: signal(), concurrency: 8 })).status).toBe('pass');
    expect((await grade([], { signal: signal(), concurrency: 2 })).status).toBe('pass');
  });
});

describe('drawOrder', () => {
  it('is a permutation, and every order of three items comes up', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const order = drawOrder(3);
      expect([...order].sort()).toEqual([0, 1, 2]);
      seen.add(order.join(''));
    }
    // 6 orders; missing one in 600 fair draws has probability about 6 × (5/6)^600 ≈ 1e-47.
    expect(seen.size).toBe(6);
    expect(drawOrder(0)).toEqual([]);
    expect(drawOrder(1)).toEqual([0]);
  });
});

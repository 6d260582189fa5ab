import { describe, expect, it } from 'vitest';
import type { QueryDataRunRecord } from '../engine/run';
import { expect as check, fail, responseFor } from './assert';
import { blockingMessage, runChecks } from './runner';
import type { CheckContext, LabCheck } from './types';

function record(output: QueryDataRunRecord['output']): QueryDataRunRecord {
  return { invocation: 'queryData', request: { pluginContext: {} as never, headers: {}, queries: [] }, scenario: {} as never, output, upstream: [], logs: [], durationMs: 1, killed: false };
}

const ok = record({ ok: true, value: { responses: { A: { frames: [] } } } });
const crashed = record({ ok: false, error: { kind: 'runtime', message: 'TypeError: x is undefined (handler.ts:4)' } });
const ctx = (r: QueryDataRunRecord): CheckContext => ({ now: 0, query: async () => r, health: async () => ({ ...r, invocation: 'checkHealth', output: { ok: false, error: { kind: 'runtime', message: 'not used' } } }) });

const base = { task: 1, title: 'A check', hint: 'Look at the thing.' };

describe('runChecks (golden cases)', () => {
  it('pass: the check resolves', async () => {
    const checks: LabCheck[] = [{ ...base, id: 'p', run: async (c) => void responseFor(await c.query(), 'A') }];
    expect(await runChecks(checks, ctx(ok))).toEqual([{ id: 'p', task: 1, title: 'A check', status: 'pass', durationMs: expect.any(Number) }]);
  });

  it('fail: expected and actual come from the check, the hint from its definition', async () => {
    const checks: LabCheck[] = [{ ...base, id: 'f', run: async () => check(false, 'two frames', 'none came back') }];
    expect(await runChecks(checks, ctx(ok))).toEqual([
      { id: 'f', task: 1, title: 'A check', status: 'fail', expected: 'two frames', actual: 'none came back', hint: 'Look at the thing.', durationMs: expect.any(Number) },
    ]);
  });

  it('error: the handler did not complete, and the learner is told why', async () => {
    const checks: LabCheck[] = [{ ...base, id: 'e', run: async (c) => void responseFor(await c.query(), 'A') }];
    const [result] = await runChecks(checks, ctx(crashed));
    expect(result).toMatchObject({ status: 'error', actual: 'The handler did not complete: TypeError: x is undefined (handler.ts:4)' });
  });

  it('error: a bug in the check itself is reported as such, and later checks still run', async () => {
    const checks: LabCheck[] = [
      { ...base, id: 'bug', run: async () => JSON.parse('{') },
      { ...base, id: 'after', run: async () => fail('x', 'y') },
    ];
    const results = await runChecks(checks, ctx(ok));
    expect(results.map((r) => r.status)).toEqual(['error', 'fail']);
    expect(results[0].actual).toMatch(/^The check itself failed/);
  });

  it('a missing refId fails with the refIds that did come back', async () => {
    const checks: LabCheck[] = [{ ...base, id: 'm', run: async (c) => void responseFor(await c.query(), 'B') }];
    const [result] = await runChecks(checks, ctx(ok));
    expect(result).toMatchObject({ status: 'fail', expected: 'a response for refId "B"', actual: 'the response has refIds [A]' });
  });
});

describe('blockingMessage', () => {
  it('names the run error once, for the whole grade', () => {
    expect(blockingMessage({ kind: 'syntax', message: 'Syntax error in handler.ts at line 2' })).toBe('No check ran: Syntax error in handler.ts at line 2 Fix this first, then Run again.');
  });

  it('lets checks run after a runtime error: each check says what it saw', () => {
    expect(blockingMessage({ kind: 'runtime', message: 'TypeError: x' })).toBeUndefined();
  });
});

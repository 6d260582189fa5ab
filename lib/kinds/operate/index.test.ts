import { describe, expect, it } from 'vitest';
import operateKind from './index';
import { SCHEDULE_TIMEOUT, type OperateRunRecord } from './run';
import type { RawRun, RunJob, SandboxRunner } from '../../runtime/sandbox/host';

const base = { invocation: 'operate', durationMs: 1, seed: 1, epochMs: 0, instances: [], incidents: [], schedule: [], upstream: [], served: {}, outcomes: {}, scrapes: [], noRegistry: true, logs: [], killed: false, virtualEndMs: 0 } satisfies OperateRunRecord;

describe('operate kind', () => {
  it('blocks the grade with one message when the module cannot load, and marks the line', () => {
    const record: OperateRunRecord = { ...base, error: { kind: 'syntax', message: 'Unexpected token', file: 'cache.ts', line: 3, column: 7 } };
    expect(operateKind.blockingError(record)).toMatch(/^No check ran: Unexpected token \(cache\.ts:3\)/);
    expect(operateKind.markers(record)).toEqual([{ path: 'cache.ts', line: 3, column: 7, message: 'Unexpected token', severity: 'error' }]);
  });

  it('words a timeout for a schedule, not for one request', () => {
    expect(operateKind.blockingError({ ...base, killed: true, error: { kind: 'timeout', message: SCHEDULE_TIMEOUT } })).toMatch(/^No check ran: The run was stopped before the schedule was served/);
  });

  it('lets the checks run when the schedule was served', () => {
    expect(operateKind.blockingError(base)).toBeUndefined();
    expect(operateKind.markers(base)).toEqual([]);
  });

  it("serves the load profile once per Run: Run's record is the one the checks read", async () => {
    const jobs: RunJob[] = [];
    const sandbox: SandboxRunner = {
      run: async (job): Promise<RawRun> => (jobs.push(job), { output: { ok: true, value: { requests: [], scrapes: [] } }, logs: [], durationMs: 1, killed: false, virtualMs: 0 }),
    };
    const lab = { id: 'week-4/test', meta: { kind: 'operate', entry: 'handler.ts' } } as never;
    const files = { 'handler.ts': 'export const queryData = () => ({ responses: {} });' };
    const signal = new AbortController().signal;
    const context = operateKind.checkContext({ sandbox }, lab, files, signal);
    const record = await operateKind.run({ sandbox }, lab, { files, settings: {} as never }, signal);
    expect(await context.profile()).toBe(record);
    expect(record.seed).toBe(context.seed);
    expect(jobs).toHaveLength(1);
    // Another Run (another signal) draws its own.
    await operateKind.run({ sandbox }, lab, { files, settings: {} as never }, new AbortController().signal);
    expect(jobs).toHaveLength(2);
  });

  it("keeps the files on the Run's own record only, not on the records of the checks' plans", async () => {
    const sandbox: SandboxRunner = { run: async (): Promise<RawRun> => ({ output: { ok: true, value: { requests: [], scrapes: [] } }, logs: [], durationMs: 1, killed: false, virtualMs: 0 }) };
    const lab = { id: 'week-4/test', meta: { kind: 'operate', entry: 'handler.ts' } } as never;
    const files = { 'handler.ts': 'export const queryData = () => ({ responses: {} });' };
    const signal = new AbortController().signal;
    const context = operateKind.checkContext({ sandbox }, lab, files, signal);
    const checkPlan = await context.serve({ requests: [], incidents: [], scrapeIntervalMs: 0 });
    const record = await operateKind.run({ sandbox }, lab, { files, settings: {} as never }, signal);
    expect(record.files).toBe(files);
    expect(checkPlan).not.toHaveProperty('files');
    // A Run without a check context serves the profile itself, and keeps its files too.
    expect((await operateKind.run({ sandbox }, lab, { files, settings: {} as never }, new AbortController().signal)).files).toBe(files);
  });
});

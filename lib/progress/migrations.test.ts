import { describe, expect, it } from 'vitest';
import { migrate } from './migrations';
import { PROGRESS_VERSION } from './schema';

/** Real values as each release saved them (the `state` inside the storage envelope). */
const AT = '2026-11-01T00:00:00.000Z';
const labV1 = {
  files: { 'handler.ts': 'x', 'query.ts': 'y' },
  answers: { q1: { choice: 'a', correct: true, at: AT } },
  lastRun: { at: AT, passed: 1, total: 3, checks: { a: 'pass', b: 'fail', c: 'error' } },
  queries: [{ refId: 'A', json: '{}' }],
  scenarioId: 'slow',
  updatedAt: AT,
};
const SAVED_BY_VERSION: Record<number, unknown> = {
  0: { 'week-2/first-query-path': labV1 },
  1: { version: 1, labs: { 'week-2/first-query-path': labV1 } },
};
/** What every one of them becomes in the current version. */
const labV2 = {
  ...labV1,
  fileTimes: { 'handler.ts': AT, 'query.ts': AT },
  fieldTimes: { lastRun: AT, queries: AT, scenarioId: AT },
};

describe('migrate', () => {
  it('starts empty when nothing was saved', () => {
    expect(migrate(null)).toMatchObject({ ok: true, progress: { version: PROGRESS_VERSION, labs: {} } });
  });

  it('has a test value for every earlier version', () => {
    expect(Object.keys(SAVED_BY_VERSION).map(Number)).toEqual([...Array(PROGRESS_VERSION).keys()]);
  });

  it.each(Object.entries(SAVED_BY_VERSION))('lifts version %s to the current version without losing anything', (version, saved) => {
    const result = migrate(structuredClone(saved));
    expect(result).toEqual({ ok: true, fromVersion: Number(version), progress: { version: PROGRESS_VERSION, labs: { 'week-2/first-query-path': labV2 } } });
  });

  it('keeps a valid current value as it is', () => {
    const current = { version: PROGRESS_VERSION, labs: { 'week-2/first-query-path': labV2 }, fieldTimes: { other: AT } };
    expect(migrate(current)).toEqual({ ok: true, fromVersion: PROGRESS_VERSION, progress: current });
  });

  it('version 1 → 2: a lab without edited files gets empty change times', () => {
    const result = migrate({ version: 1, labs: { l: { files: {}, answers: {}, updatedAt: AT } } });
    expect(result).toMatchObject({ ok: true, progress: { labs: { l: { fileTimes: {}, fieldTimes: {} } } } });
  });

  it('refuses a newer version instead of guessing', () => {
    expect(migrate({ version: 99, labs: {} })).toMatchObject({ ok: false, reason: expect.stringContaining('newer') });
  });

  it.each([-1, 1.5, '2', null])('refuses an unknown version %j with a reason', (version) => {
    expect(migrate({ version, labs: {} })).toMatchObject({ ok: false, reason: expect.stringContaining('unknown version') });
  });

  it('refuses a value of the wrong shape, naming where', () => {
    expect(migrate({ version: 1, labs: { x: { files: 3, updatedAt: AT } } })).toMatchObject({ ok: false, reason: expect.stringContaining('labs.x.files') });
    expect(migrate({ version: 2, labs: { x: { files: {}, answers: {}, updatedAt: AT, fileTimes: { a: 5 } } } })).toMatchObject({ ok: false, reason: expect.stringContaining('labs.x.fileTimes.a') });
  });
});

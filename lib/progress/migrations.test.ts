import { describe, expect, it } from 'vitest';
import { migrate } from './migrations';

const labV1 = { files: { 'handler.ts': 'x' }, answers: {}, updatedAt: '2026-11-01T00:00:00.000Z' };

describe('migrate', () => {
  it('starts empty when nothing was saved', () => {
    expect(migrate(null)).toEqual({ ok: true, progress: { version: 1, labs: {} } });
  });

  it('keeps a valid version-1 value as it is', () => {
    const saved = { version: 1, labs: { 'week-2/first-query-path': labV1 } };
    expect(migrate(saved)).toEqual({ ok: true, progress: saved });
  });

  it('lifts the unversioned draft (version 0) to version 1', () => {
    expect(migrate({ 'week-2/first-query-path': labV1 })).toEqual({ ok: true, progress: { version: 1, labs: { 'week-2/first-query-path': labV1 } } });
  });

  it('refuses a newer version instead of guessing', () => {
    expect(migrate({ version: 99, labs: {} })).toMatchObject({ ok: false, reason: expect.stringContaining('newer') });
  });

  it('refuses a value of the wrong shape, naming where', () => {
    expect(migrate({ version: 1, labs: { x: { files: 3 } } })).toMatchObject({ ok: false, reason: expect.stringContaining('labs.x.files') });
  });
});

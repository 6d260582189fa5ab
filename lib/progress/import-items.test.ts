import { describe, expect, it } from 'vitest';
import { itemsOf } from './import-items';

describe('fields named like Object.prototype members', () => {
  it('a backup whose fieldTimes names constructor, valueOf or toString brings no item for them', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const backup = {
      version: 2,
      labs: { 'week-1/x': { files: {}, answers: {}, updatedAt: at, fieldTimes: { constructor: at, valueOf: at, isPrototypeOf: at } } },
      fieldTimes: { toString: at },
    };
    const names = [...itemsOf(backup as never).values()].map((item) => item.name);
    for (const name of ['constructor', 'valueOf', 'isPrototypeOf', 'toString']) expect(names).not.toContain(name);
  });
});

describe('a simulation in a backup', () => {
  it('brings its answers to the further questions, not only its files and diagnosis', async () => {
    const { applyImport } = await import('./import-plan');
    const at = '2026-12-01T10:00:00.000Z';
    const answer = { choice: 'b', correct: true, at };
    const backup = { version: 2, labs: {}, exercises: { 'no-data': { files: {}, diagnosis: answer, answers: { probes: answer, autoscaling: { ...answer, choice: 'c', correct: false } } } } };
    const local = { version: 2, labs: {} };
    const merged = applyImport(local as never, backup as never, { replace: new Set(), at: '2026-12-02T00:00:00.000Z' });
    expect(merged.exercises?.['no-data']?.answers).toEqual({ probes: answer, autoscaling: { ...answer, choice: 'c', correct: false } });
    expect([...itemsOf(backup as never).values()].filter((item) => item.kind === 'exercise-answer').map((item) => item.name).sort()).toEqual(['autoscaling', 'probes']);
  });
});

import { describe, expect, it } from 'vitest';
import { expect as check } from '../checks/assert';
import { decodeAnswer, encodeAnswer, gradeIncident, incidentCheckContext, incidentOf, incidentSeed, type Incident } from './incident';
import type { SimCheck } from './sim-types';

const incident: Incident = { seed: 7, report: 'empty panel', hops: [], answer: { hop: 'b', cause: 'c' } };
const checks: SimCheck[] = [
  {
    id: 'hop',
    title: 'Names the hop',
    hint: 'look again',
    async run(ctx) {
      const { incident: drawn, answer } = incidentOf(ctx);
      check(answer.hop === drawn.answer.hop, `hop ${drawn.answer.hop}`, `hop ${answer.hop}`);
    },
  },
];

describe('incident simulations', () => {
  it('save an answer in at most 5 characters and read it back, parts left out included', () => {
    for (const answer of [{ hop: 'a', cause: 'g' }, { hop: 'e' }, { cause: 'b' }, {}]) {
      expect(encodeAnswer(answer).length).toBeLessThanOrEqual(5);
      expect(decodeAnswer(encodeAnswer(answer))).toEqual(answer);
    }
    expect(decodeAnswer(undefined)).toEqual({});
  });

  it('give each learner a stable seed of their own, per simulation', () => {
    expect(incidentSeed('learner-1', 'no-data')).toBe(incidentSeed('learner-1', 'no-data'));
    expect(incidentSeed('learner-1', 'no-data')).not.toBe(incidentSeed('learner-2', 'no-data'));
    expect(incidentSeed('learner-1', 'no-data')).not.toBe(incidentSeed('learner-1', 'other'));
  });

  it('grade a diagnosis with the checks: right passes, wrong fails with the check’s message', async () => {
    expect((await gradeIncident(checks, incident, { hop: 'b' })).checks.map((c) => c.status)).toEqual(['pass']);
    const wrong = (await gradeIncident(checks, incident, { hop: 'a' })).checks[0];
    expect(wrong.status).toBe('fail');
    expect(wrong.actual).toContain('hop a');
  });

  it('have no plugin to run, and say so', async () => {
    const ctx = incidentCheckContext(incident, {});
    await expect(ctx.query()).rejects.toThrow(/no plugin to run/);
    expect(() => incidentOf({ ...ctx, incident: undefined })).toThrow(/has no incident/);
  });
});

/** exerciseFacts: what the exercise list and the week pages hand the status badge. */
import { describe, expect, it } from 'vitest';
import { exerciseState } from '../progress/completion';
import { exerciseFacts, loadExercise } from './load';

describe('exerciseFacts', () => {
  it('a coding exercise: its kind and no further questions', () => {
    expect(exerciseFacts(loadExercise('lru-ttl-cache'))).toEqual({ kind: 'exercise', questionIds: [] });
  });

  it("a simulation: its kind and the ids of every further question, so a right diagnosis alone is not yet Passed", () => {
    const sim = loadExercise('no-data');
    if (sim.kind !== 'sim') throw new Error('no-data should be a simulation');
    const facts = exerciseFacts(sim);
    expect(facts.kind).toBe('sim');
    expect(facts.questionIds).toEqual(sim.meta.questions.map((q) => q.id));
    expect(facts.questionIds.length).toBeGreaterThan(0);

    const diagnosed = { files: {}, diagnosis: { choice: 'x', correct: true, at: '2026-12-01T10:00:00.000Z' } };
    expect(exerciseState(diagnosed, facts).status).toBe('in-progress');
    const answers = Object.fromEntries(facts.questionIds.map((id) => [id, { choice: 'a', correct: true, at: '2026-12-01T10:00:00.000Z' }]));
    expect(exerciseState({ ...diagnosed, answers }, facts).status).toBe('passed');
  });

  it('is plain data, so a server page can pass it to the client badge', () => {
    const facts = exerciseFacts(loadExercise('no-data'));
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createFeedback, feedbackForLab, readFeedbackFile } from './feedback';
import { assignmentProgress } from './assignment-progress';
import { createAssignment } from './assignment';
import type { Catalogue } from './catalogue';

const draft = { mentor: 'Ada', learner: 'Lin', note: '', labs: { 'week-2/first-query-path': { note: 'Nice', comments: [{ path: 'handler.ts', line: 4, text: 'Why?' }] } } };

describe('feedback files', () => {
  it('are read back as made, and found per lab, newest first', () => {
    const older = createFeedback(draft, new Date('2026-12-01T10:00:00Z'), 'feedback01');
    const newer = createFeedback({ ...draft, note: 'Second look' }, new Date('2026-12-03T10:00:00Z'), 'feedback02');
    if (!older.ok || !newer.ok) throw new Error('not made');
    const back = readFeedbackFile(JSON.stringify(newer.value));
    expect(back.ok && back.value).toEqual(newer.value);
    const found = feedbackForLab([{ feedback: older.value, receivedAt: 'x' }, { feedback: newer.value, receivedAt: 'y' }], 'week-2/first-query-path');
    expect(found.map((f) => f.feedback.id)).toEqual(['feedback02', 'feedback01']);
    expect(feedbackForLab([{ feedback: older.value, receivedAt: 'x' }], 'constructor')).toEqual([]);
  });

  it('refuse what is not feedback, with the reason', () => {
    expect(createFeedback({ ...draft, mentor: ' ' }).ok).toBe(false);
    const bad = [
      ['{"__proto__": {"a": 1}}', /__proto__/],
      ['{"format": "datasource-lab-submission"}', /format/],
      [JSON.stringify({ format: 'datasource-lab-feedback', version: 1, id: 'feedback01', mentor: 'Ada', learner: 'Lin', createdAt: 'x', labs: { 'week-2/x': { comments: [{ path: '../../etc/passwd', line: 1, text: 'x' }] } } }), /path/],
      [JSON.stringify({ format: 'datasource-lab-feedback', version: 1, id: 'feedback01', mentor: 'Ada', learner: 'Lin', createdAt: 'x', labs: { 'week-2/x': { comments: [{ path: 'a.ts', line: 0, text: 'x' }] } } }), /line/],
      ['x'.repeat(600 * 1024), /at most/],
    ] as const;
    for (const [text, reason] of bad) {
      const read = readFeedbackFile(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(reason);
    }
  });
});

describe('progress on an assignment', () => {
  const catalogue: Catalogue = {
    weeks: [],
    labs: [{ id: 'week-2/a', week: 2, order: 1, title: 'Lab A', summary: '', estimatedMinutes: 5, questionCount: 1, questionIds: ['q1'] }],
    exercises: [{ id: 'cache', title: 'Cache', group: 'Coding exercise' }],
    questions: [{ id: 'design', title: 'Design', group: 'system-design' }],
  };
  it('counts each item from saved progress, and names items this app lacks', () => {
    const made = createAssignment({ mentor: 'Ada', note: '', due: '2026-12-10', labs: ['week-2/a', 'week-9/gone'], exercises: ['cache'], questions: ['design'] });
    if (!made.ok) throw new Error(made.reason);
    const empty = assignmentProgress(made.value, { labs: {} }, catalogue);
    expect(empty.items.map((i) => i.status)).toEqual(['Not started', 'Not in this version of the app', 'Not started', 'Not practised yet']);
    const done = assignmentProgress(
      made.value,
      {
        labs: { 'week-2/a': { files: {}, answers: { q1: { choice: 'a', correct: true, at: 'x' } }, updatedAt: 'x', lastRun: { at: 'x', passed: 3, total: 3, checks: {} } } },
        exercises: { cache: { files: {}, lastResult: { at: 'x', passed: 2, total: 4 } } },
        interview: { questions: { design: { draft: { notes: '', hintsRevealed: 0, rubricRevealed: false, coverage: {}, timer: { elapsedMs: 0 } }, attempts: [{ at: 'x', score: 3, hintsUsed: 0, elapsedMs: 0, mode: 'practice' }] } }, filters: { categories: [], difficulties: [] }, mocks: [] },
      },
      catalogue,
    );
    expect(done.items.map((i) => i.status)).toEqual(['Complete', 'Not in this version of the app', '2 of 4 pass', 'Practised 1 time']);
    expect(done.done).toBe(2);
    expect(done.fraction).toBeCloseTo((1 + 0 + 0.5 + 1) / 4);
  });
});

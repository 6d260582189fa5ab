import { describe, expect, it } from 'vitest';
import { formatWhen } from './format-time';
import { previewImport } from './import-plan';
import { groupName, itemName, shortPrompt, UNKNOWN_MARK, type ProgressTitles } from './preview-names';
import { EMPTY_PROGRESS, type Progress } from './schema';

const AT = '2026-11-25T10:00:00.000Z';
const draft = { notes: 'x', hintsRevealed: 1, rubricRevealed: false, coverage: {}, timer: { elapsedMs: 0 } };

const titles: ProgressTitles = {
  labs: { 'week-1/query-lifecycle': 'The query lifecycle' },
  exercises: { 'lru-ttl-cache': 'Cache query results' },
  questions: { 'query-cache': 'A query handler with an expiring LRU cache', 'multi-backend-datasource': 'One data source, several backends' },
  labQuestions: { 'week-1/query-lifecycle': { 'why-frames': 'Why does Grafana want every data source to answer with data frames?' } },
};

/** A backup touching every kind of item, under ids the titles know. */
const backup = {
  version: 2,
  labs: {
    'week-1/query-lifecycle': {
      files: { 'handler.ts': '// mine' },
      answers: { 'why-frames': { choice: 'a', correct: true, at: AT }, 'retired-question': { choice: 'b', correct: false, at: AT } },
      lastRun: { at: AT, passed: 3, total: 4, checks: {} },
      updatedAt: AT,
    },
    'week-9/gone': { files: { 'a.ts': '//' }, answers: {}, updatedAt: AT },
  },
  exercises: { 'lru-ttl-cache': { files: { 'cache.ts': '//' }, lastResult: { at: AT, passed: 2, total: 5 } } },
  interview: {
    questions: { 'query-cache': { draft, attempts: [{ at: AT, score: 4, hintsUsed: 0, elapsedMs: 1, mode: 'practice' }] } },
    filters: { categories: ['coding'], difficulties: [] },
    mocks: [{ id: 'm1', startedAt: AT, finishedAt: AT, questionIds: ['query-cache', 'multi-backend-datasource'], plannedMinutes: 20, timer: { elapsedMs: 0 }, answers: {} }],
  },
  learnerName: 'Ada',
  fieldTimes: { interview: AT, exercises: AT, learnerName: AT },
} as unknown as Progress;

const rows = () => previewImport(EMPTY_PROGRESS, backup).items.map((item) => ({ item, group: groupName(item, titles), name: itemName(item, titles) }));

describe('import preview names', () => {
  it('names labs, exercises, interview questions and lab questions by title, never by a known id', () => {
    const shown = rows().flatMap((r) => [r.group, r.name]).join('\n');
    expect(shown).toContain('Lab: The query lifecycle');
    expect(shown).toContain('Exercise: Cache query results');
    expect(shown).toContain('Interview question: A query handler with an expiring LRU cache');
    expect(shown).toContain('Answer to “Why does Grafana want every data source to answer with data frames?”');
    expect(shown).toContain('(2 questions: A query handler with an expiring LRU cache; One data source, several backends)');
    expect(shown).toContain('Your name for handing in');
    for (const id of ['week-1/query-lifecycle', 'lru-ttl-cache', 'query-cache', 'multi-backend-datasource', 'why-frames', 'learnerName']) expect(shown, id).not.toContain(id);
  });

  it('shows an id this release does not know, marked as such', () => {
    const shown = rows().flatMap((r) => [r.group, r.name]);
    expect(shown).toContain(`Lab: week-9/gone ${UNKNOWN_MARK}`);
    expect(shown).toContain(`Answer to question retired-question ${UNKNOWN_MARK}`);
    expect(groupName({ scope: 'lab', owner: 'constructor' }, titles)).toBe(`Lab: constructor ${UNKNOWN_MARK}`);
    expect(itemName({ kind: 'answer', owner: 'toString', name: 'valueOf', value: {} }, titles)).toBe(`Answer to question valueOf ${UNKNOWN_MARK}`);
  });

  it('writes every time in one format', () => {
    const dated = rows().map((r) => r.name).filter((name) => /attempt of|Mock interview of/.test(name));
    expect(dated).toHaveLength(2);
    for (const name of dated) expect(name).toContain(formatWhen(AT));
  });
});

describe('shortPrompt', () => {
  it('keeps a short prompt whole, without code marks', () => {
    expect(shortPrompt('What does `meta.type` tell\n Grafana?')).toBe('What does meta.type tell Grafana?');
  });

  it('cuts a long prompt at a word, with an ellipsis, to at most 100 characters', () => {
    const long = 'Start in the browser. A user types a metric name into the query editor. Pick a line where the editor hands the changed query model to Grafana.';
    const short = shortPrompt(long);
    expect(short.length).toBeLessThanOrEqual(100);
    expect(short).toMatch(/^Start in the browser\. A user types .* \w+…$/);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});

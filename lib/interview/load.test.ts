import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInterviewQuestions, QUESTIONS_DIR, summarizeQuestion } from './load';

describe('the interview question bank', () => {
  const questions = loadInterviewQuestions();

  it('loads all 20 questions in file order', () => {
    expect(questions).toHaveLength(20);
    expect(questions.map((q) => q.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('has unique ids that are safe URL segments', () => {
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every question a rubric, an outline with trade-offs and a hint ladder', () => {
    for (const q of questions) {
      expect(q.keyPoints.length, q.id).toBeGreaterThanOrEqual(3);
      expect(new Set(q.keyPoints.map((k) => k.id)).size, q.id).toBe(q.keyPoints.length);
      expect(q.outline.steps.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.outline.tradeOffs.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.hints.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.hints.length, q.id).toBeLessThanOrEqual(4);
      expect(q.promptHtml, q.id).toContain('<p>');
    }
  });

  it('covers every category, every difficulty, and links the agreed exercises and simulations', () => {
    expect(new Set(questions.map((q) => q.category))).toEqual(new Set(['system-design', 'coding', 'architecture', 'troubleshooting', 'scenario']));
    expect(new Set(questions.map((q) => q.difficulty))).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
    const byNumber = (n: number) => questions.find((q) => q.number === n)!;
    expect([2, 5, 8, 14].map((n) => byNumber(n).exercise)).toEqual(['lru-ttl-cache', 'middleware-chain', 'connection-pool', 'retry-backoff']);
    expect([4, 12].map((n) => byNumber(n).simulation)).toEqual(['slow-queries', 'memory-leak']);
    expect(summarizeQuestion(byNumber(2)).hasExercise).toBe(true);
    expect(summarizeQuestion(byNumber(1)).hasExercise).toBe(false);
  });
});

describe('questions for juniors', () => {
  const beginner = loadInterviewQuestions().filter((q) => q.difficulty === 'beginner');

  it('has four to six beginner questions, answerable in a short slot', () => {
    expect(beginner.length).toBeGreaterThanOrEqual(4);
    expect(beginner.length).toBeLessThanOrEqual(6);
    for (const q of beginner) expect(q.suggestedMinutes, q.id).toBeLessThanOrEqual(20);
  });

  it('spreads them over more than one category', () => {
    expect(new Set(beginner.map((q) => q.category)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('loader errors name the file', () => {
  let dir: string;
  const valid = readFileSync(join(QUESTIONS_DIR, '01-multi-backend-datasource.json'), 'utf8');
  const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'interview-')));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a folder with one valid file', () => {
    fresh();
    writeFileSync(join(dir, '07-my-question.json'), valid);
    const [q] = loadInterviewQuestions(dir);
    expect(q).toMatchObject({ id: 'my-question', number: 7 });
  });

  it('rejects malformed JSON', () => {
    fresh();
    writeFileSync(join(dir, '01-broken.json'), '{ "title": ');
    expect(() => loadInterviewQuestions(dir)).toThrow(/01-broken\.json: is not valid JSON/);
  });

  it('rejects a file that breaks the schema, naming the field', () => {
    fresh();
    const data = JSON.parse(valid);
    data.hints = ['only one hint here'];
    writeFileSync(join(dir, '01-few-hints.json'), JSON.stringify(data));
    expect(() => loadInterviewQuestions(dir)).toThrow(/01-few-hints\.json: hints:/);
  });

  it('rejects duplicate key point ids', () => {
    fresh();
    const data = JSON.parse(valid);
    data.keyPoints[1].id = data.keyPoints[0].id;
    writeFileSync(join(dir, '01-dup.json'), JSON.stringify(data));
    expect(() => loadInterviewQuestions(dir)).toThrow(/01-dup\.json: keyPoints\.1\.id: .*used twice/);
  });

  it('rejects mis-named files, duplicate numbers and reserved slugs', () => {
    fresh();
    writeFileSync(join(dir, 'question.json'), valid);
    expect(() => loadInterviewQuestions(dir)).toThrow(/question\.json: the name must look like/);
    rmSync(join(dir, 'question.json'));
    writeFileSync(join(dir, '01-a.json'), valid);
    writeFileSync(join(dir, '01-b.json'), valid);
    expect(() => loadInterviewQuestions(dir)).toThrow(/01-b\.json: number 01 is already used/);
    rmSync(join(dir, '01-b.json'));
    writeFileSync(join(dir, '02-mock.json'), valid);
    expect(() => loadInterviewQuestions(dir)).toThrow(/02-mock\.json: "mock" is a page of its own/);
  });

  it('rejects unknown fields so typos do not pass silently', () => {
    fresh();
    writeFileSync(join(dir, '01-typo.json'), JSON.stringify({ ...JSON.parse(valid), hint: ['x'] }));
    expect(() => loadInterviewQuestions(dir)).toThrow(/01-typo\.json/);
  });
});

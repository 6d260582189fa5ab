/**
 * Line questions (code tour): the question schema's two kinds, and the load-time
 * check that keeps a line question pointing at the lines it means.
 */
import { describe, expect, it } from 'vitest';
import { LabContentError, checkLineQuestions } from './load';
import { labMetaSchema, questionSchema, questionsFileSchema, type Question } from './schema';

const CHOICE = {
  id: 'json-is-text',
  prompt: 'Why validate the query model?',
  choices: [
    { id: 'a', text: 'Types are erased at run time.' },
    { id: 'b', text: 'Grafana encrypts it.' },
  ],
  answer: 'a',
  explanation: 'Types describe what you hope arrives; a schema checks what did.',
};

const LINE = {
  kind: 'line',
  id: 'where-parsed',
  prompt: 'Where is the query JSON parsed?',
  file: 'handler.go',
  accept: [{ from: 3, to: 4, contains: 'json.Unmarshal' }],
  explanation: 'json.Unmarshal fills the struct from the raw JSON of the query.',
};

const FILE = ['package plugin', '', 'func parse(raw []byte) (q Query, err error) {', '\terr = json.Unmarshal(raw, &q)', '\treturn', '}', ''].join('\n');

const META = labMetaSchema.parse({
  title: 'Tour',
  summary: 'A lab used by these tests only.',
  estimatedMinutes: 5,
  files: [
    { path: 'handler.go', language: 'go', readOnly: true },
    { path: 'errors.ts', language: 'typescript' },
  ],
});

function lineQuestion(overrides: Record<string, unknown>): Question {
  return questionSchema.parse({ ...LINE, ...overrides });
}

describe('questionSchema', () => {
  it('reads a question without kind as single choice, so existing questions.json files parse unchanged', () => {
    const q = questionSchema.parse(CHOICE);
    expect(q.kind).toBe('choice');
    expect(q.kind === 'choice' && q.answer).toBe('a');
    expect(q.source).toBe('lab');
  });

  it('reads a line question with its file and ranges', () => {
    const q = questionSchema.parse(LINE);
    expect(q.kind).toBe('line');
    expect(q.kind === 'line' && q.accept).toEqual([{ from: 3, to: 4, contains: 'json.Unmarshal' }]);
  });

  it('still rejects a choice answer that is not one of the choices', () => {
    expect(questionSchema.safeParse({ ...CHOICE, answer: 'c' }).success).toBe(false);
  });

  it.each([
    ['a range that ends before it starts', { accept: [{ from: 5, to: 4, contains: 'json.Unmarshal' }] }],
    ['no ranges', { accept: [] }],
    ['a range without the text that anchors it', { accept: [{ from: 3, to: 4 }] }],
    ['line 0', { accept: [{ from: 0, to: 4, contains: 'json.Unmarshal' }] }],
    ['no file', { file: undefined }],
    ['an unknown kind', { kind: 'essay' }],
  ])('rejects a line question with %s', (_what, overrides) => {
    expect(questionSchema.safeParse({ ...LINE, ...overrides }).success).toBe(false);
  });

  it('parses a mixed questions.json', () => {
    expect(questionsFileSchema.parse([CHOICE, LINE]).map((q) => q.kind)).toEqual(['choice', 'line']);
  });
});

describe('checkLineQuestions', () => {
  const check = (q: Question) => () => checkLineQuestions('labs/week-1/99-tour', META, { 'handler.go': FILE, 'errors.ts': '' }, [q]);

  it('accepts ranges that hold their anchor text', () => {
    expect(check(lineQuestion({}))).not.toThrow();
    expect(check(lineQuestion({ accept: [{ from: 4, to: 4, contains: 'json.Unmarshal(raw, &q)' }] }))).not.toThrow();
  });

  it('names a file that is not in the lab', () => {
    expect(check(lineQuestion({ file: 'handler.rs' }))).toThrow(/question "where-parsed" points at "handler.rs", which is not one of the lab's files/);
  });

  it('refuses a file the learner can edit, whose lines could move', () => {
    expect(check(lineQuestion({ file: 'errors.ts', accept: [{ from: 1, to: 1, contains: 'xyz' }] }))).toThrow(/can edit.*readOnly/);
  });

  it('refuses a range past the end of the file', () => {
    expect(check(lineQuestion({ accept: [{ from: 6, to: 40, contains: 'json.Unmarshal' }] }))).toThrow(/accepts lines 6-40, but handler.go has 7 lines/);
  });

  it('fails when the lines drifted away from the text the question means', () => {
    const fn = check(lineQuestion({ accept: [{ from: 1, to: 2, contains: 'json.Unmarshal' }] }));
    expect(fn).toThrow(LabContentError);
    expect(fn).toThrow(/lines 1-2 of handler.go no longer contain "json.Unmarshal"/);
  });

  it('leaves choice questions alone', () => {
    expect(() => checkLineQuestions('x', META, {}, [questionSchema.parse(CHOICE)])).not.toThrow();
  });
});

/**
 * Reads the interview question bank from `content/interview/questions/NN-slug.json`
 * at build time (server components and Node tests; never the browser). Every file is
 * validated; a problem throws an error naming the file. Adding a question is adding a
 * file: the number orders the bank, the slug is the id and the URL.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { projectPath } from '@/lib/labs/project-path';
import { interviewQuestionFileSchema, type InterviewQuestion, type InterviewQuestionSummary } from './schema';

export const QUESTIONS_DIR = join(process.cwd(), 'content', 'interview', 'questions');

const FILE_NAME = /^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.json$/;
/** Slugs that would collide with a route under /interview/. */
const RESERVED_IDS = new Set(['mock']);

export class InterviewContentError extends Error {
  constructor(file: string, problem: string) {
    super(`Interview question ${file}: ${problem}`);
    this.name = 'InterviewContentError';
  }
}

/** Every question, in file-number order. `dir` is for tests. */
export function loadInterviewQuestions(dir: string = QUESTIONS_DIR): InterviewQuestion[] {
  if (!existsSync(dir)) throw new InterviewContentError(projectPath(dir), 'the folder is missing.');
  const questions: InterviewQuestion[] = [];
  const byNumber = new Map<number, string>();
  const byId = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    const rel = projectPath(file);
    const match = FILE_NAME.exec(name);
    if (!match) {
      // A mis-named file would silently drop out of the bank; say so instead.
      throw new InterviewContentError(rel, 'the name must look like "NN-slug.json" (two digits, a dash, lowercase words joined by dashes).');
    }
    const number = Number(match[1]);
    const id = match[2];
    if (RESERVED_IDS.has(id)) throw new InterviewContentError(rel, `"${id}" is a page of its own under /interview/; pick another slug.`);
    if (byNumber.has(number)) throw new InterviewContentError(rel, `number ${match[1]} is already used by ${byNumber.get(number)}.`);
    if (byId.has(id)) throw new InterviewContentError(rel, `slug "${id}" is already used by ${byId.get(id)}; slugs are ids and must be unique.`);
    byNumber.set(number, rel);
    byId.set(id, rel);
    questions.push(loadQuestion(file, number, id));
  }
  return questions;
}

export function loadQuestion(file: string, number: number, id: string): InterviewQuestion {
  const rel = projectPath(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InterviewContentError(rel, `is not valid JSON (${(err as Error).message}).`);
  }
  const parsed = interviewQuestionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InterviewContentError(rel, `${issues}. See lib/interview/schema.ts for the expected shape.`);
  }
  return { ...parsed.data, id, number, promptHtml: marked.parse(parsed.data.prompt, { async: false }) };
}

export function summarizeQuestion(q: InterviewQuestion): InterviewQuestionSummary {
  const { id, number, title, category, difficulty, suggestedMinutes, summary } = q;
  return { id, number, title, category, difficulty, suggestedMinutes, summary, hasExercise: Boolean(q.exercise || q.simulation) };
}

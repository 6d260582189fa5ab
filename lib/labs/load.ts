/**
 * Reads labs from `labs/week-N/NN-slug/`, and the capstones from `labs/capstone/x-slug/`
 * (x: the capstone's letter), at build time (server components, scripts and Node tests;
 * never the browser). Every file is validated; a problem throws an
 * error naming the lab folder and the file.
 *
 * A lab folder holds:
 *   lab.json        metadata (labMetaSchema)
 *   README.md       instructions with numbered tasks
 *   questions.json  knowledge questions (questionsFileSchema)
 *   checks.ts       behavioural checks (default export: LabCheck[])
 *   starter/        the files the learner starts from
 *   solution/       only the files the solution changes; the rest come from starter/
 *                   (lib/labs/overlay.ts)
 * Other folders (e.g. `wrong/`, `alternative/` for a lab kind's own tests) are left to
 * whoever reads them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { z } from 'zod';
import { overlaySolution, readTree } from './overlay';
import { projectPath } from './project-path';
import { labMetaSchema, questionsFileSchema, type LabMeta, type Question } from './schema';

export const LABS_DIR = join(process.cwd(), 'labs');

/** What lists of labs need. Serializable, so server components can pass it on. */
export interface LabSummary {
  /** `week-2/first-query-path`: also the URL path under /labs/. */
  id: string;
  /** The plan's step: the week, 1 to 4; a capstone lab has CAPSTONE_STEP (after the last week). */
  week: number;
  order: number;
  /** A capstone lab's letter (A, B…), as the plan names it; absent for a week's lab. `id` is then `capstone/<slug>`. */
  capstone?: string;
  slug: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  questionCount: number;
}

/** Everything the lab page needs. */
export interface LabContent extends LabSummary {
  /** Folder relative to the repo root, e.g. labs/week-2/01-first-query-path. */
  dir: string;
  meta: LabMeta;
  /** The README rendered to HTML (our own trusted content). */
  proseHtml: string;
  /** Task titles, in order, taken from the README's numbered task list. */
  tasks: string[];
  starter: Record<string, string>;
  /** Every file, solved: starter/ with solution/'s files laid over it. */
  solution: Record<string, string>;
  questions: Question[];
}

export class LabContentError extends Error {
  constructor(dir: string, file: string, problem: string) {
    super(`Lab ${dir}, ${file}: ${problem}`);
    this.name = 'LabContentError';
  }
}

const WEEK_DIR = /^week-([1-4])$/;
const LAB_DIR = /^(\d\d)-([a-z0-9-]+)$/;
/** `labs/capstone/b-release-design/`: the capstone's letter, then its slug. */
const CAPSTONE_DIR = 'capstone';
const CAPSTONE_LAB_DIR = /^([a-z])-([a-z0-9-]+)$/;
/** The capstones come after the four weeks: their labs carry this as `week`. */
export const CAPSTONE_STEP = 5;

/** Every lab, ordered by week and then by folder number. */
export function loadAllLabs(labsDir = LABS_DIR): LabContent[] {
  if (!existsSync(labsDir)) return [];
  const labs: LabContent[] = [];
  for (const week of readdirSync(labsDir).sort()) {
    const weekMatch = WEEK_DIR.exec(week);
    if (!weekMatch || !statSync(join(labsDir, week)).isDirectory()) continue;
    for (const folder of readdirSync(join(labsDir, week)).sort()) {
      const labMatch = LAB_DIR.exec(folder);
      if (!labMatch) continue;
      labs.push(loadLab(join(labsDir, week, folder), Number(weekMatch[1]), Number(labMatch[1]), labMatch[2]));
    }
  }
  const capstones = join(labsDir, CAPSTONE_DIR);
  if (existsSync(capstones) && statSync(capstones).isDirectory()) {
    for (const folder of readdirSync(capstones).sort()) {
      const match = CAPSTONE_LAB_DIR.exec(folder);
      if (!match || !statSync(join(capstones, folder)).isDirectory()) continue;
      labs.push(loadLab(join(capstones, folder), CAPSTONE_STEP, match[1].charCodeAt(0) - 96, match[2], match[1].toUpperCase()));
    }
  }
  return labs;
}

export function loadLab(dir: string, week: number, order: number, slug: string, capstone?: string): LabContent {
  const rel = projectPath(dir);
  const meta = parseJson(rel, dir, 'lab.json', labMetaSchema);
  const questions = parseJson(rel, dir, 'questions.json', questionsFileSchema);
  const readme = readText(rel, dir, 'README.md');
  if (!existsSync(join(dir, 'checks.ts'))) throw new LabContentError(rel, 'checks.ts', 'is missing; every lab needs behavioural checks.');
  if (meta.entry && !meta.files.some((f) => f.path === meta.entry)) throw new LabContentError(rel, 'lab.json', `entry "${meta.entry}" is not one of its files.`);
  if (meta.entry && !meta.run && meta.kind !== 'operate') throw new LabContentError(rel, 'lab.json', 'a lab with an entry file needs a "run" section.');

  const starter: Record<string, string> = {};
  for (const file of meta.files) starter[file.path] = readText(rel, dir, join('starter', file.path));
  const { solution, problems } = overlaySolution(meta.files, starter, readTree(join(dir, 'solution')));
  if (problems.length > 0) throw new LabContentError(rel, problems[0].file, problems[0].problem);
  checkLineQuestions(rel, meta, starter, questions);
  const tasks = parseTasks(readme);
  if (tasks.length === 0) throw new LabContentError(rel, 'README.md', 'has no "## Tasks" section with a numbered list.');

  return {
    id: capstone ? `${CAPSTONE_DIR}/${slug}` : `week-${week}/${slug}`,
    dir: rel,
    week,
    order,
    ...(capstone ? { capstone } : {}),
    slug,
    title: meta.title,
    summary: meta.summary,
    estimatedMinutes: meta.estimatedMinutes,
    questionCount: questions.length,
    meta,
    proseHtml: marked.parse(readme, { async: false }),
    tasks,
    starter,
    solution,
    questions,
  };
}

/**
 * A line question must point at lines that exist in a read-only file (the learner's
 * edits could move lines in an editable one), and each accepted range must still hold
 * its `contains` text, so editing a tour file without updating its questions fails the
 * build instead of silently marking the wrong lines right.
 */
export function checkLineQuestions(rel: string, meta: LabMeta, starter: Record<string, string>, questions: Question[]): void {
  for (const question of questions) {
    if (question.kind !== 'line') continue;
    const where = `question "${question.id}"`;
    const file = meta.files.find((f) => f.path === question.file);
    if (!file) throw new LabContentError(rel, 'questions.json', `${where} points at "${question.file}", which is not one of the lab's files.`);
    if (!file.readOnly) throw new LabContentError(rel, 'questions.json', `${where} points at "${question.file}", which the learner can edit, so its lines could move; mark the file readOnly in lab.json.`);
    const lines = starter[file.path].split(/\r?\n/);
    for (const range of question.accept) {
      if (range.to > lines.length) throw new LabContentError(rel, 'questions.json', `${where} accepts lines ${range.from}-${range.to}, but ${file.path} has ${lines.length} lines.`);
      const text = lines.slice(range.from - 1, range.to).join('\n');
      if (!text.includes(range.contains)) {
        throw new LabContentError(rel, 'questions.json', `${where}: lines ${range.from}-${range.to} of ${file.path} no longer contain ${JSON.stringify(range.contains)}; update the range to where it moved.`);
      }
    }
  }
}

/** Strips the heavy fields for lists. */
export function summarize(lab: LabContent): LabSummary {
  const { id, week, order, capstone, slug, title, summary, estimatedMinutes, questionCount } = lab;
  return { id, week, order, ...(capstone ? { capstone } : {}), slug, title, summary, estimatedMinutes, questionCount };
}

/** The numbered items under `## Tasks`: their bold titles, or the whole item without Markdown marks. */
export function parseTasks(readme: string): string[] {
  const section = /^## Tasks\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
  // A task may open with a bold title ("**Complete the query model.** More text"): use just that.
  return [...section.matchAll(/^\d+\.\s+(.+)$/gm)].map((m) => {
    const title = /^\*\*(.+?)\*\*/.exec(m[1])?.[1] ?? m[1];
    return title.replace(/[*`]/g, '').replace(/\.$/, '').trim();
  });
}

function readText(rel: string, dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new LabContentError(rel, file, 'is missing.');
  return readFileSync(path, 'utf8');
}

function parseJson<T extends z.ZodType>(rel: string, dir: string, file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(rel, dir, file));
  } catch (err) {
    if (err instanceof LabContentError) throw err;
    throw new LabContentError(rel, file, `is not valid JSON (${(err as Error).message}).`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new LabContentError(rel, file, issues);
  }
  return parsed.data;
}

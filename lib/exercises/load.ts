/**
 * Reads content/exercises/ at build and test time (server components, Node tests;
 * never the browser). Every file is validated; a problem throws an error naming the
 * folder and the file.
 *
 *   <id>/exercise.json   a coding exercise (exerciseMetaSchema) with tests.ts,
 *                        starter/, solution/ and wrong/<name>/ (solutions that must fail)
 *   <id>/sim.json        a troubleshooting simulation (simMetaSchema) with checks.ts,
 *                        starter/ (the broken toy plugin) and solution/ (fixed)
 * solution/ holds only the files the solution changes; the rest come from starter/
 * (lib/labs/overlay.ts, as for labs). wrong/<name>/ likewise holds only what it changes
 * from the solution.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import type { z } from 'zod';
import { overlaySolution, readTree } from '../labs/overlay';
import { exerciseMetaSchema, simMetaSchema, EXERCISE_ID, type ExerciseMeta, type SimMeta } from './schema';

export const EXERCISES_DIR = join(process.cwd(), 'content/exercises');

export class ExerciseContentError extends Error {
  constructor(id: string, file: string, problem: string) {
    super(`Exercise content/exercises/${id}, ${file}: ${problem}`);
    this.name = 'ExerciseContentError';
  }
}

interface Common {
  id: string;
  dir: string;
  briefHtml: string;
  starter: Record<string, string>;
  solution: Record<string, string>;
}
export interface CodingExercise extends Common {
  kind: 'exercise';
  meta: ExerciseMeta;
  /** Deliberately wrong solutions by name: each must fail at least one test. */
  wrong: Record<string, Record<string, string>>;
}
export interface Simulation extends Common {
  kind: 'sim';
  meta: SimMeta;
}
export type ExerciseContent = CodingExercise | Simulation;

export function loadAllExercises(root = EXERCISES_DIR): ExerciseContent[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .filter((id) => EXERCISE_ID.test(id) && statSync(join(root, id)).isDirectory())
    .filter((id) => existsSync(join(root, id, 'exercise.json')) || existsSync(join(root, id, 'sim.json')))
    .map((id) => loadExercise(id, root));
}

export function loadExercise(id: string, root = EXERCISES_DIR): ExerciseContent {
  const dir = join(root, id);
  const kind = existsSync(join(dir, 'exercise.json')) ? 'exercise' : 'sim';
  const meta = parseJson(id, dir, `${kind}.json`, kind === 'exercise' ? exerciseMetaSchema : simMetaSchema) as ExerciseMeta | SimMeta;
  if (!meta.files.some((f) => f.path === meta.entry)) throw new ExerciseContentError(id, `${kind}.json`, `entry "${meta.entry}" is not one of its files.`);
  const codeFile = kind === 'exercise' ? 'tests.ts' : 'checks.ts';
  if (!existsSync(join(dir, codeFile))) throw new ExerciseContentError(id, codeFile, 'is missing.');

  const filesOf = (folder: string) => Object.fromEntries(meta.files.map((f) => [f.path, readText(id, dir, join(folder, f.path))]));
  const starter = filesOf('starter');
  const { solution, problems } = overlaySolution(meta.files, starter, readTree(join(dir, 'solution')));
  if (problems.length > 0) throw new ExerciseContentError(id, problems[0].file, problems[0].problem);
  const common = { id, dir: `content/exercises/${id}`, briefHtml: marked.parse(meta.brief, { async: false }), starter, solution };

  if (kind === 'sim') return { ...common, kind, meta: meta as SimMeta };
  const wrongDir = join(dir, 'wrong');
  const wrong: Record<string, Record<string, string>> = {};
  if (existsSync(wrongDir)) {
    for (const name of readdirSync(wrongDir).sort()) {
      if (!statSync(join(wrongDir, name)).isDirectory()) continue;
      // A wrong solution lists only the files it changes; the rest come from the solution.
      wrong[name] = { ...solution };
      for (const f of meta.files) if (existsSync(join(wrongDir, name, f.path))) wrong[name][f.path] = readText(id, dir, join('wrong', name, f.path));
    }
  }
  if (Object.keys(wrong).length === 0) throw new ExerciseContentError(id, 'wrong/', 'needs at least one deliberately wrong solution, to show the tests catch it.');
  return { ...common, kind, meta: meta as ExerciseMeta, wrong };
}

function readText(id: string, dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ExerciseContentError(id, file, 'is missing.');
  return readFileSync(path, 'utf8');
}

function parseJson<T extends z.ZodType>(id: string, dir: string, file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(id, dir, file));
  } catch (err) {
    if (err instanceof ExerciseContentError) throw err;
    throw new ExerciseContentError(id, file, `is not valid JSON (${(err as Error).message}).`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ExerciseContentError(id, file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

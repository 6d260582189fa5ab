/**
 * Reads content/exercises/ at build and test time (server components, Node tests;
 * never the browser). Every file is validated; a problem throws an error naming the
 * folder and the file.
 *
 *   <id>/exercise.json   a coding exercise (exerciseMetaSchema) with tests.ts,
 *                        starter/, solution/ and wrong/ (solutions that must fail)
 *   <id>/sim.json        a troubleshooting simulation (simMetaSchema) with checks.ts,
 *                        starter/ (the broken toy plugin) and solution/ (fixed)
 * solution/ holds only the files the solution changes; the rest come from starter/
 * (lib/labs/overlay.ts, as for labs).
 *
 * wrong/ proves the tests can fail, as a lab's wrong/ proves its checks can:
 *   wrong/<name>.patch     one small realistic mistake, as a unified diff against the
 *                          solution (`diff -u solution/cache.ts mine.ts`; lib/labs/patch.ts)
 *   wrong/expected.json    for each patch, the ids of the tests it must fail, no more and
 *                          no fewer, and why: `{ "<name>": { "fails": [...], "why": "..." } }`
 *                          (lib/labs/variants.ts wrongExpectationsSchema; `$` keys are comments)
 * The exercises conformance test runs every patched solution and proves both.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import type { z } from 'zod';
import { overlaySolution, readTree } from '../labs/overlay';
import { wrongExpectationsSchema } from '../labs/variants';
import { applyPatch, PatchError } from '../labs/patch';
import type { ExerciseFacts } from '../progress/completion';
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
/** A deliberately wrong solution: the solution with one `wrong/<name>.patch` applied. */
export interface WrongSolution {
  name: string;
  /** Every file of the exercise, patched. */
  files: Record<string, string>;
  /** The ids of the tests it must fail (no more, no fewer), sorted. */
  fails: string[];
  why?: string;
}

export interface CodingExercise extends Common {
  kind: 'exercise';
  meta: ExerciseMeta;
  /** Deliberately wrong solutions, by name order. */
  wrong: WrongSolution[];
}
export interface Simulation extends Common {
  kind: 'sim';
  meta: SimMeta;
}
export type ExerciseContent = CodingExercise | Simulation;

/**
 * What an exercise's status (lib/progress/completion.ts `exerciseState`) depends on, in
 * the serializable form a server page hands to the client status badge
 * (components/exercise/exercise-status-badge.tsx): the exercise list and the week pages
 * both build it here, so both decide a status from the same facts.
 */
export function exerciseFacts(exercise: ExerciseContent): ExerciseFacts {
  return { kind: exercise.kind, questionIds: exercise.kind === 'sim' ? exercise.meta.questions.map((q) => q.id) : [] };
}

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
  return { ...common, kind, meta: meta as ExerciseMeta, wrong: loadWrong(id, dir, solution) };
}

/** wrong/*.patch applied to the solution, with what wrong/expected.json says each must fail. */
function loadWrong(id: string, dir: string, solution: Record<string, string>): WrongSolution[] {
  const wrongDir = join(dir, 'wrong');
  const entries = existsSync(wrongDir) ? readdirSync(wrongDir).sort() : [];
  const names: string[] = [];
  for (const entry of entries) {
    if (statSync(join(wrongDir, entry)).isDirectory()) {
      throw new ExerciseContentError(id, `wrong/${entry}/`, `a wrong solution is one small patch, not a copy of files: replace the folder with wrong/${entry}.patch (diff -u against the solution).`);
    }
    if (entry.endsWith('.patch')) names.push(entry.slice(0, -'.patch'.length));
    else if (entry !== 'expected.json') throw new ExerciseContentError(id, `wrong/${entry}`, 'is neither a <name>.patch nor expected.json.');
  }
  if (names.length === 0) throw new ExerciseContentError(id, 'wrong/', 'needs at least one deliberately wrong solution (<name>.patch), to show the tests catch it.');
  if (!existsSync(join(wrongDir, 'expected.json'))) throw new ExerciseContentError(id, 'wrong/expected.json', 'is missing: it names the tests each wrong/<name>.patch must fail.');
  const expected = wrongExpectationsSchema.safeParse(parseJsonText(id, dir, 'wrong/expected.json'));
  if (!expected.success) throw new ExerciseContentError(id, 'wrong/expected.json', expected.error.issues.map((i) => i.message).join('; '));
  const unknown = Object.keys(expected.data).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new ExerciseContentError(id, 'wrong/expected.json', `names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'has' : 'have'} no wrong/<name>.patch.`);
  return names.map((name) => {
    const file = `wrong/${name}.patch`;
    const expectation = expected.data[name];
    if (!expectation) throw new ExerciseContentError(id, 'wrong/expected.json', `says nothing about ${file}: name the tests it must fail.`);
    let files: Record<string, string>;
    try {
      files = applyPatch(solution, readText(id, dir, file));
    } catch (err) {
      if (err instanceof PatchError) throw new ExerciseContentError(id, file, `does not apply to the solution: ${err.message}`);
      throw err;
    }
    if (Object.keys(files).every((path) => files[path] === solution[path])) throw new ExerciseContentError(id, file, 'changes nothing in the solution.');
    return { name, files, fails: [...expectation.fails].sort(), ...(expectation.why ? { why: expectation.why } : {}) };
  });
}

function readText(id: string, dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ExerciseContentError(id, file, 'is missing.');
  return readFileSync(path, 'utf8');
}

function parseJsonText(id: string, dir: string, file: string): unknown {
  try {
    return JSON.parse(readText(id, dir, file));
  } catch (err) {
    if (err instanceof ExerciseContentError) throw err;
    throw new ExerciseContentError(id, file, `is not valid JSON (${(err as Error).message}).`);
  }
}

function parseJson<T extends z.ZodType>(id: string, dir: string, file: string, schema: T): z.infer<T> {
  const raw = parseJsonText(id, dir, file);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ExerciseContentError(id, file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

/**
 * A solution folder holds only the files the solution changes, as in TutorialKit's
 * `_solution/`: the solution is the starter with those files laid over it. Read-only
 * files and files the solution leaves alone come from `starter/`. Shared by the lab
 * loader (lib/labs/load.ts) and the exercise loader (lib/exercises/load.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A file the content declares (lab.json or exercise.json `files`). */
export interface DeclaredFile {
  path: string;
  readOnly?: boolean;
}

/** What is wrong with one file of a solution folder, named relative to the content folder. */
export interface OverlayProblem {
  /** e.g. `solution/handler.ts`, or `solution/` for the folder as a whole. */
  file: string;
  problem: string;
}

/**
 * `starter` with `changed` laid over it. Problems, in file order: a file that is not
 * declared, a file of a read-only path, a file identical to its starter, and (last)
 * a solution that changes nothing. `folder` names the solution folder in messages.
 */
export function overlaySolution(
  declared: readonly DeclaredFile[],
  starter: Readonly<Record<string, string>>,
  changed: Readonly<Record<string, string>>,
  folder = 'solution',
): { solution: Record<string, string>; problems: OverlayProblem[] } {
  const solution: Record<string, string> = { ...starter };
  const problems: OverlayProblem[] = [];
  const byPath = new Map(declared.map((f) => [f.path, f]));
  for (const path of Object.keys(changed).sort()) {
    const file = byPath.get(path);
    const where = `${folder}/${path}`;
    if (!file) {
      problems.push({ file: where, problem: `is not one of the files the learner gets (${[...byPath.keys()].join(', ')}); delete it, or declare it in "files".` });
    } else if (file.readOnly) {
      problems.push({ file: where, problem: 'is a read-only file, which the solution cannot change; delete it (read-only files come from starter/).' });
    } else if (changed[path] === starter[path]) {
      problems.push({ file: where, problem: `is identical to starter/${path}; delete it (files missing from ${folder}/ come from starter/).` });
    } else {
      solution[path] = changed[path];
    }
  }
  if (problems.length === 0 && declared.every((f) => solution[f.path] === starter[f.path])) {
    problems.push({ file: `${folder}/`, problem: 'changes none of the starter files; the starter must leave something to do, and the solution must do it.' });
  }
  return { solution, problems };
}

/** Every file under `dir`, by path relative to it with `/` separators; `{}` when `dir` does not exist. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

/**
 * The variants a lab keeps to prove its checks (issue: every check proven able to fail).
 *
 *   alternative/         a second correct solution, written differently: only the files
 *                        it changes, laid over starter/ like solution/. It must pass
 *                        every check, so checks test behaviour, not one way of writing it.
 *   wrong/<name>.patch   one realistic bug as a unified diff against the *solved* lab
 *                        (starter + solution): `diff -u --label a/handler.ts --label
 *                        b/handler.ts solution/handler.ts mine.ts`, applied strictly by
 *                        lib/labs/patch.ts, as exercises' wrong solutions are.
 *   wrong/expected.json  for each variant, the ids of the checks it must fail (no more,
 *                        no fewer) and, optionally, why: `{ "<name>": ["check-id"] }` or
 *                        `{ "<name>": { "fails": ["check-id"], "why": "…" } }`. Keys
 *                        starting with `$` are comments.
 *
 * The labs conformance test (tests/unit/labs-conformance.test.ts) runs every variant
 * through the lab's checks and proves that each check fails on at least one of them.
 * Node only (reads the file system); never shipped to the browser.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LabContent } from './load';
import { readTree } from './overlay';
import { applyPatch, parsePatch, PatchError } from './patch';

const expectationSchema = z.union([
  z.array(z.string().min(1)).min(1),
  z.object({ fails: z.array(z.string().min(1)).min(1), why: z.string().min(1) }).strict(),
]);

/** `wrong/expected.json`: variant name → the checks it must fail. */
export const wrongExpectationsSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const out: Record<string, { fails: string[]; why?: string }> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith('$')) continue;
    const parsed = expectationSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `"${name}": expected a list of check ids or { "fails": [...], "why": "..." }` });
      continue;
    }
    out[name] = Array.isArray(parsed.data) ? { fails: parsed.data } : parsed.data;
  }
  return out;
});

export interface WrongVariant {
  name: string;
  /** The whole lab: the solution with the variant's patch applied. */
  files: Record<string, string>;
  /** The check ids it must fail, sorted. */
  fails: string[];
  why?: string;
}

export interface LabVariants {
  /** The alternative solution's files (over the starter), or null when the lab has none. */
  alternative: Record<string, string> | null;
  wrong: WrongVariant[];
  /** Content errors, each naming the folder and file: an undeclared or read-only file, a variant that changes nothing, a variant with no expectations… */
  problems: string[];
}

/** Lays `changed` over `base`; problems name `folder/<path>`. */
function overlay(lab: LabContent, base: Record<string, string>, changed: Record<string, string>, folder: string, problems: string[]) {
  const files = { ...base };
  const declared = new Map(lab.meta.files.map((f) => [f.path, f]));
  for (const [path, text] of Object.entries(changed)) {
    const file = declared.get(path);
    if (!file) problems.push(`${folder}/${path} is not one of the lab's files (${[...declared.keys()].join(', ')})`);
    else if (file.readOnly) problems.push(`${folder}/${path} is read-only in lab.json; a variant may only change files the learner can edit`);
    else if (text === base[path]) problems.push(`${folder}/${path} is identical to what it replaces; delete it`);
    else files[path] = text;
  }
  if (Object.keys(changed).length === 0) problems.push(`${folder}/ changes no file`);
  return files;
}

/** The solved lab with one wrong patch applied, or null (with the problem noted) when it does not apply or breaks the lab's rules. */
function patched(lab: LabContent, path: string, label: string, problems: string[]): Record<string, string> | null {
  const text = readFileSync(path, 'utf8');
  try {
    const declared = new Map(lab.meta.files.map((f) => [f.path, f]));
    for (const { path: file } of parsePatch(text)) {
      const meta = declared.get(file);
      if (!meta) problems.push(`${label} changes ${file}, which is not one of the lab's files (${[...declared.keys()].join(', ')})`);
      else if (meta.readOnly) problems.push(`${label} changes ${file}, which is read-only in lab.json; a variant may only change files the learner can edit`);
    }
    const files = applyPatch(lab.solution, text);
    if (Object.keys(files).every((file) => files[file] === lab.solution[file])) problems.push(`${label} changes nothing; delete it`);
    return files;
  } catch (err) {
    if (err instanceof PatchError) {
      problems.push(`${label}: ${err.message}`);
      return null;
    }
    throw err;
  }
}

/** Reads `alternative/` and `wrong/` of a lab (see the module comment for the layout). */
export function loadVariants(lab: LabContent, root = process.cwd()): LabVariants {
  const dir = join(root, lab.dir);
  const problems: string[] = [];
  const alternativeDir = join(dir, 'alternative');
  const alternative = existsSync(alternativeDir) ? overlay(lab, lab.starter, readTree(alternativeDir), 'alternative', problems) : null;

  const wrongDir = join(dir, 'wrong');
  const wrong: WrongVariant[] = [];
  if (existsSync(wrongDir)) {
    const expectedPath = join(wrongDir, 'expected.json');
    let expected: Record<string, { fails: string[]; why?: string }> = {};
    if (!existsSync(expectedPath)) problems.push('wrong/expected.json is missing: it names the checks each variant must fail');
    else {
      const parsed = wrongExpectationsSchema.safeParse(JSON.parse(readFileSync(expectedPath, 'utf8')));
      if (parsed.success) expected = parsed.data;
      else problems.push(...parsed.error.issues.map((i) => `wrong/expected.json: ${i.message}`));
    }
    const names: string[] = [];
    for (const entry of readdirSync(wrongDir).sort()) {
      if (statSync(join(wrongDir, entry)).isDirectory()) problems.push(`wrong/${entry}/: a wrong variant is one patch, not a copy of files: replace the folder with wrong/${entry}.patch (diff -u against the solution)`);
      else if (entry.endsWith('.patch')) names.push(entry.slice(0, -'.patch'.length));
      else if (entry !== 'expected.json') problems.push(`wrong/${entry}: neither a <name>.patch nor expected.json`);
    }
    for (const name of names) {
      const files = patched(lab, join(wrongDir, `${name}.patch`), `wrong/${name}.patch`, problems);
      const expectation = expected[name];
      if (!expectation) problems.push(`wrong/${name}.patch has no entry in wrong/expected.json`);
      else if (files) wrong.push({ name, files, fails: [...expectation.fails].sort(), ...(expectation.why ? { why: expectation.why } : {}) });
    }
    for (const name of Object.keys(expected)) if (!names.includes(name)) problems.push(`wrong/expected.json names "${name}", but there is no wrong/${name}.patch`);
  }
  return { alternative, wrong, problems };
}

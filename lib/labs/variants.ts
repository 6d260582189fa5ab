/**
 * The variants a lab keeps to prove its checks (issue: every check proven able to fail).
 *
 *   alternative/         a second correct solution, written differently: only the files
 *                        it changes, laid over starter/ like solution/. It must pass
 *                        every check, so checks test behaviour, not one way of writing it.
 *   wrong/<name>/        a small wrong patch: only the files it changes, laid over the
 *                        *solved* lab (starter + solution). Each models one realistic bug.
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
  /** The whole lab with the variant's files laid over the solution. */
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
    const names = readdirSync(wrongDir).filter((n) => statSync(join(wrongDir, n)).isDirectory()).sort();
    for (const name of names) {
      const files = overlay(lab, lab.solution, readTree(join(wrongDir, name)), `wrong/${name}`, problems);
      const expectation = expected[name];
      if (!expectation) problems.push(`wrong/${name}/ has no entry in wrong/expected.json`);
      else wrong.push({ name, files, fails: [...expectation.fails].sort(), ...(expectation.why ? { why: expectation.why } : {}) });
    }
    for (const name of Object.keys(expected)) if (!names.includes(name)) problems.push(`wrong/expected.json names "${name}", but there is no folder wrong/${name}/`);
    for (const entry of readdirSync(wrongDir)) {
      if (entry !== 'expected.json' && !statSync(join(wrongDir, entry)).isDirectory()) problems.push(`wrong/${entry}: a variant is a folder (wrong/<name>/<files>), not a file`);
    }
  }
  return { alternative, wrong, problems };
}

/**
 * Every lab in labs/: its content is valid, its solution type-checks in the editor's
 * type environment and passes every check, and its starter fails at least one check
 * without breaking the check runner. Every check is proven able to fail: each lab keeps
 * an alternative correct solution that must pass, and small wrong patches (`wrong/`,
 * lib/labs/variants.ts) that each fail exactly the checks they name; every check is
 * named by at least one of them.
 *
 * solution/ holds only the files that change (lib/labs/overlay.ts), so the solution is
 * type-checked in memory (lib/labs/type-check.ts), not by tsc on the folder.
 *
 * A graded Run draws a seed (lib/upstreams/seed.ts) for its clock and the upstream's
 * data. Here each lab gets a fixed seed of its own, so a failure can be reproduced; and
 * the solution also runs under a few other seeds, since it must pass under any.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { LabCheck } from '@/lib/checks/types';
import { loadAllLabs, type LabContent } from '@/lib/labs/load';
import { readTree } from '@/lib/labs/overlay';
import { loadVariants } from '@/lib/labs/variants';
import { transpileErrors, typeCheckFiles, type LabTypeError } from '@/lib/labs/type-check';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import { editorTypeFiles } from '@/scripts/build-monaco-types.mjs';
import artifactKind from '@/lib/kinds/artifact/index';
import { createOperateContext } from '@/lib/kinds/operate/context';
import { hashString, mulberry32, shuffled } from '@/lib/random';

const labs = loadAllLabs();

const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());
const { files: editorTypes } = editorTypeFiles();

/** `labs/week-2/01-first-query-path/solution/handler.ts:12:5: message`, naming the folder the text came from. */
function where(lab: LabContent, e: LabTypeError, folder: (file: string) => string): string {
  return `${lab.dir}/${folder(e.file)}:${e.line}:${e.column}: ${e.message}`;
}

async function checksOf(lab: LabContent): Promise<LabCheck[]> {
  const module = await import(join(process.cwd(), lab.dir, 'checks.ts'));
  return module.default as LabCheck[];
}

/** The seed a lab's checks run with here: fixed per lab, so every run of this test sees the same data. */
const seedOf = (lab: LabContent) => hashString(lab.id);

/** A permutation of 0…n-1 fixed by `seed`, so a failure names an order that can be replayed. */
function seededOrder(n: number, seed: number): number[] {
  return shuffled(Array.from({ length: n }, (_, i) => i), mulberry32(seed >>> 0));
}

/** The check context of the lab's kind (artifact labs simulate; handler labs run the sandbox, with a seeded Run). */
function contextFor(lab: LabContent, files: Record<string, string>, seed = seedOf(lab)) {
  if (lab.meta.kind === 'artifact') return artifactKind.checkContext({ sandbox }, { id: lab.id, meta: lab.meta }, files, new AbortController().signal) as never;
  if (lab.meta.kind === 'operate') return createOperateContext(sandbox, lab.meta.entry!, files, undefined, { seed }) as never;
  return createCheckContext(sandbox, lab.meta, files, undefined, { seed });
}

describe('labs', () => {
  it('exist', () => {
    expect(labs.length).toBeGreaterThan(0);
  });

  describe.each(labs.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
    const variants = loadVariants(lab);
    it('has checks with unique ids, each tied to a task in its README', async () => {
      const checks = await checksOf(lab);
      expect(checks.length).toBeGreaterThan(0);
      expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
      for (const check of checks) expect(check.task).toBeGreaterThanOrEqual(1), expect(check.task).toBeLessThanOrEqual(lab.tasks.length);
      const tasksWithChecks = new Set(checks.map((c) => c.task));
      expect([...lab.tasks.keys()].filter((i) => !tasksWithChecks.has(i + 1))).toEqual([]);
    });

    // Read-only files are reading material (a code tour's React query editor, say) that
    // never runs in the sandbox and may import what it lacks: only editable ones count.
    const readOnly = new Set(lab.meta.files.filter((f) => f.readOnly).map((f) => f.path));
    it('solution type-checks as the editor would check it', () => {
      const changed = readTree(join(process.cwd(), lab.dir, 'solution'));
      const folder = (file: string) => `${file in changed ? 'solution' : 'starter'}/${file}`;
      const errors = typeCheckFiles(lab.solution, editorTypes).filter((e) => !readOnly.has(e.file));
      expect(errors.map((e) => where(lab, e, folder))).toEqual([]);
    }, 60_000);

    it.skipIf(!variants.alternative)('alternative solution type-checks as the editor would check it', () => {
      const changed = readTree(join(process.cwd(), lab.dir, 'alternative'));
      const folder = (file: string) => `${file in changed ? 'alternative' : 'starter'}/${file}`;
      const errors = typeCheckFiles(variants.alternative!, editorTypes).filter((e) => !readOnly.has(e.file));
      expect(errors.map((e) => where(lab, e, folder))).toEqual([]);
    }, 60_000);

    it('alternative/ and wrong/ are well formed, and every wrong variant transpiles', () => {
      const errors: string[] = [...variants.problems];
      for (const variant of variants.wrong) {
        for (const [path, text] of Object.entries(variant.files)) {
          if (text === lab.solution[path]) continue;
          errors.push(...transpileErrors(path, text).map((e) => where(lab, e, (file) => `wrong/${variant.name}.patch → ${file}`)));
        }
      }
      expect(errors).toEqual([]);
    });

    it('an alternative solution, written differently, passes every check', async () => {
      expect(variants.alternative, `${lab.dir}/alternative/ is missing: keep a second correct solution there`).not.toBeNull();
      const results = await runChecks(await checksOf(lab), contextFor(lab, variants.alternative!));
      expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.actual ?? r.status}`)).toEqual([]);
    });

    it('every check fails on at least one wrong variant', async () => {
      const ids = (await checksOf(lab)).map((c) => c.id);
      const named = new Set(variants.wrong.flatMap((v) => v.fails));
      expect(ids.filter((id) => !named.has(id)), `checks no wrong/ variant of ${lab.dir} fails`).toEqual([]);
      expect([...named].filter((id) => !ids.includes(id)), 'wrong/expected.json names checks the lab does not have').toEqual([]);
    });

    for (const variant of variants.wrong) {
      it(`wrong/${variant.name} fails exactly ${variant.fails.join(', ')}`, async () => {
        const results = await runChecks(await checksOf(lab), contextFor(lab, variant.files));
        expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
        expect(results.filter((r) => r.status !== 'pass').map((r) => r.id).sort()).toEqual(variant.fails);
      });
    }

    it('solution passes every check, listed order and last to first', async () => {
      const checks = await checksOf(lab);
      const backwards = checks.map((_, i) => checks.length - 1 - i);
      const reversed = await runChecks(checks, contextFor(lab, lab.solution), undefined, undefined, backwards);
      expect(reversed.filter((r) => r.status !== 'pass').map((r) => `last to first: ${r.id}: ${r.actual ?? r.status}`)).toEqual([]);
      const results = await runChecks(checks, contextFor(lab, lab.solution));
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    });

    // A kind that runs a Run's checks a few at once in the app (LabKind.checkLanes) is
    // proven the same way here: the right solutions pass and each wrong one fails the same checks.
    const lanes = lab.meta.kind === 'artifact' ? (artifactKind.checkLanes ?? 1) : 1;
    it.skipIf(lanes === 1)(`with ${lanes} checks at once, as the app runs them, the verdicts are the same`, async () => {
      const checks = await checksOf(lab);
      const inLanes = (files: Record<string, string>) => runChecks(checks, contextFor(lab, files), undefined, undefined, undefined, lanes);
      for (const files of [lab.solution, variants.alternative!]) expect((await inLanes(files)).filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
      for (const variant of variants.wrong) {
        expect((await inLanes(variant.files)).filter((r) => r.status !== 'pass').map((r) => r.id).sort(), `wrong/${variant.name}`).toEqual(variant.fails);
      }
    }, 120_000);

    // Other clocks, ranges and series, and the checks in another order (a Run draws both):
    // nothing in the checks may depend on one Run's data or on the checks run before.
    it.skipIf(lab.meta.kind === 'artifact')('solution passes every check under other seeds and in other orders', async () => {
      for (const seed of [1, 0xffff_ffff, seedOf(lab) ^ 0x5eed_5eed]) {
        const checks = await checksOf(lab);
        const results = await runChecks(checks, contextFor(lab, lab.solution, seed >>> 0), undefined, undefined, seededOrder(checks.length, seed));
        expect(results.filter((r) => r.status !== 'pass').map((r) => `seed ${seed >>> 0}: ${r.id}: ${r.actual ?? r.status}`)).toEqual([]);
      }
    });

    it('starter fails at least one check, and no check breaks', async () => {
      const results = await runChecks(await checksOf(lab), contextFor(lab, lab.starter));
      expect(results.some((r) => r.status !== 'pass')).toBe(true);
      expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
    });
  });
});

/**
 * Every lab in labs/: its content is valid, its solution passes every check, and its
 * starter fails at least one check without breaking the check runner.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { LabCheck } from '@/lib/checks/types';
import { loadAllLabs, type LabContent } from '@/lib/labs/load';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import artifactKind from '@/lib/kinds/artifact/index';

const labs = loadAllLabs();
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

async function checksOf(lab: LabContent): Promise<LabCheck[]> {
  const module = await import(join(process.cwd(), lab.dir, 'checks.ts'));
  return module.default as LabCheck[];
}

/** The check context of the lab's kind (artifact labs simulate; handler labs run the sandbox). */
function contextFor(lab: LabContent, files: Record<string, string>) {
  if (lab.meta.kind === 'artifact') return artifactKind.checkContext({ sandbox }, { id: lab.id, meta: lab.meta }, files, new AbortController().signal) as never;
  return createCheckContext(sandbox, lab.meta, files);
}

describe('labs', () => {
  it('exist', () => {
    expect(labs.length).toBeGreaterThan(0);
  });

  describe.each(labs.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
    it('has checks with unique ids, each tied to a task in its README', async () => {
      const checks = await checksOf(lab);
      expect(checks.length).toBeGreaterThan(0);
      expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
      for (const check of checks) expect(check.task).toBeGreaterThanOrEqual(1), expect(check.task).toBeLessThanOrEqual(lab.tasks.length);
      const tasksWithChecks = new Set(checks.map((c) => c.task));
      expect([...lab.tasks.keys()].filter((i) => !tasksWithChecks.has(i + 1))).toEqual([]);
    });

    it('solution passes every check', async () => {
      const results = await runChecks(await checksOf(lab), contextFor(lab, lab.solution));
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    });

    it('starter fails at least one check, and no check breaks', async () => {
      const results = await runChecks(await checksOf(lab), contextFor(lab, lab.starter));
      expect(results.some((r) => r.status !== 'pass')).toBe(true);
      expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
    });
  });
});

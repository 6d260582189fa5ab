// Temporary (helper "week2"): conformance for the week-2 labs only; deleted before hand-over.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { LabCheck } from '@/lib/checks/types';
import { loadLab, type LabContent } from '@/lib/labs/load';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';

const only = process.env.WEEK2_LAB;
const labs = readdirSync('labs/week-2')
  .filter((d) => /^\d\d-/.test(d) && (!only || d.includes(only)))
  .map((d) => loadLab(join(process.cwd(), 'labs/week-2', d), 2, Number(d.slice(0, 2)), d.slice(3)));
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());
const checksOf = async (lab: LabContent) => (await import(join(process.cwd(), lab.dir, 'checks.ts'))).default as LabCheck[];

describe.each(labs.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  it('tasks covered', async () => {
    const checks = await checksOf(lab);
    const covered = new Set(checks.map((c) => c.task));
    expect([...lab.tasks.keys()].filter((i) => !covered.has(i + 1))).toEqual([]);
  });
  it('solution passes', async () => {
    const results = await runChecks(await checksOf(lab), createCheckContext(sandbox, lab.meta, lab.solution));
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  });
  it('starter fails', async () => {
    const results = await runChecks(await checksOf(lab), createCheckContext(sandbox, lab.meta, lab.starter));
    console.log(lab.id, results.map((r) => `${r.status} ${r.id}${r.actual ? ': ' + r.actual : ''}`).join('\n'));
    expect(results.some((r) => r.status !== 'pass')).toBe(true);
    expect(results.filter((r) => r.actual?.startsWith('The check itself failed'))).toEqual([]);
  });
});

/**
 * Conformance of the Week 3 pipeline lab: the starter fails, the solution and an
 * alternative written differently pass, each wrong variant fails exactly the checks
 * its note names, and every check is failed by at least one wrong variant.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckFailure } from '@/lib/checks/assert';
import checks from '@/labs/week-3/01-pipeline-quality-gate/checks';
import { labMetaSchema } from '@/lib/labs/schema';
import kind from './index';

const DIR = join(process.cwd(), 'labs/week-3/01-pipeline-quality-gate');
const WORKFLOW = '.github/workflows/ci.yml';
const meta = labMetaSchema.parse(JSON.parse(readFileSync(join(DIR, 'lab.json'), 'utf8')));
const context = ['package.json', 'go.mod', 'Magefile.go', 'scripts/check-tag.mjs'];
const base = Object.fromEntries(context.map((f) => [f, readFileSync(join(DIR, 'starter', f), 'utf8')]));

/** Ids of the checks that fail (or error) for a workflow. */
async function failing(workflow: string): Promise<string[]> {
  const files = { ...base, [WORKFLOW]: workflow };
  const env = { sandbox: undefined as never };
  const ctx = kind.checkContext(env, { id: 'week-3/pipeline-quality-gate', meta }, files, new AbortController().signal);
  const out: string[] = [];
  for (const check of checks) {
    try {
      await check.run(ctx);
    } catch (err) {
      if (!(err instanceof CheckFailure)) throw err;
      out.push(check.id);
    }
  }
  return out;
}

const read = (...p: string[]) => readFileSync(join(DIR, ...p), 'utf8');
const expected = JSON.parse(read('wrong', 'expected.json')) as Record<string, string[]>;
const variants = readdirSync(join(DIR, 'wrong')).filter((f) => f.endsWith('.yml')).map((f) => f.replace(/\.yml$/, ''));

describe('week 3 pipeline lab', () => {
  it('the starter fails most checks', async () => {
    const failed = await failing(read('starter', WORKFLOW));
    expect(failed.length).toBeGreaterThanOrEqual(checks.length - 2);
  });
  it('the solution passes every check', async () => {
    expect(await failing(read('solution', WORKFLOW))).toEqual([]);
  });
  it('an alternative solution written differently passes every check', async () => {
    expect(await failing(read('alternative', WORKFLOW))).toEqual([]);
  });
  it('every wrong variant has a note in expected.json', () => {
    expect(variants.sort()).toEqual(Object.keys(expected).filter((k) => !k.startsWith('$')).sort());
  });
  for (const name of variants) {
    it(`wrong/${name} fails exactly ${(expected[name] ?? []).join(', ')}`, async () => {
      expect((await failing(read('wrong', `${name}.yml`))).sort()).toEqual([...(expected[name] ?? [])].sort());
    });
  }
  it('every check fails on at least one wrong variant', () => {
    const covered = new Set(Object.entries(expected).filter(([k]) => !k.startsWith('$')).flatMap(([, v]) => v));
    expect(checks.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

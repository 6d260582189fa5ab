/**
 * The Week 3 pipeline lab beyond the labs conformance test (which proves the starter
 * fails, the solution and alternative/ pass, and each wrong/ variant fails exactly the
 * checks it names): the starter is far from done, so most checks fail on it.
 */
import { readFileSync } from 'node:fs';
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
  const ctx = kind.checkContext({ sandbox: undefined as never }, { id: 'week-3/pipeline-quality-gate', meta }, files, new AbortController().signal);
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

describe('week 3 pipeline lab', () => {
  it('the starter fails most checks', async () => {
    const failed = await failing(readFileSync(join(DIR, 'starter', WORKFLOW), 'utf8'));
    expect(failed.length).toBeGreaterThanOrEqual(checks.length - 2);
  });
});

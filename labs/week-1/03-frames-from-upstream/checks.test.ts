/**
 * The checks catch each task's own mistake: the solution with one thing undone fails
 * that task's checks and no others. (The conformance test covers starter and solution.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import { loadAllLabs } from '@/lib/labs/load';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import checks from './checks';

const lab = loadAllLabs().find((l) => l.id === 'week-1/frames-from-upstream')!;
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

async function failing(frames: string) {
  const results = await runChecks(checks, createCheckContext(sandbox, lab.meta, { ...lab.solution, 'frames.ts': frames }, undefined, { seed: 19 }));
  return results.filter((r) => r.status !== 'pass');
}

/** The solution's frames.ts with `from` replaced by `to`, failing loudly if `from` is gone. */
function mutate(from: string, to: string): string {
  const source = lab.solution['frames.ts'];
  if (!source.includes(from)) throw new Error(`frames.ts no longer contains ${JSON.stringify(from)}: update this test`);
  return source.replace(from, to);
}

describe('frames-from-upstream checks', () => {
  it('the starter fails with the checker’s plain words', async () => {
    const results = await failing(lab.starter['frames.ts']);
    const first = results.find((r) => r.id === 'multi-follows-contract');
    expect(first?.actual).toMatch(/frame 0 has no meta.type/);
    expect(results.map((r) => r.id)).toEqual(checks.map((c) => c.id));
  });

  it('meta.type set but times in seconds and values as text: the checker names both', async () => {
    const source = mutate('[t * 1000, sampleValue(v)]', '[t, v as unknown as number]');
    const [result] = (await failing(source)).filter((r) => r.id === 'multi-follows-contract');
    expect(result.actual).toMatch(/looks like it holds seconds/);
    expect(result.actual).toMatch(/has type number but holds text at row 0/);
  });

  it('without sorting, only the out-of-order check for multi fails (long and wide sort their rows anyway)', async () => {
    const source = mutate('.sort((a, b) => a[0] - b[0]);', ';');
    const results = await failing(source);
    expect(results.map((r) => r.id)).toEqual(['multi-sorted']);
    expect(results[0].actual).toMatch(/is not sorted: row \d+ \(.*\) is earlier than row \d+/);
  });

  it('Number() for every sample turns "+Inf" into NaN: only the special-values check fails, quoting what the upstream sent', async () => {
    const results = await failing(mutate('[t * 1000, sampleValue(v)]', '[t * 1000, Number(v)]'));
    expect(results.map((r) => r.id)).toEqual(['multi-special-values']);
    expect(results[0].actual).toMatch(/the value should be (-?Infinity) \(the upstream sent "[-+]Inf"\) but it is NaN/);
  });

  it('displayName instead of displayNameFromDS fails the unit-and-name check', async () => {
    const results = await failing(mutate('{ displayNameFromDS: seriesTitle', '{ displayName: seriesTitle'));
    expect(results.map((r) => r.id)).toEqual(['units-and-display-names', 'wide-frame']);
  });

  it('a wide frame that repeats times fails the wide checks with the duplicate-timestamp rule', async () => {
    const results = await failing(mutate('const times = [...new Set<number>(time.values)]', 'const times = [...time.values]'));
    expect(results.map((r) => r.id)).toEqual(['wide-frame', 'wide-from-disorder', 'wide-unaligned']);
    expect(results[0].actual).toMatch(/duplicate timestamp .* at rows 0 and 1 \(a wide frame needs one row per time/);
  });

  it('a value field named `Value`, as Grafana\'s own data sources name it, passes: legends leave that name out', async () => {
    const multi = "{ name: metric, type: FieldType.number, labels, values: sorted.map(([, v]) => v)";
    expect(await failing(mutate(multi, multi.replace('name: metric', "name: 'Value'")))).toEqual([]);
  });

  it('a value field named `value` is another series, and the check says Grafana\'s name', async () => {
    const multi = "{ name: metric, type: FieldType.number, labels, values: sorted.map(([, v]) => v)";
    const results = await failing(mutate(multi, multi.replace('name: metric', "name: 'value'")));
    expect(results.map((r) => r.id)).toEqual(['multi-matches-upstream', 'multi-special-values', 'multi-sorted']);
    expect(results[0].expected).toMatch(/named after the metric or `Value`/);
  });
});

/**
 * A handler that recognises a check by counting its runs must fail.
 *
 * The attack (issue 19, section 1): identical requests that differ only in what the
 * upstream does (a 429, a 503, a body that is not JSON) were told apart "with a counter
 * kept alive between runs": within a Run the checks always ran in the same order, so
 * the n-th run of the handler always served the same check. State that lives as long as
 * a Run's realm (here a performance mark, which no tamper check sees) holds the count.
 *
 * Here the attacker is given, as a constant, what the solution answered in each run of a
 * Run, by position: which refIds got an error, and which. It counts its runs and, where
 * the tape says "error", answers that error without parsing the query or reading the
 * upstream; everything else it does as the solution does. In the order it learnt from it
 * passes every check (so the attack is real); in any other order of the checks, or under
 * another Run's seed (which also redraws the order of identical requests inside a check),
 * it fails.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import { loadAllLabs } from '@/lib/labs/load';
import { mulberry32, shuffled } from '@/lib/random';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import checks from '@/labs/week-2/01-first-query-path/checks';

const lab = loadAllLabs().find((l) => l.id === 'week-2/first-query-path')!;
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

const SEED = 4242;
/** Checks whose requests are identical but for the upstream's fault: counting is all that could tell them apart. */
const FAULT_CHECKS = ['upstream-failures'];

/** Per queryData run of a Run, in order: the error the solution answered for each refId (null: frames). */
type Tape = Record<string, { category: string; message: string } | null>[];

async function recordTape(seed: number): Promise<Tape> {
  const ctx = createCheckContext(sandbox, lab.meta, lab.solution, undefined, { seed });
  const tape: Tape = [];
  const recording: CheckContext = {
    ...ctx,
    async query(options) {
      const record = await ctx.query(options);
      if (record.output.ok) {
        tape.push(Object.fromEntries(Object.entries(record.output.value.responses).map(([refId, r]) => [refId, r.error ? { category: r.error.category, message: r.error.message } : null])));
      } else {
        tape.push({});
      }
      return record;
    },
  };
  const results = await runChecks(checks, recording);
  expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  return tape;
}

/** The solution's handler, but answering the taped error for the n-th run of the realm, n counted with performance marks. */
function countingHandler(tape: Tape): string {
  const solution = lab.solution['handler.ts'];
  const entry = 'async function runQuery(req: QueryDataRequest, query: DataQuery, ctx: HandlerContext): Promise<DataResponse> {';
  expect(solution).toContain(entry);
  const counted = solution
    .replace(
      'export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {',
      `const TAPE: Record<string, { category: string; message: string } | null>[] = ${JSON.stringify(tape)};
let runIndex = -1;
export async function queryData(req: QueryDataRequest, ctx: HandlerContext): Promise<QueryDataResponse> {
  // Module state is new every run; a mark lives as long as the realm.
  runIndex = performance.getEntriesByName('attack:run').length;
  performance.mark('attack:run');`,
    )
    .replace(
      entry,
      `${entry}
  const taped = TAPE[runIndex]?.[query.refId];
  if (taped) return { error: taped } as DataResponse;`,
    );
  return counted;
}

/** A permutation of 0…n-1 from `seed`, different from the listed order. */
function otherOrder(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  const listed = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    const order = shuffled(listed, random);
    if (order.some((v, i) => v !== i)) return order;
  }
}

/** A sandbox of its own per Run, as the app gives each Run fresh realms (host sessions): marks start from zero. */
async function runAttack(files: Record<string, string>, seed: number, order?: number[]) {
  const own = createNodeSandbox();
  try {
    return await runChecks(checks as LabCheck[], createCheckContext(own, lab.meta, files, undefined, { seed }), undefined, undefined, order);
  } finally {
    own.dispose();
  }
}

describe('a handler that counts its runs to recognise checks', () => {
  it('passes in the order it learnt, and fails when the checks run in another order or under another seed', async () => {
    const tape = await recordTape(SEED);
    const files = { ...lab.solution, 'handler.ts': countingHandler(tape) };
    const failing = (results: Awaited<ReturnType<typeof runAttack>>) => results.filter((r) => r.status !== 'pass').map((r) => r.id);

    // The control: the Run it learnt from, checks in the listed order. The attack works.
    expect(failing(await runAttack(files, SEED))).toEqual([]);

    // The checks in other orders (a Run draws one): every order fails some check.
    const failedSomewhere = new Set<string>();
    for (const orderSeed of [1, 2, 3]) {
      const failed = failing(await runAttack(files, SEED, otherOrder(checks.length, orderSeed)));
      expect(failed.length, `order seed ${orderSeed}`).toBeGreaterThan(0);
      failed.forEach((id) => failedSomewhere.add(id));
    }
    expect([...failedSomewhere]).toEqual(expect.arrayContaining(FAULT_CHECKS));

    // Even in the listed order, another Run's seed redraws the order of the identical fault requests.
    const underOtherSeeds = new Set<string>();
    for (const seed of [SEED + 1, SEED + 2, SEED + 3]) failing(await runAttack(files, seed)).forEach((id) => underOtherSeeds.add(id));
    expect([...underOtherSeeds]).toEqual(expect.arrayContaining(FAULT_CHECKS));
  }, 240_000);
});
